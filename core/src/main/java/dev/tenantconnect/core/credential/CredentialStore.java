package dev.tenantconnect.core.credential;

import dev.tenantconnect.core.model.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Where tenant credentials live: versioned records per (tenant, service) with compare-and-set updates.
 *
 * <p>Every implementation passes the published contract test ({@code CredentialStoreContract} in the core
 * test-jar). Implementations: {@link InMemoryCredentialStore} (tests, demo), {@link EncryptedFileCredentialStore}
 * (single node), and the JDBC store of the {@code jdbc-store} module (several instances). All methods are
 * thread-safe; every write either happens whole or not at all.
 */
public interface CredentialStore {

    /**
     * @param key which record
     * @return the record, if stored
     */
    Optional<CredentialRecord> find(CredentialKey key);

    /**
     * @param key which record
     * @return the record
     * @throws dev.tenantconnect.core.error.ConfigurationException if nothing is stored for the key (the message
     *     says to connect the tenant first)
     */
    default CredentialRecord require(CredentialKey key) {
        return find(key).orElseThrow(() -> new dev.tenantconnect.core.error.ConfigurationException(
                "no credential stored for " + key + "; connect the tenant first"));
    }

    /**
     * @param tenant a tenant
     * @return every record of that tenant, ordered by service
     */
    List<CredentialRecord> listByTenant(TenantId tenant);

    /**
     * Every readable record. A store that keeps records apart (the JDBC store) skips a damaged record here — logging
     * a warning that names it — so every other tenant keeps working; {@link #scan()} reports what was skipped, and
     * {@link #find} of that record throws {@link dev.tenantconnect.core.error.DamagedRecordException}.
     *
     * @return every readable record, ordered by tenant and service (for expiry reports across all tenants)
     */
    List<CredentialRecord> listAll();

    /**
     * @return every readable record and every record skipped because it is damaged
     */
    default CredentialScan scan() {
        return new CredentialScan(listAll(), List.of());
    }

    /**
     * Stores a credential for a (tenant, service) that has none.
     *
     * @param key which record
     * @param credential the credential
     * @return the new record, version 1
     * @throws dev.tenantconnect.core.error.ConcurrentUpdateException if a record exists already
     */
    CredentialRecord create(CredentialKey key, TenantCredential credential);

    /**
     * Replaces the current credential if the record is still at {@code expectedVersion}; the replaced credential is
     * kept as {@link CredentialRecord#previous()} (overwriting an older previous one) until retired.
     *
     * @param key which record
     * @param expectedVersion the version the caller read
     * @param credential the new credential
     * @return the updated record
     * @throws dev.tenantconnect.core.error.ConcurrentUpdateException if the version differs or there is no record
     */
    CredentialRecord replace(CredentialKey key, long expectedVersion, TenantCredential credential);

    /**
     * Forgets the previous credential once the new one is known to work everywhere.
     *
     * @param key which record
     * @param expectedVersion the version the caller read
     * @return the updated record, without previous credential
     * @throws dev.tenantconnect.core.error.ConcurrentUpdateException if the version differs or there is no record
     */
    CredentialRecord retirePrevious(CredentialKey key, long expectedVersion);

    /**
     * Deletes a record.
     *
     * @param key which record
     * @param expectedVersion the version the caller read
     * @throws dev.tenantconnect.core.error.ConcurrentUpdateException if the version differs or there is no record
     */
    void delete(CredentialKey key, long expectedVersion);
}
