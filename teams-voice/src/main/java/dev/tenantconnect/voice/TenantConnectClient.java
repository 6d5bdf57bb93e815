package dev.tenantconnect.voice;

import dev.tenantconnect.core.addon.AddonCatalog;
import dev.tenantconnect.core.billing.InMemoryUsageLedger;
import dev.tenantconnect.core.billing.UsageLedger;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.extension.ExtensionStore;
import dev.tenantconnect.core.extension.InMemoryExtensionStore;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.onboarding.InvitationStore;
import dev.tenantconnect.core.provisioning.OperatorProvisioning;
import dev.tenantconnect.core.replication.InMemoryReplicationStateStore;
import dev.tenantconnect.core.replication.ReplicationLeases;
import dev.tenantconnect.core.replication.ReplicationStateStore;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.core.tenant.MicrosoftTenants;
import dev.tenantconnect.graph.CloudEnvironment;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.voice.enablement.BillingEvent;
import dev.tenantconnect.voice.enablement.UserEnablement;
import dev.tenantconnect.graph.provisioning.AcgProvisioningClient;
import dev.tenantconnect.voice.replication.Replicator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The root client: one builder takes the shared wiring once — the cloud (or a ready connector), the credential store,
 * the number inventory, the operator provisioning API, the clock, the sleeper, the resilience policies, the executor,
 * the usage ledger and the other stores — and hands out focused services that all use that same wiring:
 * {@link #connections()}, {@link #verification()}, {@link #appRegistrations()}, {@link #credentialRotation()},
 * {@link #directRouting()}, {@link #enablement()}, {@link #replication()} and {@link #reports()}. Bulk assignment
 * lives in the {@code csv-bulk} module, which depends on this one: {@code BulkAssignments.of(client, journal)}.
 *
 * <p>Defaults are defined here and only here: the system UTC clock, real sleeping, the documented
 * {@link ResiliencePolicies} built on that clock and sleeper, the Global cloud, in-memory extension, replication-state
 * and usage stores. Set a fake clock once and every service sees it.
 *
 * <pre>{@code
 * TenantConnectClient client = TenantConnectClient.builder()
 *         .cloud(CloudEnvironment.GLOBAL)
 *         .credentials(credentialStore)
 *         .inventory(numberInventory)
 *         .provisioning(operatorProvisioning)
 *         .build();
 * client.connections().connect(key, credential);
 * VerificationReport report = client.verification().verify(key, VerifyOptions.operatorConnect());
 * EnableResult r = client.enablement().enableUser(key, request);
 * }</pre>
 *
 * <p>Thread-safe; {@code enablement()} and {@code replication()} are created once, on first use, and shared; the
 * other services are lightweight views over the same wiring, created per call.
 */
public final class TenantConnectClient {
    private final Optional<GraphConnector> connector;
    private final MicrosoftTenants microsoft;
    private final CredentialStore credentials;
    private final Optional<NumberInventory> inventory;
    private final Optional<OperatorProvisioning> provisioning;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ResiliencePolicies resilience;
    private final Optional<ExecutorService> executor;
    private final Optional<InvitationStore> invitations;
    private final ExtensionStore extensions;
    private final ReplicationStateStore replicationState;
    private final UsageLedger usage;
    private final AddonCatalog addons;
    private final Consumer<BillingEvent> billing;
    private final boolean replicateUserSettings;
    private final Optional<ReplicationLeaseOption> replicationLeases;
    private final String actor;
    private final ServiceWiring wiring;
    private final dev.tenantconnect.core.audit.Auditor auditor;
    private final dev.tenantconnect.core.metrics.MetricsRecorder metrics;
    private volatile UserEnablement enablement;
    private volatile Replicator replicator;

    private TenantConnectClient(Builder b) {
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.resilience = b.resilience != null ? b.resilience : ResiliencePolicies.builder(clock, sleeper).build();
        this.metrics = b.metricsTenantTag ? b.metrics
                : dev.tenantconnect.core.metrics.MetricsRecorder.withoutTenantTag(b.metrics);
        this.auditor = new dev.tenantconnect.core.audit.Auditor(b.audit, b.principal, clock);
        this.connector = b.microsoft != null ? Optional.ofNullable(b.connector)
                : Optional.of(b.connector != null ? b.connector : buildConnector(b));
        this.microsoft = b.microsoft != null ? b.microsoft : connector.orElseThrow();
        this.credentials = b.audit == dev.tenantconnect.core.audit.AuditSink.none() ? b.credentials
                : new dev.tenantconnect.core.audit.AuditingCredentialStore(b.credentials, auditor);
        this.inventory = Optional.ofNullable(b.inventory).map(i -> dev.tenantconnect.core.metrics.Metering
                .inventory(i, metrics));
        this.provisioning = b.provisioning != null ? Optional.of(b.provisioning)
                : b.acg.map(a -> AcgProvisioningClient.builder().connector(connector()).endpoint(a.endpoint, a.scope)
                        .operator(a.tenant, a.credential).build());
        this.executor = Optional.ofNullable(b.executor);
        this.invitations = Optional.ofNullable(b.invitations);
        this.extensions = b.extensions;
        this.replicationState = b.replicationState;
        this.usage = b.usage;
        this.addons = b.addons;
        this.billing = b.billing;
        this.replicateUserSettings = b.replicateUserSettings;
        this.replicationLeases = Optional.ofNullable(b.replicationLeases);
        this.actor = b.actor;
        // a custom cloud never silently gets stored secrets
        connector.ifPresent(c -> c.cloud().checkCredentialStore(credentials));
        this.wiring = new ServiceWiring(credentials, microsoft, clock, resilience, invitations);
    }

    private GraphConnector buildConnector(Builder b) {
        GraphConnector.Builder g = GraphConnector.builder().cloud(b.cloud).clock(clock).resilience(resilience)
                .metrics(metrics).audit(auditor);
        for (java.util.function.UnaryOperator<GraphConnector.Builder> option : b.connectorOptions) {
            g = option.apply(g);
        }
        return g.build();
    }

    private static final int REPLICATION_LEASE_MINUTES = 5;
    private static final int REPLICATION_FRESH_MINUTES = 10;

    private record ReplicationLeaseOption(ReplicationLeases leases, String instance, Duration ttl,
            Duration freshFor) {
    }

    /** @return a builder; the credential store is required, the rest has defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return connect and upgrade tenants */
    public Connections connections() {
        return new Connections(wiring, metrics);
    }

    /** @return verify a stored connection, every finding at once */
    public Verification verification() {
        return new Verification(wiring, metrics);
    }

    /** @return the app-registration wizard and its invitations */
    public AppRegistrationService appRegistrations() {
        return new AppRegistrationService(wiring, connections());
    }

    /** @return secret and certificate rotation without downtime */
    public CredentialRotation credentialRotation() {
        return new CredentialRotation(wiring);
    }

    /** @return Direct Routing onboarding with automatic DNS */
    public DirectRoutingOnboarding directRouting() {
        return new DirectRoutingOnboarding(wiring);
    }

    /** @return credential expiry, billing and capacity figures */
    public Reports reports() {
        return new Reports(credentials, usage, this::inventory, clock);
    }

    /**
     * @return the user-enablement pipeline (enable, disable, change and move numbers, batches, uploads), billing
     *     into the client's usage ledger
     * @throws ConfigurationException when the client has no number inventory
     */
    public UserEnablement enablement() {
        UserEnablement e = enablement;
        if (e == null) {
            synchronized (this) {
                if (enablement == null) {
                    UserEnablement.Builder b = UserEnablement.builder().microsoft(microsoft).store(credentials)
                            .inventory(inventory()).addons(addons).resilience(resilience).clock(clock)
                            .sleeper(sleeper).actor(actor).metrics(metrics).billing(event -> {
                                usage.record(event.toUsage());
                                billing.accept(event);
                            });
                    provisioning.ifPresent(b::provisioning);
                    enablement = b.build();
                }
                e = enablement;
            }
        }
        return e;
    }

    /**
     * @return background replication of tenants into the client's inventory, extension, replication-state and usage
     *     stores, running {@code replicateAll} on the client's executor; one instance at a time per tenant when built
     *     with {@link Builder#replicationLeases(ReplicationLeases, String)}
     * @throws ConfigurationException when the client has no number inventory
     */
    public Replicator replication() {
        Replicator r = replicator;
        if (r == null) {
            synchronized (this) {
                if (replicator == null) {
                    Replicator.Builder b = Replicator.builder().microsoft(microsoft).store(credentials)
                            .inventory(inventory()).extensions(extensions).state(replicationState).ledger(usage)
                            .clock(clock).userSettings(replicateUserSettings).metrics(metrics);
                    executor.ifPresent(b::executor);
                    replicationLeases.ifPresent(l -> b.sleeper(sleeper).leases(l.leases(), l.instance(), l.ttl(),
                            l.freshFor()));
                    replicator = b.build();
                }
                r = replicator;
            }
        }
        return r;
    }

    /**
     * @return the Entra and Graph connector the services use (for what is Entra's alone: an admin's sign-in, the ACG
     *     provisioning API's token, the cloud's name)
     * @throws ConfigurationException when the client was built on {@link Builder#microsoft ports} alone
     */
    public GraphConnector connector() {
        return connector.orElseThrow(() -> new ConfigurationException("this TenantConnectClient was built on the "
                + "Microsoft ports alone (builder().microsoft(...)): it has no GraphConnector"));
    }

    /** @return the Microsoft side every service reads and writes through: the connector, or the ports given */
    public MicrosoftTenants microsoft() {
        return microsoft;
    }

    /** @return the credential store */
    public CredentialStore credentials() {
        return credentials;
    }

    /**
     * @return the number inventory
     * @throws ConfigurationException when the client was built without one
     */
    public NumberInventory inventory() {
        return inventory.orElseThrow(() -> new ConfigurationException("this TenantConnectClient has no number "
                + "inventory: set one with TenantConnectClient.builder().inventory(...)"));
    }

    /** @return the operator provisioning API, when configured */
    public Optional<OperatorProvisioning> provisioning() {
        return provisioning;
    }

    /** @return the clock every service uses */
    public Clock clock() {
        return clock;
    }

    /** @return the sleeper every service uses */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** @return the resilience policies every service uses */
    public ResiliencePolicies resilience() {
        return resilience;
    }

    /** @return the executor for work spread over tenants, when configured */
    public Optional<ExecutorService> executor() {
        return executor;
    }

    /** @return the operator's extension records */
    public ExtensionStore extensions() {
        return extensions;
    }

    /** @return the usage ledger billing is computed from */
    public UsageLedger usage() {
        return usage;
    }

    /** @return the add-on catalogue */
    public AddonCatalog addons() {
        return addons;
    }

    /** @return the name recorded in number history */
    public String actor() {
        return actor;
    }

    /** @return where writes to customer tenants and credential changes are audited, as which principal */
    public dev.tenantconnect.core.audit.Auditor auditor() {
        return auditor;
    }

    /** @return where the SDK's measurements go (the tenant tag already dropped unless switched on) */
    public dev.tenantconnect.core.metrics.MetricsRecorder metrics() {
        return metrics;
    }

    private record Acg(URI endpoint, String scope, TenantId tenant, TenantCredential credential) {
    }

    /** Configures a {@link TenantConnectClient}: each piece of shared wiring once. */
    public static final class Builder {
        private CloudEnvironment cloud = CloudEnvironment.GLOBAL;
        private GraphConnector connector;
        private MicrosoftTenants microsoft;
        private final java.util.List<java.util.function.UnaryOperator<GraphConnector.Builder>> connectorOptions =
                new java.util.ArrayList<>();
        private CredentialStore credentials;
        private NumberInventory inventory;
        private OperatorProvisioning provisioning;
        private Optional<Acg> acg = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private ResiliencePolicies resilience;
        private ExecutorService executor;
        private InvitationStore invitations;
        private ExtensionStore extensions = new InMemoryExtensionStore();
        private ReplicationStateStore replicationState = new InMemoryReplicationStateStore();
        private UsageLedger usage = new InMemoryUsageLedger();
        private AddonCatalog addons = AddonCatalog.standard();
        private Consumer<BillingEvent> billing = e -> { };
        private boolean replicateUserSettings;
        private ReplicationLeaseOption replicationLeases;
        private String actor = "tenantconnect";
        private dev.tenantconnect.core.audit.AuditSink audit = dev.tenantconnect.core.audit.AuditSink.none();
        private java.util.function.Supplier<String> principal = () -> "tenantconnect";
        private dev.tenantconnect.core.metrics.MetricsRecorder metrics =
                dev.tenantconnect.core.metrics.MetricsRecorder.noop();
        private boolean metricsTenantTag;

        private Builder() {
        }

        /**
         * @param value where every write to a customer tenant (through the connector the client builds and the ACG
         *     provisioning client) and every credential-store change is audited (default: nowhere)
         * @return this
         */
        public Builder audit(dev.tenantconnect.core.audit.AuditSink value) {
            this.audit = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the operator principal audit events carry, asked per event (e.g. from the caller's security
         *     context); {@link dev.tenantconnect.core.audit.Auditor#actingAs} overrides it for one call
         * @return this
         */
        public Builder principal(java.util.function.Supplier<String> value) {
            this.principal = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the operator principal audit events carry (default {@code tenantconnect})
         * @return this
         */
        public Builder principal(String value) {
            Objects.requireNonNull(value);
            return principal(() -> value);
        }

        /**
         * @param value where HTTP, throttling, retry, token, enablement, allocation and replication measurements go
         *     (default: nowhere)
         * @return this
         */
        public Builder metrics(dev.tenantconnect.core.metrics.MetricsRecorder value) {
            this.metrics = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value whether measurements keep the tenant tag (default off: one series per tenant can be many)
         * @return this
         */
        public Builder metricsTenantTag(boolean value) {
            this.metricsTenantTag = value;
            return this;
        }

        /**
         * @param value which Microsoft cloud the client builds its connector for (default Global)
         * @return this
         */
        public Builder cloud(CloudEnvironment value) {
            this.cloud = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Points the client at a cloud given by its endpoints and the certificates to trust for them — one call for a
         * private cloud or the testkit's simulator: {@code TenantConnectClient.builder().endpoints(sim.endpoints())}.
         *
         * @param value the login and Graph endpoints and the certificates to trust (only those)
         * @return this
         */
        public Builder endpoints(dev.tenantconnect.core.tenant.CloudEndpoints value) {
            Objects.requireNonNull(value);
            this.cloud = CloudEnvironment.custom(value.loginEndpoint(), value.graphBaseUrl());
            return connectorOptions(g -> g.endpoints(value));
        }

        /**
         * @param value more settings for the connector the client builds (trust material, timeouts); applied after the
         *     cloud, clock and resilience policies
         * @return this
         */
        public Builder connectorOptions(java.util.function.UnaryOperator<GraphConnector.Builder> value) {
            this.connectorOptions.add(Objects.requireNonNull(value));
            return this;
        }

        /**
         * @param value a ready connector, instead of one the client builds (its clock and resilience policies are
         *     its own: build it with the same ones)
         * @return this
         */
        public Builder connector(GraphConnector value) {
            this.connector = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The Microsoft side as ports instead of a connector: any implementation of {@link MicrosoftTenants}, e.g.
         * the testkit's {@code InMemoryMicrosoftTenants} for fast unit tests of code built on the root client. Every
         * service runs on it; {@link TenantConnectClient#connector()} and the ACG provisioning API need a connector.
         *
         * @param value the ports
         * @return this
         */
        public Builder microsoft(MicrosoftTenants value) {
            this.microsoft = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value where tenant credentials live (required; choose explicitly)
         * @return this
         */
        public Builder credentials(CredentialStore value) {
            this.credentials = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the operator's number inventory (needed by enablement, replication, capacity and bulk)
         * @return this
         */
        public Builder inventory(NumberInventory value) {
            this.inventory = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the operator provisioning API (needed to upload Operator Connect numbers)
         * @return this
         */
        public Builder provisioning(OperatorProvisioning value) {
            this.provisioning = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The Azure Communications Gateway provisioning API, reached through the client's own connector.
         *
         * @param endpoint the API's base URL
         * @param tokenScope the API's scope, e.g. {@code <application ID URI>/.default}
         * @param operatorTenant the operator's own tenant
         * @param operatorCredential the operator's provisioning app credential
         * @return this
         */
        public Builder acgProvisioning(URI endpoint, String tokenScope, TenantId operatorTenant,
                TenantCredential operatorCredential) {
            this.acg = Optional.of(new Acg(Objects.requireNonNull(endpoint), Objects.requireNonNull(tokenScope),
                    Objects.requireNonNull(operatorTenant), Objects.requireNonNull(operatorCredential)));
            return this;
        }

        /**
         * @param value the clock of every service (default the system UTC clock)
         * @return this
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value how every service waits (default really sleeping)
         * @return this
         */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value retry, consistency and per-tenant policies of every service (default: the documented
         *     defaults on this builder's clock and sleeper)
         * @return this
         */
        public Builder resilience(ResiliencePolicies value) {
            this.resilience = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value where work spread over tenants runs (replicating every tenant); its size bounds the
         *     concurrency. Without one, such work runs tenant after tenant on the calling thread.
         * @return this
         */
        public Builder executor(ExecutorService value) {
            this.executor = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value where pending app-registration invitations live (needed for invitations)
         * @return this
         */
        public Builder invitations(InvitationStore value) {
            this.invitations = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the operator's extension records (default in memory)
         * @return this
         */
        public Builder extensions(ExtensionStore value) {
            this.extensions = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value where replication keeps its delta links (default in memory)
         * @return this
         */
        public Builder replicationState(ReplicationStateStore value) {
            this.replicationState = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the usage ledger enablement, bulk and replication record into (default in memory)
         * @return this
         */
        public Builder usage(UsageLedger value) {
            this.usage = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the add-on catalogue (default {@link AddonCatalog#standard()})
         * @return this
         */
        public Builder addons(AddonCatalog value) {
            this.addons = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value also receives each billing event (they are recorded in the usage ledger in any case)
         * @return this
         */
        public Builder billing(Consumer<BillingEvent> value) {
            this.billing = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value whether replication reads Teams user configurations too (default off)
         * @return this
         */
        public Builder replicateUserSettings(boolean value) {
            this.replicateUserSettings = value;
            return this;
        }

        /**
         * Several instances on one database: a tenant's replication pass runs on one instance at a time, and
         * {@code replicateAll} over the same tenants on every instance (same schedule) does each tenant once per
         * round, spread over the instances. The lease lasts 5 minutes without renewal (renewed every third of it
         * while a pass runs; a dead instance's tenants are free after it); a tenant whose pass ended on any instance
         * within 10 minutes before a {@code replicateAll} started is left alone by it.
         *
         * @param leases the leases every instance shares (e.g. {@code JdbcReplicationLeases} on their database)
         * @param instance this instance's name, unique among the instances (e.g. host name and process ID)
         * @return this
         */
        public Builder replicationLeases(ReplicationLeases leases, String instance) {
            return replicationLeases(leases, instance, Duration.ofMinutes(REPLICATION_LEASE_MINUTES),
                    Duration.ofMinutes(REPLICATION_FRESH_MINUTES));
        }

        /**
         * As {@link #replicationLeases(ReplicationLeases, String)}, with the lease's TTL and the freshness window set.
         *
         * @param leases the leases every instance shares
         * @param instance this instance's name, unique among the instances
         * @param ttl how long a lease lasts without renewal: how long a dead instance keeps its tenants; well above
         *     the longest stall you expect (GC pause, database failover)
         * @param freshFor how recent a pass counts as this round's: above the spread of the instances' start times,
         *     below the schedule's interval
         * @return this
         */
        public Builder replicationLeases(ReplicationLeases leases, String instance, Duration ttl,
                Duration freshFor) {
            this.replicationLeases = new ReplicationLeaseOption(Objects.requireNonNull(leases, "leases"),
                    Objects.requireNonNull(instance, "instance"), Objects.requireNonNull(ttl, "ttl"),
                    Objects.requireNonNull(freshFor, "freshFor"));
            return this;
        }

        /**
         * @param value the name recorded in number history (default {@code tenantconnect})
         * @return this
         */
        public Builder actor(String value) {
            this.actor = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @return the client
         * @throws ConfigurationException when no credential store was chosen, both a provisioning port and the
         *     ACG provisioning API were set, or both ports and a connector
         */
        public TenantConnectClient build() {
            if (credentials == null) {
                throw new ConfigurationException("TenantConnectClient needs a credential store: choose one "
                        + "explicitly (InMemoryCredentialStore, EncryptedFileCredentialStore or the JDBC store)");
            }
            if (provisioning != null && acg.isPresent()) {
                throw new ConfigurationException("TenantConnectClient takes one operator provisioning API: "
                        + "provisioning(...) or acgProvisioning(...), not both");
            }
            if (microsoft != null && (connector != null || !connectorOptions.isEmpty() || acg.isPresent())) {
                throw new ConfigurationException("TenantConnectClient takes the Microsoft side once: microsoft(...) "
                        + "or a connector (connector, connectorOptions, endpoints, acgProvisioning), not both");
            }
            if (connector != null && !connectorOptions.isEmpty()) {
                throw new ConfigurationException("connectorOptions apply to the connector the client builds; "
                        + "a ready connector was given");
            }
            return new TenantConnectClient(this);
        }
    }
}
