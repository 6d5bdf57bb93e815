package dev.tenantconnect.core.tenant;

import java.util.Objects;
import java.util.Optional;

/**
 * An asynchronous number assignment or unassignment in Teams (202 + {@code Location}). Store {@link #id()} to
 * resume waiting after a restart ({@link TeamsNumbers#await(String)}).
 *
 * @param id the operation ID
 * @param status {@code notStarted}, {@code running}, {@code succeeded} or {@code failed}
 * @param detail the per-number status detail Graph gave, if any
 */
public record NumberOperation(String id, String status, Optional<String> detail) {
    /** Rejects nulls. */
    public NumberOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    /** @return whether the operation has finished (succeeded or failed) */
    public boolean finished() {
        return status.equals("succeeded") || status.equals("failed");
    }

    /** @return whether it succeeded */
    public boolean succeeded() {
        return status.equals("succeeded");
    }
}
