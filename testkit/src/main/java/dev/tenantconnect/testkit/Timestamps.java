package dev.tenantconnect.testkit;

import java.util.regex.Pattern;

/**
 * Date-times as Microsoft's services write them: at most 7 fractional digits of a second (Graph's
 * {@code Edm.DateTimeOffset} values, e.g. {@code 2026-11-22T08:15:26.1234567Z}; .NET's tick is 100 ns). Java's
 * {@code Instant.toString()} writes up to 9, which no Microsoft answer holds: the engine trims every answer once,
 * so no endpoint has to remember.
 */
final class Timestamps {
    private static final Pattern TOO_PRECISE = Pattern.compile("(\\dT\\d{2}:\\d{2}:\\d{2}\\.\\d{7})\\d{1,2}(Z|[+-]\\d{2}:\\d{2})");

    private Timestamps() {
    }

    /**
     * @param json an answer body
     * @return the body with every date-time cut to 7 fractional digits
     */
    static String trimmed(String json) {
        if (json == null || json.indexOf('T') < 0) {
            return json;
        }
        return TOO_PRECISE.matcher(json).replaceAll("$1$2");
    }
}
