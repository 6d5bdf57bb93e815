package dev.tenantconnect.core.resilience;

import dev.tenantconnect.core.model.TenantId;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The resilience wiring handed to clients: a transport policy and a consistency policy, each global with optional
 * per-tenant overrides, plus the per-tenant guards. Immutable.
 */
public final class ResiliencePolicies {
    private final TransportPolicy transport;
    private final ConsistencyPolicy consistency;
    private final Map<TenantId, TransportPolicy> transportOverrides;
    private final Map<TenantId, ConsistencyPolicy> consistencyOverrides;
    private final TenantGuards guards;

    private ResiliencePolicies(Builder b) {
        this.transport = b.transport;
        this.consistency = b.consistency;
        this.transportOverrides = Map.copyOf(b.transportOverrides);
        this.consistencyOverrides = Map.copyOf(b.consistencyOverrides);
        this.guards = b.guards;
    }

    /**
     * Defaults that use the given clock and sleeper everywhere.
     *
     * @param clock the clock
     * @param sleeper the sleeper
     * @return a builder
     */
    public static Builder builder(Clock clock, Sleeper sleeper) {
        return new Builder(clock, sleeper);
    }

    /** @return the documented defaults on the system clock, really sleeping */
    public static ResiliencePolicies defaults() {
        return builder(Clock.systemUTC(), Sleeper.system()).build();
    }

    /**
     * @param tenant a tenant
     * @return its transport policy (override or global)
     */
    public TransportPolicy transportFor(TenantId tenant) {
        return transportOverrides.getOrDefault(tenant, transport);
    }

    /**
     * @param tenant a tenant
     * @return its consistency policy (override or global)
     */
    public ConsistencyPolicy consistencyFor(TenantId tenant) {
        return consistencyOverrides.getOrDefault(tenant, consistency);
    }

    /** @return the per-tenant pacers and bulkheads */
    public TenantGuards guards() {
        return guards;
    }

    /** Configures {@link ResiliencePolicies}. */
    public static final class Builder {
        private TransportPolicy transport;
        private ConsistencyPolicy consistency;
        private final Map<TenantId, TransportPolicy> transportOverrides = new HashMap<>();
        private final Map<TenantId, ConsistencyPolicy> consistencyOverrides = new HashMap<>();
        private TenantGuards guards;

        private Builder(Clock clock, Sleeper sleeper) {
            this.guards = TenantGuards.builder(clock, sleeper).build();
            this.transport = RetryingTransportPolicy.builder().clock(clock).sleeper(sleeper).build();
            this.consistency = PollingConsistencyPolicy.builder().clock(clock).sleeper(sleeper).build();
        }

        /**
         * @param policy the global transport policy
         * @return this builder
         */
        public Builder transport(TransportPolicy policy) {
            this.transport = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param tenant a tenant
         * @param policy its own transport policy
         * @return this builder
         */
        public Builder transport(TenantId tenant, TransportPolicy policy) {
            transportOverrides.put(Objects.requireNonNull(tenant), Objects.requireNonNull(policy));
            return this;
        }

        /**
         * @param policy the global consistency policy
         * @return this builder
         */
        public Builder consistency(ConsistencyPolicy policy) {
            this.consistency = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param tenant a tenant
         * @param policy its own consistency policy
         * @return this builder
         */
        public Builder consistency(TenantId tenant, ConsistencyPolicy policy) {
            consistencyOverrides.put(Objects.requireNonNull(tenant), Objects.requireNonNull(policy));
            return this;
        }

        /**
         * @param value the per-tenant guards
         * @return this builder
         */
        public Builder guards(TenantGuards value) {
            this.guards = Objects.requireNonNull(value, "guards");
            return this;
        }

        /** @return the policies */
        public ResiliencePolicies build() {
            return new ResiliencePolicies(this);
        }
    }
}
