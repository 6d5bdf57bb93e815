package dev.tenantconnect.core.inventory;

import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberState;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Capacity planning: how the pool is used and when it runs out.
 *
 * @param total numbers in the inventory
 * @param byState counts per lifecycle state
 * @param byTenant numbers held per tenant (any state but available)
 * @param availableByCountryAndPrefix available numbers per {@code COUNTRY/prefix}
 * @param utilisation share of numbers not available (0..1)
 * @param allocationsPerDay allocations per day over the look-back window
 * @param daysUntilExhaustion available divided by the daily rate; empty when nothing was allocated
 */
public record CapacityReport(long total, Map<NumberState, Long> byState, Map<TenantId, Long> byTenant,
        Map<String, Long> availableByCountryAndPrefix, double utilisation, double allocationsPerDay,
        OptionalDouble daysUntilExhaustion) {
    /** Copies the maps. */
    public CapacityReport {
        byState = Map.copyOf(byState);
        byTenant = Map.copyOf(byTenant);
        availableByCountryAndPrefix = Map.copyOf(availableByCountryAndPrefix);
        Objects.requireNonNull(daysUntilExhaustion, "daysUntilExhaustion");
    }
}
