package dev.tenantconnect.leaks;

import dev.tenantconnect.leaks.internal.ExceptionMessages;
import dev.tenantconnect.leaks.internal.Needles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Looks for {@link LeakRegistry registered} values in text, and keeps what it found until a test class ends, when
 * {@link LeakScannerExtension} fails that class. Tests that capture output themselves (the CLI's) hand it here.
 * Reports name the kind of value and where it was seen, never the value.
 */
public final class LeakScanner {
    private static final List<String> FINDINGS = new CopyOnWriteArrayList<>();

    private LeakScanner() {
    }

    /**
     * Scans text and records every registered value found in it.
     *
     * @param where where the text came from ("CLI output of verify", "log line"), for the report
     * @param text the text
     * @return the kinds of value found, empty if clean
     */
    public static List<String> scan(String where, CharSequence text) {
        List<String> kinds = Needles.GLOBAL.find(text);
        if (!kinds.isEmpty()) {
            FINDINGS.add(String.join(" / ", kinds) + " in " + where + ": \"" + Needles.GLOBAL.masked(text, 160)
                    + "\"");
        }
        return kinds;
    }

    /**
     * Scans a throwable: the message and stack trace of it and of every cause and suppressed exception.
     *
     * @param where where it was seen
     * @param t the throwable
     * @return the kinds of value found, empty if clean
     */
    public static List<String> scan(String where, Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return scan(where, w.toString());
    }

    /**
     * Scans an object's {@code toString()}.
     *
     * @param value the object
     * @return the kinds of value found, empty if clean
     */
    public static List<String> scanToString(Object value) {
        return scan("toString() of " + value.getClass().getName(), String.valueOf(value));
    }

    /**
     * Waits until everything written or thrown before this call has been scanned: flushes standard output and
     * error, and waits for the flight recording to deliver the exception events.
     */
    public static void settle() {
        System.out.flush();
        System.err.flush();
        ExceptionMessages.awaitDelivered();
    }

    /** @return what was found since the last {@link #takeFindings()}, and forgets it */
    public static List<String> takeFindings() {
        List<String> out = new ArrayList<>(FINDINGS);
        FINDINGS.removeAll(out);
        return out;
    }
}
