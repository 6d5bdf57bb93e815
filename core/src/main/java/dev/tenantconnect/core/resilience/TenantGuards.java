package dev.tenantconnect.core.resilience;

import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.pacing.BudgetKey;
import dev.tenantconnect.core.pacing.PacingBudget;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant isolation: one {@link AdaptivePacer} and one Resilience4j {@link Bulkhead} per tenant, created on first
 * use from a default configuration or a per-tenant override, so one busy or throttled tenant can never use up or
 * slow down another's share. The Graph transport takes a slot from the tenant's pacer and a permit from its bulkhead
 * before every request.
 *
 * <p>Defaults: pacing from {@link AdaptivePacer.Settings#DEFAULT} and 16 concurrent calls per tenant, waiting at most
 * 30 s for a permit. {@link #forget(TenantId)} drops a tenant's guards (e.g. when it is disconnected) so memory
 * follows the live tenants.
 *
 * <p>With {@link Builder#sharedBudget(PacingBudget, ClientId)} every pacer spends its tenant's budget shared with the
 * other instances of the deployment (e.g. the JDBC store's, on the one database they all use), so a 429 or a learned
 * rate seen by one instance slows them all.
 */
public final class TenantGuards {
    private final AdaptivePacer.Settings defaultPacing;
    private final BulkheadConfig defaultBulkhead;
    private final Map<TenantId, AdaptivePacer.Settings> pacingOverrides;
    private final Map<TenantId, BulkheadConfig> bulkheadOverrides;
    private final Clock clock;
    private final Sleeper sleeper;
    private final PacingBudget budget;
    private final ClientId application;
    private final ConcurrentHashMap<TenantId, AdaptivePacer> pacers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TenantId, Bulkhead> bulkheads = new ConcurrentHashMap<>();

    private TenantGuards(Builder b) {
        this.defaultPacing = b.defaultPacing;
        this.defaultBulkhead = b.defaultBulkhead;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.budget = b.budget;
        this.application = b.application;
        this.pacingOverrides = Map.copyOf(b.pacingOverrides);
        this.bulkheadOverrides = Map.copyOf(b.bulkheadOverrides);
    }

    /** @return a builder with the documented defaults, on the system clock, really sleeping */
    public static Builder builder() {
        return new Builder(Clock.systemUTC(), Sleeper.system());
    }

    /**
     * @param clock the pacers' clock
     * @param sleeper how the pacers wait
     * @return a builder with the documented defaults
     */
    public static Builder builder(Clock clock, Sleeper sleeper) {
        return new Builder(clock, sleeper);
    }

    /**
     * @param tenant a tenant
     * @return that tenant's pacer, the same instance on every call
     */
    public AdaptivePacer pacer(TenantId tenant) {
        return pacers.computeIfAbsent(tenant, t -> {
            AdaptivePacer.Settings settings = pacingOverrides.getOrDefault(t, defaultPacing);
            return budget == null ? new AdaptivePacer(settings, clock, sleeper)
                    : new AdaptivePacer(settings, clock, sleeper, budget, new BudgetKey(application, t));
        });
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
        pacers.remove(tenant);
        bulkheads.remove(tenant);
    }

    /** @return how many tenants currently have guards */
    public int size() {
        return Math.max(pacers.size(), bulkheads.size());
    }

    /** Configures {@link TenantGuards}. */
    public static final class Builder {
        private AdaptivePacer.Settings defaultPacing = AdaptivePacer.Settings.DEFAULT;
        private BulkheadConfig defaultBulkhead = BulkheadConfig.custom().maxConcurrentCalls(16)
                .maxWaitDuration(Duration.ofSeconds(30)).build();
        private final Map<TenantId, AdaptivePacer.Settings> pacingOverrides = new ConcurrentHashMap<>();
        private final Map<TenantId, BulkheadConfig> bulkheadOverrides = new ConcurrentHashMap<>();
        private final Clock clock;
        private final Sleeper sleeper;
        private PacingBudget budget;
        private ClientId application;

        private Builder(Clock clock, Sleeper sleeper) {
            this.clock = Objects.requireNonNull(clock, "clock");
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        }

        /**
         * @param settings the pacing every tenant gets unless overridden
         * @return this builder
         */
        public Builder defaultPacing(AdaptivePacer.Settings settings) {
            this.defaultPacing = Objects.requireNonNull(settings, "settings");
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
         * @param settings its own pacing
         * @return this builder
         */
        public Builder pacing(TenantId tenant, AdaptivePacer.Settings settings) {
            pacingOverrides.put(Objects.requireNonNull(tenant), Objects.requireNonNull(settings));
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

        /**
         * Shares every tenant's pacing budget with the other instances using {@code budget}.
         *
         * @param budget the shared budget (e.g. {@code JdbcPacingBudget} on the deployment's database)
         * @param application the application (client) ID the calls are made with: the budget is per application
         *     and tenant
         * @return this builder
         */
        public Builder sharedBudget(PacingBudget budget, ClientId application) {
            this.budget = Objects.requireNonNull(budget, "budget");
            this.application = Objects.requireNonNull(application, "application");
            return this;
        }

        /** @return the guards */
        public TenantGuards build() {
            return new TenantGuards(this);
        }
    }
}
