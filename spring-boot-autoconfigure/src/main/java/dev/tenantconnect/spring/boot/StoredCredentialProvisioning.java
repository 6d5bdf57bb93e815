package dev.tenantconnect.spring.boot;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.provisioning.Consent;
import dev.tenantconnect.core.provisioning.NumberUpload;
import dev.tenantconnect.core.provisioning.OperatorProvisioning;
import dev.tenantconnect.core.provisioning.SyncStatus;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.graph.provisioning.AcgProvisioningClient;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The operator provisioning API with the operator's credential read from the credential store when first needed
 * (and again after it was rotated), so the application can start before that credential is stored.
 */
final class StoredCredentialProvisioning implements OperatorProvisioning {
    private final Supplier<GraphConnector> connector;
    private final CredentialStore store;
    private final CredentialKey operator;
    private final URI endpoint;
    private final String scope;
    private long version = -1;
    private AcgProvisioningClient client;

    StoredCredentialProvisioning(Supplier<GraphConnector> connector, CredentialStore store, CredentialKey operator,
            URI endpoint, String scope) {
        this.connector = connector;
        this.store = store;
        this.operator = operator;
        this.endpoint = endpoint;
        this.scope = scope;
    }

    private synchronized AcgProvisioningClient client() {
        dev.tenantconnect.core.credential.CredentialRecord r = store.require(operator);
        if (client == null || r.version() != version) {
            client = AcgProvisioningClient.builder().connector(connector.get()).endpoint(endpoint, scope)
                    .operator(operator.tenant(), r.credential()).build();
            version = r.version();
        }
        return client;
    }

    @Override
    public List<Consent> consents() {
        return client().consents();
    }

    @Override
    public String ensureAccount(TenantId tenant) {
        return client().ensureAccount(tenant);
    }

    @Override
    public void prepareUpload(TenantId tenant) {
        client().prepareUpload(tenant);
    }

    @Override
    public List<SyncStatus> upload(TenantId tenant, List<NumberUpload> numbers) {
        return client().upload(tenant, numbers);
    }

    @Override
    public SyncStatus status(TenantId tenant, PhoneNumber number) {
        return client().status(tenant, number);
    }

    @Override
    public Map<PhoneNumber, SyncStatus> statuses(TenantId tenant, Collection<PhoneNumber> numbers) {
        return client().statuses(tenant, numbers);
    }

    @Override
    public void release(TenantId tenant, List<PhoneNumber> numbers) {
        client().release(tenant, numbers);
    }
}
