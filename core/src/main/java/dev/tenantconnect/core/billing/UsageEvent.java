package dev.tenantconnect.core.billing;

import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One change to what a user holds.
 *
 * @param tenant the customer tenant
 * @param user the user's (or resource account's) object ID
 * @param kind {@code HOLDS}: from now on the user holds exactly these add-ons; {@code ENDED}: holds nothing
 * @param number the user's number, if any
 * @param addonCodes the add-on codes held from now on (empty for {@code ENDED})
 * @param at when it happened (for observed changes: when we observed it)
 * @param source whether the platform made the change or replication observed it
 */
public record UsageEvent(TenantId tenant, UUID user, Kind kind, Optional<PhoneNumber> number, Set<String> addonCodes,
        Instant at, Source source) {
    /** Validates and copies (add-on codes sorted). */
    public UsageEvent {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(number, "number");
        addonCodes = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(addonCodes));
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        if (kind == Kind.ENDED && !addonCodes.isEmpty()) {
            throw new IllegalArgumentException("an ENDED event holds no add-ons");
        }
    }

    /** What the event says. */
    public enum Kind {
        /** The user holds exactly the event's add-ons from now on (enabled, or add-ons changed). */
        HOLDS,
        /** The user holds nothing from now on (disabled, deleted, licence lost). */
        ENDED
    }

    /** Who made the change. */
    public enum Source {
        /** The platform (enablement, bulk runs). */
        PLATFORM,
        /** Replication saw it happen outside the platform; billed from when it was observed. */
        OBSERVED
    }

    @Override
    public String toString() {
        return "UsageEvent[" + kind + " " + addonCodes + " at " + at + ", " + source + "]";
    }
}
