package dev.tenantconnect.core.resilience;

import dev.tenantconnect.core.model.TenantId;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant isolation: one Resilience4j {@link RateLimiter} and one {@link Bulkhead} per tenant, created on first
 * use from a default configuration or a per-tenant override, so one busy tenant can never use up another's share.
 *
 * <p>Defaults: 20 calls per second and 8 concurrent calls per tenant, waiting at most 30 s for a permit.
 * {@link #forget(TenantId)} drops a tenant's guards (e.g. when it is disconnected) so memory follows the live
 * tenants.
 */
public final class TenantGuards {
    private final RateLimiterConfig defaultRate;
    private final BulkheadConfig defaultBulkhead;
    private final Map<TenantId, RateLimiterConfig> rateOverrides;
    private final Map<TenantId, BulkheadConfig> bulkheadOverrides;
    private final ConcurrentHashMap<TenantId, RateLimiter> limiters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TenantId, Bulkhead> bulkheads = new ConcurrentHashMap<>();

    private TenantGuards(Builder b) {
        this.defaultRate = b.defaultRate;
        this.defaultBulkhead = b.defaultBulkhead;
        this.rateOverrides = Map.copyOf(b.rateOverrides);
        this.bulkheadOverrides = Map.copyOf(b.bulkheadOverrides);
    }

    /** @return a builder with the documented defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param tenant a tenant
     * @return that tenant's rate limiter, the same instance on every call
     */
    public RateLimiter rateLimiter(TenantId tenant) {
        return limiters.computeIfAbsent(tenant, t -> RateLimiter.of("tenant-" + t.value(),
                rateOverrides.getOrDefault(t, defaultRate)));
    }

    /**
     * @param tenant a tenant
     * @return that tenant's bulkhead, the same instance on every call
     */
    public Bulkhead bulkhead(TenantId tenant) {
        return bulkheads.computeIfAbsent(tenant, t -> Bulkhead.of("tenant-" + t.value(),
                bulkheadOverrides.getOrDefault(t, defaultBulkhead)));
    }

    /** @param tenant a tenant whose guards are no longer needed */
    public void forget(TenantId tenant) {
        limiters.remove(tenant);
        bulkheads.remove(tenant);
    }

    /** @return how many tenants currently have guards */
    public int size() {
        return Math.max(limiters.size(), bulkheads.size());
    }

    /** Configures {@link TenantGuards}. */
    public static final class Builder {
        private RateLimiterConfig defaultRate = RateLimiterConfig.custom().limitForPeriod(20)
                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofSeconds(30)).build();
        private BulkheadConfig defaultBulkhead = BulkheadConfig.custom().maxConcurrentCalls(8)
                .maxWaitDuration(Duration.ofSeconds(30)).build();
        private final Map<TenantId, RateLimiterConfig> rateOverrides = new ConcurrentHashMap<>();
        private final Map<TenantId, BulkheadConfig> bulkheadOverrides = new ConcurrentHashMap<>();

        private Builder() {
        }

        /**
         * @param config the rate limit every tenant gets unless overridden
         * @return this builder
         */
        public Builder defaultRateLimit(RateLimiterConfig config) {
            this.defaultRate = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * @param config the bulkhead every tenant gets unless overridden
         * @return this builder
         */
        public Builder defaultBulkhead(BulkheadConfig config) {
            this.defaultBulkhead = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * @param tenant a tenant
         * @param config its own rate limit
         * @return this builder
         */
        public Builder rateLimit(TenantId tenant, RateLimiterConfig config) {
            rateOverrides.put(Objects.requireNonNull(tenant), Objects.requireNonNull(config));
            return this;
        }

        /**
         * @param tenant a tenant
         * @param config its own bulkhead
         * @return this builder
         */
        public Builder bulkhead(TenantId tenant, BulkheadConfig config) {
            bulkheadOverrides.put(Objects.requireNonNull(tenant), Objects.requireNonNull(config));
            return this;
        }

        /** @return the guards */
        public TenantGuards build() {
            return new TenantGuards(this);
        }
    }
}
