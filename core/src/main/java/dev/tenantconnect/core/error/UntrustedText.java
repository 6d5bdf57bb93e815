package dev.tenantconnect.core.error;

/**
 * Makes a value that came from outside (a file header, a database row, a server's answer, a command line) safe to put
 * into an exception message or a log line: control characters (line breaks included, so no forged log line),
 * Unicode line/paragraph separators and bidirectional overrides are shown as {@code \\uXXXX} escapes, and the text is
 * cut to a bounded length. Use it wherever untrusted text enters a message; never pass a secret through it (it does
 * not hide anything, it only neutralises).
 */
public final class UntrustedText {
    /** The default length bound, in characters, before the text is cut. */
    public static final int DEFAULT_MAX = 80;

    private UntrustedText() {
    }

    /**
     * @param value the untrusted text; {@code null} is shown as {@code (none)}
     * @return the text, neutralised and cut to {@link #DEFAULT_MAX} characters
     */
    public static String of(String value) {
        return of(value, DEFAULT_MAX);
    }

    /**
     * @param value a text that may quote untrusted values
     * @return the text with every character {@link #unsafe(char)} would flag shown as a {@code \\uXXXX} escape,
     *     not cut (the same object when nothing needed escaping)
     */
    public static String escape(String value) {
        return hasUnsafe(value) ? of(value, value.length()) : value;
    }

    /**
     * @param value the untrusted text; {@code null} is shown as {@code (none)}
     * @param max how many characters of the value to keep at most (at least 1)
     * @return the text, neutralised and cut; a cut is marked with {@code ...(N chars)}
     */
    public static String of(String value, int max) {
        if (value == null) {
            return "(none)";
        }
        int keep = Math.min(value.length(), Math.max(1, max));
        StringBuilder b = new StringBuilder(keep + 16);
        for (int i = 0; i < keep; i++) {
            char c = value.charAt(i);
            if (unsafe(c)) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (keep < value.length()) {
            b.append("...(").append(value.length()).append(" chars)");
        }
        return b.toString();
    }

    /**
     * @param c a character
     * @return whether it must not appear raw in a message: C0/C1 controls, DEL, line/paragraph separators,
     *     bidirectional embedding/override/isolate controls, byte-order mark
     */
    public static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e'
                || c == '\u200f' || c == '\ufeff';
    }

    /**
     * @param value a text
     * @return whether it holds a character {@link #unsafe(char)} would escape
     */
    public static boolean hasUnsafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (unsafe(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
