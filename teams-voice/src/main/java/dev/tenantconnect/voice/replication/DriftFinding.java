package dev.tenantconnect.voice.replication;

import dev.tenantconnect.core.model.PhoneNumber;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One difference between a tenant and the operator's records.
 *
 * @param kind what differs
 * @param number the number concerned, if any
 * @param user the user concerned, if any
 * @param detail what was seen on each side
 * @param suggested the action that would reconcile it
 */
public record DriftFinding(Kind kind, Optional<PhoneNumber> number, Optional<UUID> user, String detail,
        Action suggested) {
    /** Rejects nulls. */
    public DriftFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(suggested, "suggested");
    }

    /** The kinds of drift. */
    public enum Kind {
        /** The tenant shows the number assigned; the inventory thinks it is free, or held elsewhere. */
        ASSIGNED_IN_TENANT_ONLY,
        /** The inventory thinks the number is assigned; the tenant shows it unassigned or does not have it. */
        ASSIGNED_IN_INVENTORY_ONLY,
        /** A user we enabled was deleted from the tenant. */
        ENABLED_USER_DELETED,
        /** A user we enabled no longer has a usable Teams Phone licence. */
        ENABLED_USER_LOST_LICENCE,
        /** The tenant has a number the operator never uploaded. */
        NUMBER_NOT_OURS,
        /** The tenant assigns the number to a different user than the operator's records (the extension) name. */
        ASSIGNED_TO_ANOTHER_USER
    }

    /** What to do about a finding. */
    public enum Action {
        /** Take the tenant's state into the inventory. */
        ADOPT,
        /** Return the number to the operator's pool. */
        RELEASE,
        /** Assign the number again to the user the operator's records name. */
        RE_ASSIGN,
        /** Stop the user's service (and billing). */
        DISABLE,
        /** Nothing to do on the operator's side. */
        IGNORE
    }

    @Override
    public String toString() {
        return "DriftFinding[" + kind + ", number=" + number.map(PhoneNumber::redacted).orElse("-") + ", suggested="
                + suggested + "]";
    }
}
