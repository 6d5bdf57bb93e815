package dev.tenantconnect.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code tenantconnect.*} properties. Required: {@code tenantconnect.credential-store.type} (no default: where
 * customer secrets live is chosen explicitly) and, for {@code jdbc} and {@code file}, a store key
 * ({@code tenantconnect.store-key.env} or {@code tenantconnect.store-key.file}).
 */
@ConfigurationProperties(prefix = "tenantconnect")
public class TenantConnectProperties {
    /** Which Microsoft cloud: global, gcc-high, dod or china (ignored when custom endpoints are set). */
    private String cloud = "global";
    private final Endpoints endpoints = new Endpoints();
    private final CredentialStore credentialStore = new CredentialStore();
    private final StoreKey storeKey = new StoreKey();
    /** The number inventory: jdbc (the application's DataSource), memory or none; default jdbc with a DataSource. */
    private String inventory;
    private final Resilience resilience = new Resilience();
    private final Provisioning provisioning = new Provisioning();
    private final Audit audit = new Audit();
    private final Metrics metrics = new Metrics();
    private final Health health = new Health();

    /** @return the cloud name */
    public String getCloud() {
        return cloud;
    }

    /** @param cloud the cloud name */
    public void setCloud(String cloud) {
        this.cloud = cloud;
    }

    /** @return custom endpoints */
    public Endpoints getEndpoints() {
        return endpoints;
    }

    /** @return the credential store settings */
    public CredentialStore getCredentialStore() {
        return credentialStore;
    }

    /** @return where the store key comes from */
    public StoreKey getStoreKey() {
        return storeKey;
    }

    /** @return the inventory type, or null for the default */
    public String getInventory() {
        return inventory;
    }

    /** @param inventory the inventory type */
    public void setInventory(String inventory) {
        this.inventory = inventory;
    }

    /** @return resilience and pacing */
    public Resilience getResilience() {
        return resilience;
    }

    /** @return the operator provisioning API */
    public Provisioning getProvisioning() {
        return provisioning;
    }

    /** @return the audit trail */
    public Audit getAudit() {
        return audit;
    }

    /** @return metrics */
    public Metrics getMetrics() {
        return metrics;
    }

    /** @return the health indicator */
    public Health getHealth() {
        return health;
    }

    /** Custom login and Graph endpoints (a private cloud, or a simulator in tests). */
    public static class Endpoints {
        /** The Entra login endpoint, e.g. https://login.example.net. */
        private String login;
        /** The Graph base URL, e.g. https://graph.example.net/v1.0. */
        private String graph;
        /** A PEM file of the certificates to trust for them (and only those). */
        private Path trustCertificates;

        /** @return the login endpoint */
        public String getLogin() {
            return login;
        }

        /** @param login the login endpoint */
        public void setLogin(String login) {
            this.login = login;
        }

        /** @return the Graph base URL */
        public String getGraph() {
            return graph;
        }

        /** @param graph the Graph base URL */
        public void setGraph(String graph) {
            this.graph = graph;
        }

        /** @return the PEM file */
        public Path getTrustCertificates() {
            return trustCertificates;
        }

        /** @param trustCertificates the PEM file */
        public void setTrustCertificates(Path trustCertificates) {
            this.trustCertificates = trustCertificates;
        }
    }

    /** Where tenant credentials live. */
    public static class CredentialStore {
        /** jdbc (the application's DataSource, schema by Flyway), file (encrypted file) or memory (tests only). */
        private String type;
        /** The encrypted file, for type file. */
        private Path file;

        /** @return the type */
        public String getType() {
            return type;
        }

        /** @param type the type */
        public void setType(String type) {
            this.type = type;
        }

        /** @return the file */
        public Path getFile() {
            return file;
        }

        /** @param file the file */
        public void setFile(Path file) {
            this.file = file;
        }
    }

    /** Where the key that seals stored credentials comes from (one of the two). */
    public static class StoreKey {
        /** An environment variable holding the base64 key. */
        private String env;
        /** A file holding the base64 key. */
        private Path file;

        /** @return the variable */
        public String getEnv() {
            return env;
        }

        /** @param env the variable */
        public void setEnv(String env) {
            this.env = env;
        }

        /** @return the file */
        public Path getFile() {
            return file;
        }

        /** @param file the file */
        public void setFile(Path file) {
            this.file = file;
        }
    }

    /** Pacing of requests per tenant (the adaptive pacer's bounds). */
    public static class Resilience {
        /** Requests per second a tenant starts at. */
        private double initialRate = 20;
        /** The lowest rate the pacer slows to. */
        private double minRate = 1;
        /** The highest rate the pacer speeds up to. */
        private double maxRate = 2_000;

        /** @return the initial rate */
        public double getInitialRate() {
            return initialRate;
        }

        /** @param initialRate the initial rate */
        public void setInitialRate(double initialRate) {
            this.initialRate = initialRate;
        }

        /** @return the minimum rate */
        public double getMinRate() {
            return minRate;
        }

        /** @param minRate the minimum rate */
        public void setMinRate(double minRate) {
            this.minRate = minRate;
        }

        /** @return the maximum rate */
        public double getMaxRate() {
            return maxRate;
        }

        /** @param maxRate the maximum rate */
        public void setMaxRate(double maxRate) {
            this.maxRate = maxRate;
        }
    }

    /** The operator provisioning API (Azure Communications Gateway); all four or none. */
    public static class Provisioning {
        /** The API's base URL. */
        private String endpoint;
        /** Its token scope, e.g. {@code <application ID URI>/.default}. */
        private String scope;
        /** The operator's own tenant ID. */
        private String operatorTenant;
        /** The service ID under which the operator's provisioning app credential is in the credential store. */
        private String operatorService = "provisioning";

        /** @return the endpoint */
        public String getEndpoint() {
            return endpoint;
        }

        /** @param endpoint the endpoint */
        public void setEndpoint(String endpoint) {
            this.endpoint = endpoint;
        }

        /** @return the scope */
        public String getScope() {
            return scope;
        }

        /** @param scope the scope */
        public void setScope(String scope) {
            this.scope = scope;
        }

        /** @return the operator tenant */
        public String getOperatorTenant() {
            return operatorTenant;
        }

        /** @param operatorTenant the operator tenant */
        public void setOperatorTenant(String operatorTenant) {
            this.operatorTenant = operatorTenant;
        }

        /** @return the operator's service ID in the store */
        public String getOperatorService() {
            return operatorService;
        }

        /** @param operatorService the service ID */
        public void setOperatorService(String operatorService) {
            this.operatorService = operatorService;
        }
    }

    /** The audit trail. */
    public static class Audit {
        /** jdbc (table tc_audit_log on the application's DataSource), slf4j or none; default jdbc with a DataSource. */
        private String sink;
        /** The operator principal recorded when the caller names none. */
        private String principal = "tenantconnect";

        /** @return the sink */
        public String getSink() {
            return sink;
        }

        /** @param sink the sink */
        public void setSink(String sink) {
            this.sink = sink;
        }

        /** @return the default principal */
        public String getPrincipal() {
            return principal;
        }

        /** @param principal the default principal */
        public void setPrincipal(String principal) {
            this.principal = principal;
        }
    }

    /** Metrics. */
    public static class Metrics {
        /** Whether meters carry a tenant tag (off: one series per tenant can be very many series). */
        private boolean tenantTag;

        /** @return whether meters carry a tenant tag */
        public boolean isTenantTag() {
            return tenantTag;
        }

        /** @param tenantTag whether meters carry a tenant tag */
        public void setTenantTag(boolean tenantTag) {
            this.tenantTag = tenantTag;
        }
    }

    /** The health indicator. */
    public static class Health {
        /** Credentials expiring within this window are counted as expiring. */
        private Duration expiryWarning = Duration.ofDays(30);

        /** @return the warning window */
        public Duration getExpiryWarning() {
            return expiryWarning;
        }

        /** @param expiryWarning the warning window */
        public void setExpiryWarning(Duration expiryWarning) {
            this.expiryWarning = expiryWarning;
        }
    }
}
