package dev.tenantconnect.core.provisioning;

import dev.tenantconnect.core.model.PhoneNumber;
import java.util.List;
import java.util.Objects;

/**
 * Where an uploaded number stands on its way into the customer tenant.
 *
 * @param number the number
 * @param state pending, synced or failed
 * @param errors what failed, when failed
 */
public record SyncStatus(PhoneNumber number, State state, List<String> errors) {
    /** The provisioning states. */
    public enum State {
        /** Accepted, not yet in the tenant. */
        PENDING,
        /** In the tenant's Teams inventory. */
        SYNCED,
        /** Rejected; see the errors. */
        FAILED
    }

    /** Validates and copies. */
    public SyncStatus {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(state, "state");
        errors = List.copyOf(errors);
    }
}
