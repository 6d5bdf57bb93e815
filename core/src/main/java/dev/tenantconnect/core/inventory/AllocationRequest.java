package dev.tenantconnect.core.inventory;

import dev.tenantconnect.core.model.TenantId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * "Auto-select an available number" from the operator's inventory: what kind of number, for whom, picked how.
 *
 * @param tenant the customer tenant the number is reserved for
 * @param country ISO country the number must be in
 * @param prefix digits the number must start with (after {@code +}), if any
 * @param usage the usage the number must be imported for
 * @param type the number type, if it matters
 * @param strategy how to pick among matches
 * @param holder who holds the reservation (job ID, operator user)
 * @param reservationTtl how long the reservation lasts if not used
 */
public record AllocationRequest(TenantId tenant, String country, Optional<String> prefix, NumberUsage usage,
        Optional<NumberType> type, SelectionStrategy strategy, String holder, Duration reservationTtl) {
    /** Rejects nulls and non-positive TTLs. */
    public AllocationRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(reservationTtl, "reservationTtl");
        if (reservationTtl.isNegative() || reservationTtl.isZero()) {
            throw new dev.tenantconnect.core.error.ValidationException("reservationTtl", "must be positive");
        }
    }

    /**
     * @param tenant the tenant
     * @param country the country
     * @param holder who holds it
     * @return a request for the lowest user number of any type, reserved for 30 minutes
     */
    public static AllocationRequest lowest(TenantId tenant, String country, String holder) {
        return new AllocationRequest(tenant, country, Optional.empty(), NumberUsage.USER, Optional.empty(),
                SelectionStrategy.LOWEST, holder, Duration.ofMinutes(30));
    }
}
