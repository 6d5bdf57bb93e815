package dev.tenantconnect.core.model;

import dev.tenantconnect.core.error.ValidationException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The operator's name for one service of a tenant (e.g. {@code oc-main}, {@code dr-site2}). A tenant can have
 * several services; each has its own secret.
 *
 * @param value 1-64 characters: letters, digits, {@code . _ -}; starts with a letter or digit
 */
public record ServiceId(String value) implements Comparable<ServiceId> {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Validates the form. */
    public ServiceId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new ValidationException("serviceId",
                    "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /**
     * @param raw the text
     * @return the service ID
     */
    public static ServiceId of(String raw) {
        if (raw == null) {
            throw new ValidationException("serviceId", "is required");
        }
        return new ServiceId(raw);
    }

    @Override
    public int compareTo(ServiceId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
