package dev.tenantconnect.core.internal;

import dev.tenantconnect.core.error.ValidationException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Shared input checks for the value types. Not API. */
public final class Checks {
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Checks() {
    }

    /**
     * @param field the field name for the error
     * @param value the value that must be present
     * @return the value
     */
    public static String present(String field, String value) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        return value;
    }

    /**
     * Parses a GUID in its canonical 8-4-4-4-12 form (optionally in braces), as Entra shows it.
     *
     * @param field the field name for errors
     * @param raw the text
     * @return the parsed UUID
     */
    public static UUID guid(String field, String raw) {
        String s = present(field, raw).strip();
        if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty()) {
            throw new ValidationException(field, "must not be blank");
        }
        if (!GUID.matcher(s).matches()) {
            throw new ValidationException(field, "must be a GUID like 00000000-0000-0000-0000-000000000000");
        }
        return UUID.fromString(s.toLowerCase(Locale.ROOT));
    }

    /**
     * @param raw the text
     * @return whether it looks like a GUID
     */
    public static boolean looksLikeGuid(String raw) {
        String s = raw.strip();
        if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1);
        }
        return GUID.matcher(s).matches();
    }
}
