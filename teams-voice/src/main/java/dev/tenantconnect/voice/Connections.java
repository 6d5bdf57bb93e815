package dev.tenantconnect.voice;

import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.DelegatedTokenCredential;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.ConcurrentUpdateException;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.TenantMismatchException;
import dev.tenantconnect.core.tenant.TenantInfo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connecting customer tenants: store a checked credential for a tenant and service, or move a stored password or
 * delegated connection up to an app registration's credential. From {@link TenantConnectClient#connections()}.
 * Thread-safe.
 */
public final class Connections {
    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);

    private final ServiceWiring wiring;
    private final dev.tenantconnect.core.metrics.MetricsRecorder metrics;

    Connections(ServiceWiring wiring) {
        this(wiring, dev.tenantconnect.core.metrics.MetricsRecorder.noop());
    }

    Connections(ServiceWiring wiring, dev.tenantconnect.core.metrics.MetricsRecorder metrics) {
        this.wiring = Objects.requireNonNull(wiring);
        this.metrics = Objects.requireNonNull(metrics);
    }

    /**
     * Connects a tenant manually with an app registration's client secret or certificate: validates the credential by
     * acquiring a token and reading the organization, checks that both name the tenant asked for, and only then stores
     * it.
     *
     * @param key the tenant and the operator's service
     * @param credential the app registration's client secret or certificate
     * @return the stored connection
     * @throws dev.tenantconnect.core.error.AuthenticationFailedException when Entra refuses the credential
     * @throws TenantMismatchException when the credential belongs to another tenant
     * @throws ConcurrentUpdateException when the service is already connected (use rotation or upgrade instead)
     */
    public Connection connect(CredentialKey key, TenantCredential credential) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(credential, "credential");
        return dev.tenantconnect.core.metrics.Observations.observe(metrics, dev.tenantconnect.core.metrics.MetricNames.OP_CONNECT,
                dev.tenantconnect.core.metrics.MetricTags.of(dev.tenantconnect.core.metrics.MetricTags.TENANT, key.tenant().value()),
                () -> connectObserved(key, credential));
    }

    private Connection connectObserved(CredentialKey key, TenantCredential credential) {
        Optional<CredentialRecord> existing = wiring.store().find(key);
        if (existing.isPresent()) {
            throw new ConcurrentUpdateException("credential " + key + " exists already; rotate or upgrade it instead",
                    0, existing.get().version());
        }
        var token = wiring.microsoft().tokenClaims(key.tenant(), credential);
        if (!token.tenant().equals(key.tenant())) {
            throw new TenantMismatchException(key.tenant(), token.tenant());
        }
        TenantInfo org = organization(key, credential);
        CredentialRecord record = wiring.store().create(key, credential);
        LOG.info("connected tenant {} service {} ({} permissions granted)", key.tenant(), key.service(),
                token.roles().size());
        return new Connection(record, org, token.roles());
    }

    /**
     * Upgrades a connection (password, then delegated token, then app registration): a tenant connected by password or
     * delegated token moves one step up. The new credential is validated first (token, organization, tenant); only then
     * is it swapped in with compare-and-set, keeping the old one as previous. On any failure the stored connection is
     * untouched.
     *
     * @param key the connection
     * @param credential the new credential: a delegated token (from a password) or an app registration credential
     *     (from a delegated token)
     * @return the upgraded connection
     */
    public Connection upgrade(CredentialKey key, TenantCredential credential) {
        CredentialRecord current = wiring.stored(key);
        current.credential().method().requireMoveTo(credential.method());
        if (current.credential().method() == credential.method()) {
            throw new ConfigurationException(key + " already uses " + credential.method()
                    + "; rotate the secret or certificate instead");
        }
        dev.tenantconnect.core.model.TenantId tokenTenant;
        Set<GraphPermission> roles;
        TenantInfo org;
        TenantCredential toStore = credential;
        if (credential instanceof DelegatedTokenCredential delegated) {
            // validation redeems the refresh token; what is stored is the refresh token Entra returned with it
            var redeemed = wiring.microsoft().redeemDelegated(key.tenant(), delegated,
                    Set.of(GraphPermission.ORGANIZATION_READ_ALL.name()));
            tokenTenant = redeemed.token().tenant();
            roles = redeemed.token().roles();
            toStore = redeemed.credential();
            org = new TenantInfo(tokenTenant, "", List.of());
        } else {
            var token = wiring.microsoft().tokenClaims(key.tenant(), credential);
            tokenTenant = token.tenant();
            roles = token.roles();
            org = wiring.microsoft().directory(key.tenant(), credential).organization();
        }
        if (!tokenTenant.equals(key.tenant())) {
            throw new TenantMismatchException(key.tenant(), tokenTenant);
        }
        if (!org.id().equals(key.tenant())) {
            throw new TenantMismatchException(key.tenant(), org.id());
        }
        CredentialRecord updated = wiring.store().replace(key, current.version(), toStore);
        LOG.info("upgraded {} from {} to {}", key, current.credential().method(), credential.method());
        return new Connection(updated, org, roles);
    }

    /** Stores a credential the wizard made: connects a new service, or replaces the stored one of a re-run. */
    Connection storeFromWizard(CredentialKey key, TenantCredential credential, Set<GraphPermission> permissions) {
        Optional<CredentialRecord> existing = wiring.store().find(key);
        if (existing.isEmpty()) {
            return connect(key, credential);
        }
        CredentialRecord r = wiring.store().replace(key, existing.get().version(), credential);
        return new Connection(r, wiring.microsoft().directory(key.tenant(), credential).organization(), permissions);
    }

    private TenantInfo organization(CredentialKey key, TenantCredential credential) {
        TenantInfo org = wiring.microsoft().directory(key.tenant(), credential).organization();
        if (!org.id().equals(key.tenant())) {
            throw new TenantMismatchException(key.tenant(), org.id());
        }
        return org;
    }
}
