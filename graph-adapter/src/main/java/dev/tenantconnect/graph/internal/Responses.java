package dev.tenantconnect.graph.internal;

import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.MalformedResponseException;
import java.util.UUID;

/**
 * Checks on what an answer must hold, for the code that turns SDK models into ours. A failed check is a
 * {@link MalformedResponseException} naming the field; {@link GraphErrors#translate} adds the operation and tenant.
 * Not API.
 */
public final class Responses {
    private static final String READING = "reading the answer";

    private Responses() {
    }

    /**
     * @param value a field of the answer
     * @param field its JSON path
     * @param <T> its type
     * @return the value
     * @throws MalformedResponseException when it is missing (or an enum member the API does not define, which the
     *     SDK reads as missing)
     */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new MalformedResponseException(READING, field, "is missing, or not a value the API defines",
                    ErrorContext.none(), null);
        }
        return value;
    }

    /**
     * @param value a field that must be a GUID
     * @param field its JSON path
     * @return the GUID
     * @throws MalformedResponseException when it is missing or not a GUID
     */
    public static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(required(value, field));
        } catch (IllegalArgumentException e) {
            throw new MalformedResponseException(READING, field, "is not a GUID", ErrorContext.none(), null);
        }
    }
}
