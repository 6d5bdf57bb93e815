package dev.tenantconnect.spring.boot;

import dev.tenantconnect.core.audit.AuditSink;
import dev.tenantconnect.core.audit.Slf4jAuditSink;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.EncryptedFileCredentialStore;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.KeyProvider;
import dev.tenantconnect.core.credential.KeyProviders;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.metrics.MetricsRecorder;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.resilience.AdaptivePacer;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.core.resilience.TenantGuards;
import dev.tenantconnect.graph.CloudEnvironment;
import dev.tenantconnect.voice.Connections;
import dev.tenantconnect.voice.CredentialRotation;
import dev.tenantconnect.voice.Reports;
import dev.tenantconnect.voice.TenantConnectClient;
import dev.tenantconnect.voice.Verification;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the root client and what it is built from. Every bean is {@code @ConditionalOnMissingBean}:
 * declare your own {@link CredentialStore}, {@link NumberInventory}, {@link AuditSink}, {@link MetricsRecorder},
 * {@link Clock} or even {@link TenantConnectClient} and it is used instead. A missing required property fails the
 * start with a message naming the property.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@EnableConfigurationProperties(TenantConnectProperties.class)
public class TenantConnectAutoConfiguration {
    /** Creates the auto-configuration. */
    public TenantConnectAutoConfiguration() {
    }

    private static String type(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * @return the clock of every service (system UTC)
     */
    @Bean
    @ConditionalOnMissingBean
    public Clock tenantConnectClock() {
        return Clock.systemUTC();
    }

    /**
     * @param props the properties
     * @return the store key provider, from {@code tenantconnect.store-key.env} or {@code .file}
     */
    @Bean
    @ConditionalOnMissingBean
    public KeyProvider tenantConnectKeyProvider(TenantConnectProperties props) {
        TenantConnectProperties.StoreKey k = props.getStoreKey();
        String env = k.getEnv() == null || k.getEnv().isBlank() ? null : k.getEnv().strip();
        if (env != null && k.getFile() != null) {
            throw new ConfigurationException("set one of tenantconnect.store-key.env and tenantconnect.store-key.file, "
                    + "not both");
        }
        if (env != null) {
            return KeyProviders.fromEnvironment(env);
        }
        if (k.getFile() != null) {
            return KeyProviders.fromFile(k.getFile());
        }
        return () -> {
            throw new ConfigurationException("no store key: set tenantconnect.store-key.env (an environment variable "
                    + "holding the base64 key) or tenantconnect.store-key.file");
        };
    }

    /**
     * @param props the properties
     * @param keys the store key provider
     * @param clock the clock
     * @param dataSource the application's database, for {@code jdbc}
     * @return the credential store chosen by {@code tenantconnect.credential-store.type}
     */
    @Bean
    @ConditionalOnMissingBean
    public CredentialStore tenantConnectCredentialStore(TenantConnectProperties props, KeyProvider keys, Clock clock,
            ObjectProvider<DataSource> dataSource) {
        String type = type(props.getCredentialStore().getType());
        if (type == null) {
            throw new ConfigurationException("tenantconnect.credential-store.type is required: jdbc (the "
                    + "application's DataSource), file (tenantconnect.credential-store.file) or memory (tests only)");
        }
        return switch (type) {
            case "memory" -> new InMemoryCredentialStore();
            case "file" -> {
                if (props.getCredentialStore().getFile() == null) {
                    throw new ConfigurationException("tenantconnect.credential-store.file is required for "
                            + "tenantconnect.credential-store.type=file");
                }
                yield new EncryptedFileCredentialStore(props.getCredentialStore().getFile(), keys, clock);
            }
            case "jdbc" -> Jdbc.credentials(requireDataSource(dataSource, "tenantconnect.credential-store.type=jdbc"),
                    keys, clock);
            default -> throw new ConfigurationException("tenantconnect.credential-store.type must be jdbc, file or "
                    + "memory, not '" + props.getCredentialStore().getType() + "'");
        };
    }

    private static DataSource requireDataSource(ObjectProvider<DataSource> dataSource, String property) {
        DataSource ds = dataSource.getIfUnique();
        if (ds == null) {
            throw new ConfigurationException(property + " needs the application's DataSource (spring.datasource.*), "
                    + "and there is none");
        }
        return ds;
    }

    /**
     * @param props the properties
     * @param clock the clock
     * @param dataSource the application's database
     * @return the number inventory chosen by {@code tenantconnect.inventory} (default: jdbc with a DataSource), or a
     *     placeholder when none is wanted (never handed to the client)
     */
    @Bean
    @ConditionalOnMissingBean
    public InventoryChoice tenantConnectInventory(TenantConnectProperties props, Clock clock,
            ObjectProvider<DataSource> dataSource) {
        String type = type(props.getInventory());
        if (type == null) {
            type = dataSource.getIfUnique() != null && Jdbc.available() ? "jdbc" : "none";
        }
        NumberLifecycle lifecycle = new NumberLifecycle(QuarantinePolicy.DEFAULT, clock);
        return switch (type) {
            case "none" -> new InventoryChoice(Optional.empty());
            case "memory" -> new InventoryChoice(Optional.of(new InMemoryNumberInventory(lifecycle, clock,
                    new SecureRandom())));
            case "jdbc" -> new InventoryChoice(Optional.of(Jdbc.inventory(requireDataSource(dataSource,
                    "tenantconnect.inventory=jdbc"), lifecycle, clock)));
            default -> throw new ConfigurationException("tenantconnect.inventory must be jdbc, memory or none, not '"
                    + props.getInventory() + "'");
        };
    }

    /**
     * The number inventory the client gets, if any (a bean of its own so that "none" can be a choice).
     *
     * @param inventory the inventory, if any
     */
    public record InventoryChoice(Optional<NumberInventory> inventory) {
    }

    /**
     * @param props the properties
     * @param dataSource the application's database
     * @return the audit sink chosen by {@code tenantconnect.audit.sink} (default: jdbc with a DataSource, else slf4j)
     */
    @Bean
    @ConditionalOnMissingBean
    public AuditSink tenantConnectAuditSink(TenantConnectProperties props, ObjectProvider<DataSource> dataSource) {
        String type = type(props.getAudit().getSink());
        if (type == null) {
            type = dataSource.getIfUnique() != null && Jdbc.available() ? "jdbc" : "slf4j";
        }
        return switch (type) {
            case "none" -> AuditSink.none();
            case "slf4j" -> new Slf4jAuditSink();
            case "jdbc" -> Jdbc.audit(requireDataSource(dataSource, "tenantconnect.audit.sink=jdbc"));
            default -> throw new ConfigurationException("tenantconnect.audit.sink must be jdbc, slf4j or none, not '"
                    + props.getAudit().getSink() + "'");
        };
    }

    /** The metrics recorder when Micrometer is absent: records nothing. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("io.micrometer.core.instrument.MeterRegistry")
    static class NoMetrics {
        @Bean
        @ConditionalOnMissingBean
        MetricsRecorder tenantConnectMetrics() {
            return MetricsRecorder.noop();
        }
    }

    /** Micrometer meters and observations, when Micrometer is on the class path and the application has a registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class Micrometer {
        @Bean
        @ConditionalOnMissingBean
        MetricsRecorder tenantConnectMetrics(
                ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters,
                ObjectProvider<io.micrometer.observation.ObservationRegistry> observations) {
            io.micrometer.core.instrument.MeterRegistry registry = meters.getIfUnique();
            if (registry == null) {
                return MetricsRecorder.noop();
            }
            return new MicrometerMetricsRecorder(registry, observations.getIfUnique(
                    () -> io.micrometer.observation.ObservationRegistry.NOOP));
        }
    }

    /** The Actuator health indicator ({@code tenantConnect}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class HealthConfiguration {
        @Bean
        @ConditionalOnMissingBean
        TenantConnectHealthIndicator tenantConnectHealthIndicator(CredentialStore store, Clock clock,
                TenantConnectProperties props) {
            return new TenantConnectHealthIndicator(store, clock, props.getHealth().getExpiryWarning());
        }
    }

    /** The Actuator info contributor. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
    static class InfoConfiguration {
        @Bean
        @ConditionalOnMissingBean
        TenantConnectInfoContributor tenantConnectInfoContributor(TenantConnectClient client) {
            return new TenantConnectInfoContributor(client);
        }
    }

    /**
     * @param props the properties
     * @param credentials the credential store
     * @param inventory the inventory choice
     * @param audit the audit sink
     * @param metrics the metrics recorder
     * @param clock the clock
     * @return the root client
     */
    @Bean
    @ConditionalOnMissingBean
    public TenantConnectClient tenantConnectClient(TenantConnectProperties props, CredentialStore credentials,
            InventoryChoice inventory, AuditSink audit, MetricsRecorder metrics, Clock clock) {
        TenantConnectProperties.Resilience r = props.getResilience();
        ResiliencePolicies policies = ResiliencePolicies.builder(clock, Sleeper.system()).guards(TenantGuards
                .builder(clock, Sleeper.system()).defaultPacing(new AdaptivePacer.Settings(r.getInitialRate(),
                        r.getMinRate(), r.getMaxRate())).build()).build();
        TenantConnectClient.Builder b = TenantConnectClient.builder().clock(clock).resilience(policies)
                .credentials(credentials).audit(audit).principal(props.getAudit().getPrincipal()).metrics(metrics)
                .metricsTenantTag(props.getMetrics().isTenantTag());
        TenantConnectProperties.Endpoints e = props.getEndpoints();
        if (e.getLogin() != null || e.getGraph() != null) {
            if (e.getLogin() == null || e.getGraph() == null) {
                throw new ConfigurationException("tenantconnect.endpoints.login and tenantconnect.endpoints.graph go "
                        + "together");
            }
            CloudEnvironment custom = CloudEnvironment.custom(URI.create(e.getLogin()), URI.create(e.getGraph()));
            b.cloud("memory".equals(type(props.getCredentialStore().getType())) ? custom
                    : custom.allowingStoredCredentials());
            if (e.getTrustCertificates() != null) {
                b.connectorOptions(g -> g.trustCertificates(e.getTrustCertificates()));
            }
        } else {
            b.cloud(CloudEnvironment.named(props.getCloud()));
        }
        inventory.inventory().ifPresent(b::inventory);
        java.util.function.Consumer<TenantConnectClient> onBuilt = provisioning(props, credentials, b);
        TenantConnectClient client = b.build();
        onBuilt.accept(client);
        return client;
    }

    /**
     * The operator provisioning API, its credential read from the store (under {@code operator-tenant} and
     * {@code operator-service}) when first used.
     */
    private static java.util.function.Consumer<TenantConnectClient> provisioning(TenantConnectProperties props,
            CredentialStore credentials, TenantConnectClient.Builder b) {
        TenantConnectProperties.Provisioning p = props.getProvisioning();
        if (p.getEndpoint() == null && p.getScope() == null && p.getOperatorTenant() == null) {
            return c -> { };
        }
        if (p.getEndpoint() == null || p.getScope() == null || p.getOperatorTenant() == null) {
            throw new ConfigurationException("tenantconnect.provisioning.endpoint, .scope and .operator-tenant go "
                    + "together");
        }
        CredentialKey key = new CredentialKey(TenantId.parse(p.getOperatorTenant()),
                ServiceId.of(p.getOperatorService()));
        java.util.concurrent.atomic.AtomicReference<TenantConnectClient> built =
                new java.util.concurrent.atomic.AtomicReference<>();
        b.provisioning(new StoredCredentialProvisioning(() -> built.get().connector(), credentials, key,
                URI.create(p.getEndpoint()), p.getScope()));
        return built::set;
    }

    /**
     * @param client the root client
     * @return connect and upgrade tenants
     */
    @Bean
    @ConditionalOnMissingBean
    public Connections tenantConnectConnections(TenantConnectClient client) {
        return client.connections();
    }

    /**
     * @param client the root client
     * @return verify connections
     */
    @Bean
    @ConditionalOnMissingBean
    public Verification tenantConnectVerification(TenantConnectClient client) {
        return client.verification();
    }

    /**
     * @param client the root client
     * @return credential rotation
     */
    @Bean
    @ConditionalOnMissingBean
    public CredentialRotation tenantConnectCredentialRotation(TenantConnectClient client) {
        return client.credentialRotation();
    }

    /**
     * @param client the root client
     * @return expiry, billing and capacity reports
     */
    @Bean
    @ConditionalOnMissingBean
    public Reports tenantConnectReports(TenantConnectClient client) {
        return client.reports();
    }

    /** The JDBC stores, when {@code tenantconnect-jdbc-store} is on the class path. */
    @ConditionalOnClass(name = "dev.tenantconnect.jdbc.JdbcStores")
    static final class Jdbc {
        private Jdbc() {
        }

        static boolean available() {
            try {
                Class.forName("dev.tenantconnect.jdbc.JdbcStores", false, Jdbc.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException e) {
                return false;
            }
        }

        private static void require() {
            if (!available()) {
                throw new ConfigurationException("the jdbc stores need dev.tenantconnect:tenantconnect-jdbc-store on "
                        + "the class path (the starter brings it)");
            }
        }

        /** The database with the SDK's Flyway migrations applied (each store asks; applied once). */
        private static DataSource migrated(DataSource ds) {
            require();
            dev.tenantconnect.jdbc.JdbcStores.migrate(ds);
            return ds;
        }

        static CredentialStore credentials(DataSource ds, KeyProvider keys, Clock clock) {
            return new dev.tenantconnect.jdbc.JdbcCredentialStore(migrated(ds), keys, clock);
        }

        static NumberInventory inventory(DataSource ds, NumberLifecycle lifecycle, Clock clock) {
            return new dev.tenantconnect.jdbc.JdbcNumberInventory(migrated(ds), lifecycle, clock, new SecureRandom());
        }

        static AuditSink audit(DataSource ds) {
            return new dev.tenantconnect.jdbc.JdbcAuditLog(migrated(ds));
        }
    }
}
