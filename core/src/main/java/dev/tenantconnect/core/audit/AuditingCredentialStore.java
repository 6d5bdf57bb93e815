package dev.tenantconnect.core.audit;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.CredentialScan;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.model.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A credential store that records an audit event for every change (create, replace, retire previous, delete) made
 * through it, succeeded or refused, then answers as the store it wraps. The event's target is the service ID and
 * its detail the record's version and credential kind, never the credential.
 */
public final class AuditingCredentialStore implements CredentialStore {
    private final CredentialStore store;
    private final Auditor auditor;

    /**
     * @param store the store
     * @param auditor where events go
     */
    public AuditingCredentialStore(CredentialStore store, Auditor auditor) {
        this.store = Objects.requireNonNull(store, "store");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    /** @return the store this one records changes of */
    public CredentialStore delegate() {
        return store;
    }

    @Override
    public Optional<CredentialRecord> find(CredentialKey key) {
        return store.find(key);
    }

    @Override
    public CredentialRecord require(CredentialKey key) {
        return store.require(key);
    }

    @Override
    public List<CredentialRecord> listByTenant(TenantId tenant) {
        return store.listByTenant(tenant);
    }

    @Override
    public List<CredentialRecord> listAll() {
        return store.listAll();
    }

    @Override
    public CredentialScan scan() {
        return store.scan();
    }

    @Override
    public CredentialRecord create(CredentialKey key, TenantCredential credential) {
        return audited(AuditAction.CREDENTIAL_CREATE, key, () -> store.create(key, credential));
    }

    @Override
    public CredentialRecord replace(CredentialKey key, long expectedVersion, TenantCredential credential) {
        return audited(AuditAction.CREDENTIAL_REPLACE, key, () -> store.replace(key, expectedVersion, credential));
    }

    @Override
    public CredentialRecord retirePrevious(CredentialKey key, long expectedVersion) {
        return audited(AuditAction.CREDENTIAL_RETIRE_PREVIOUS, key, () -> store.retirePrevious(key,
                expectedVersion));
    }

    @Override
    public void delete(CredentialKey key, long expectedVersion) {
        audited(AuditAction.CREDENTIAL_DELETE, key, () -> {
            store.delete(key, expectedVersion);
            return null;
        });
    }

    private CredentialRecord audited(AuditAction action, CredentialKey key, Supplier<CredentialRecord> write) {
        CredentialRecord r;
        try {
            r = write.get();
        } catch (RuntimeException e) {
            auditor.record(action, key.tenant(), key.service().value(), AuditResult.FAILED,
                    e.getClass().getSimpleName(), Map.of());
            throw e;
        }
        auditor.record(action, key.tenant(), key.service().value(), AuditResult.SUCCEEDED,
                r == null ? "" : "version " + r.version() + ", " + r.credential().method(), Map.of());
        return r;
    }
}
