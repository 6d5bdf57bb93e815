package dev.tenantconnect.core.model;

import dev.tenantconnect.core.error.ValidationException;
import java.util.Objects;

/**
 * The name of an app registration created for a customer (the app-registration wizard's naming rules): 3 to 15
 * characters; letters, digits and special characters allowed, except {@code \ / : * ? " < > |}, the dot and blanks.
 * Uniqueness per service is checked by the service that stores names, not here.
 *
 * @param value the name
 */
public record AppRegistrationName(String value) {
    /** The characters the wizard's naming rules forbid besides the dot and blanks. */
    public static final String FORBIDDEN = "\\/:*?\"<>|";
    private static final String FIELD = "appRegistrationName";

    /** Validates the wizard's naming rules. */
    public AppRegistrationName {
        Objects.requireNonNull(value, "value");
        int length = value.codePointCount(0, value.length());
        if (length < 3 || length > 15) {
            throw new ValidationException(FIELD, "must be 3 to 15 characters long");
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (FORBIDDEN.indexOf(cp) >= 0) {
                throw new ValidationException(FIELD, "must not contain any of \\ / : * ? \" < > |");
            }
            if (cp == '.') {
                throw new ValidationException(FIELD, "must not contain a dot");
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                throw new ValidationException(FIELD, "must not contain blanks");
            }
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                throw new ValidationException(FIELD, "must not contain control or invisible characters");
            }
            i += Character.charCount(cp);
        }
    }

    /**
     * @param raw the name as typed (not trimmed: a blank is an error, not something to fix silently)
     * @return the validated name
     */
    public static AppRegistrationName of(String raw) {
        if (raw == null) {
            throw new ValidationException(FIELD, "is required");
        }
        return new AppRegistrationName(raw);
    }

    @Override
    public String toString() {
        return value;
    }
}
