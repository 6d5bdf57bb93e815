package dev.tenantconnect.bulk;

import dev.tenantconnect.core.model.PhoneNumber;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The final word on one row, as the results file writes it.
 *
 * @param line the row's file line
 * @param status done, skipped, failed or pending
 * @param number the number the extension holds, if any
 * @param user the user's object ID, if resolved
 * @param error why it failed (empty otherwise)
 * @param remediation what to do about it (empty otherwise)
 */
public record RowOutcome(long line, RowStatus status, Optional<PhoneNumber> number, Optional<UUID> user,
        String error, String remediation) {
    /** Validates. */
    public RowOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(remediation, "remediation");
    }

    @Override
    public String toString() {
        return "RowOutcome[line " + line + ", " + status.text() + "]";
    }
}
