package dev.tenantconnect.core.addon;

import java.util.Objects;

/**
 * One broken add-on rule, for reports that list every problem at once.
 *
 * @param rule a short rule name, e.g. {@code mutually-exclusive}
 * @param message what is wrong, naming the codes involved
 */
public record AddonViolation(String rule, String message) {
    /** Rejects nulls. */
    public AddonViolation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
