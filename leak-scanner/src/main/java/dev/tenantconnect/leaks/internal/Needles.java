package dev.tenantconnect.leaks.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The registered values and a multi-pattern search over them (Rabin-Karp on a {@value #KEY}-character key), so a
 * scan costs one pass over the text however many values are registered.
 */
public final class Needles {
    /** Values shorter than this are not registered. */
    public static final int MINIMUM = 16;
    /** A value longer than this is also found by its first and by its last this-many characters. */
    public static final int WINDOW = 24;
    /** The one set of registered values in this JVM. */
    public static final Needles GLOBAL = new Needles();

    private static final int KEY = MINIMUM;
    private static final long BASE = 1_000_003L;
    private static final long BASE_POW;

    static {
        long p = 1;
        for (int i = 0; i < KEY; i++) {
            p *= BASE;
        }
        BASE_POW = p;
    }

    private record Needle(String kind, String value) {
    }

    private final Map<Long, List<Needle>> byKey = new ConcurrentHashMap<>();
    private final Set<String> values = ConcurrentHashMap.newKeySet();
    private final AtomicInteger registered = new AtomicInteger();

    /**
     * @param kind what the value is
     * @param value the value; ignored when shorter than {@link #MINIMUM}
     */
    public void add(String kind, String value) {
        if (value == null || value.length() < MINIMUM) {
            return;
        }
        registered.incrementAndGet();
        put(kind, value);
        if (value.length() > WINDOW) {
            put(kind + " (its first " + WINDOW + " characters)", value.substring(0, WINDOW));
            put(kind + " (its last " + WINDOW + " characters)", value.substring(value.length() - WINDOW));
        }
    }

    private void put(String kind, String value) {
        if (values.add(value)) {
            byKey.computeIfAbsent(hash(value, 0), k -> new CopyOnWriteArrayList<>()).add(new Needle(kind, value));
        }
    }

    /** @return how many values were registered */
    public int size() {
        return registered.get();
    }

    /**
     * @param text the text to search
     * @return the kinds of the registered values found in it, without repeats
     */
    public List<String> find(CharSequence text) {
        Set<String> kinds = new LinkedHashSet<>();
        each(text, (n, at) -> kinds.add(n.kind()));
        return new ArrayList<>(kinds);
    }

    /**
     * @param text the text
     * @param max the longest excerpt to return
     * @return the text with every registered value found in it replaced by {@code [LEAK]}, cut to {@code max}
     *     characters around the first hit, so a report can show the context without repeating the value
     */
    public String masked(CharSequence text, int max) {
        boolean[] hidden = new boolean[text.length()];
        int[] first = {-1};
        each(text, (n, at) -> {
            for (int i = at; i < at + n.value().length(); i++) {
                hidden[i] = true;
            }
            if (first[0] < 0 || at < first[0]) {
                first[0] = at;
            }
        });
        StringBuilder out = new StringBuilder();
        int from = Math.max(0, first[0] - max / 2);
        int to = Math.min(text.length(), from + max);
        for (int i = from; i < to; i++) {
            if (hidden[i]) {
                if (i == from || !hidden[i - 1]) {
                    out.append("[LEAK]");
                }
            } else {
                char c = text.charAt(i);
                out.append(c == '\n' || c == '\r' ? ' ' : c);
            }
        }
        return out.toString();
    }

    private interface Hit {
        void at(Needle n, int index);
    }

    private void each(CharSequence text, Hit hit) {
        if (text.length() < KEY || byKey.isEmpty()) {
            return;
        }
        long h = hash(text, 0);
        for (int i = 0; ; i++) {
            List<Needle> candidates = byKey.get(h);
            if (candidates != null) {
                for (Needle n : candidates) {
                    if (matches(text, i, n.value())) {
                        hit.at(n, i);
                    }
                }
            }
            if (i + KEY >= text.length()) {
                return;
            }
            h = h * BASE + text.charAt(i + KEY) - text.charAt(i) * BASE_POW;
        }
    }

    private static boolean matches(CharSequence text, int at, String value) {
        if (at + value.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (text.charAt(at + i) != value.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long hash(CharSequence s, int from) {
        long h = 0;
        for (int i = from; i < from + KEY; i++) {
            h = h * BASE + s.charAt(i);
        }
        return h;
    }
}
