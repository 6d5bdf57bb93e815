package dev.tenantconnect.core.inventory;

import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberState;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Capacity planning: how the pool is used and when it runs out. An inventory builds it by name
 * ({@link #builder(long)}); the utilisation and the days until exhaustion are computed from the counts, in one place.
 */
public final class CapacityReport {
    private final long total;
    private final Map<NumberState, Long> byState;
    private final Map<TenantId, Long> byTenant;
    private final Map<String, Long> availableByCountryAndPrefix;
    private final double allocationsPerDay;

    private CapacityReport(Builder b) {
        if (b.total < 0) {
            throw new IllegalArgumentException("total must not be negative");
        }
        if (!(b.allocationsPerDay >= 0)) {
            throw new IllegalArgumentException("allocationsPerDay must be zero or more");
        }
        this.total = b.total;
        this.byState = Map.copyOf(b.byState);
        this.byTenant = Map.copyOf(b.byTenant);
        this.availableByCountryAndPrefix = Map.copyOf(b.availableByCountryAndPrefix);
        this.allocationsPerDay = b.allocationsPerDay;
    }

    /**
     * @param total numbers in the inventory
     * @return a builder: no counts per state, tenant or prefix, no allocations
     */
    public static Builder builder(long total) {
        return new Builder(total);
    }

    /** @return a builder holding this report's values */
    public Builder toBuilder() {
        return new Builder(total).byState(byState).byTenant(byTenant)
                .availableByCountryAndPrefix(availableByCountryAndPrefix).allocationsPerDay(allocationsPerDay);
    }

    /** @return numbers in the inventory */
    public long total() {
        return total;
    }

    /** @return counts per lifecycle state */
    public Map<NumberState, Long> byState() {
        return byState;
    }

    /** @return numbers held per tenant (any state but available) */
    public Map<TenantId, Long> byTenant() {
        return byTenant;
    }

    /** @return available numbers per {@code COUNTRY/prefix} */
    public Map<String, Long> availableByCountryAndPrefix() {
        return availableByCountryAndPrefix;
    }

    /** @return share of numbers not available (0..1; 0 for an empty inventory) */
    public double utilisation() {
        return total == 0 ? 0 : (total - available()) / (double) total;
    }

    /** @return allocations per day over the look-back window */
    public double allocationsPerDay() {
        return allocationsPerDay;
    }

    /** @return available divided by the daily rate; empty when nothing was allocated */
    public OptionalDouble daysUntilExhaustion() {
        return allocationsPerDay > 0 ? OptionalDouble.of(available() / allocationsPerDay) : OptionalDouble.empty();
    }

    private long available() {
        return byState.getOrDefault(NumberState.AVAILABLE, 0L);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CapacityReport r && total == r.total && byState.equals(r.byState)
                && byTenant.equals(r.byTenant) && availableByCountryAndPrefix.equals(r.availableByCountryAndPrefix)
                && Double.compare(allocationsPerDay, r.allocationsPerDay) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(total, byState, byTenant, availableByCountryAndPrefix, allocationsPerDay);
    }

    @Override
    public String toString() {
        return "CapacityReport[total=" + total + ", byState=" + byState + ", tenants=" + byTenant.size()
                + ", availableByCountryAndPrefix=" + availableByCountryAndPrefix + ", utilisation=" + utilisation()
                + ", allocationsPerDay=" + allocationsPerDay + ", daysUntilExhaustion=" + daysUntilExhaustion() + "]";
    }

    /** Builds a {@link CapacityReport} by name. */
    public static final class Builder {
        private final long total;
        private Map<NumberState, Long> byState = Map.of();
        private Map<TenantId, Long> byTenant = Map.of();
        private Map<String, Long> availableByCountryAndPrefix = Map.of();
        private double allocationsPerDay;

        private Builder(long total) {
            this.total = total;
        }

        /**
         * @param value counts per lifecycle state (the {@code AVAILABLE} count drives utilisation and exhaustion)
         * @return this
         */
        public Builder byState(Map<NumberState, Long> value) {
            this.byState = Objects.requireNonNull(value, "byState");
            return this;
        }

        /**
         * @param value numbers held per tenant (any state but available)
         * @return this
         */
        public Builder byTenant(Map<TenantId, Long> value) {
            this.byTenant = Objects.requireNonNull(value, "byTenant");
            return this;
        }

        /**
         * @param value available numbers per {@code COUNTRY/prefix}
         * @return this
         */
        public Builder availableByCountryAndPrefix(Map<String, Long> value) {
            this.availableByCountryAndPrefix = Objects.requireNonNull(value, "availableByCountryAndPrefix");
            return this;
        }

        /**
         * @param value allocations per day over the look-back window (zero or more)
         * @return this
         */
        public Builder allocationsPerDay(double value) {
            this.allocationsPerDay = value;
            return this;
        }

        /**
         * @return the report
         * @throws IllegalArgumentException when the total or the rate is negative
         */
        public CapacityReport build() {
            return new CapacityReport(this);
        }
    }
}
