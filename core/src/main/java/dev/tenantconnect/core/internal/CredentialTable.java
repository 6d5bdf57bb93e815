package dev.tenantconnect.core.internal;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.PreviousCredential;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.ConcurrentUpdateException;
import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The compare-and-set rules shared by the credential stores, over a plain sorted map. Not thread-safe: callers
 * hold their own lock. Each mutator computes the new record first and only then changes the map, so a refused
 * update changes nothing. Not API.
 */
public final class CredentialTable {
    private final TreeMap<CredentialKey, CredentialRecord> records = new TreeMap<>();

    /** @param initial records to start with */
    public CredentialTable(Collection<CredentialRecord> initial) {
        initial.forEach(r -> records.put(r.key(), r));
    }

    /** @return a copy of every record, in key order */
    public List<CredentialRecord> all() {
        return List.copyOf(records.values());
    }

    /**
     * @param key the key
     * @return the record
     */
    public Optional<CredentialRecord> find(CredentialKey key) {
        return Optional.ofNullable(records.get(key));
    }

    /**
     * @param tenant the tenant
     * @return its records, by service
     */
    public List<CredentialRecord> listByTenant(TenantId tenant) {
        return records.values().stream().filter(r -> r.key().tenant().equals(tenant)).toList();
    }

    /**
     * Computes the record {@code create} would store, without storing it.
     *
     * @param key key
     * @param credential credential
     * @param now time
     * @return the record to store
     */
    public CredentialRecord planCreate(CredentialKey key, TenantCredential credential, Instant now) {
        Objects.requireNonNull(credential, "credential");
        CredentialRecord existing = records.get(key);
        if (existing != null) {
            throw new ConcurrentUpdateException("credential " + key, 0, existing.version());
        }
        return new CredentialRecord(key, 1, credential, now, Optional.empty());
    }

    /**
     * @param key key
     * @param expected version read by the caller
     * @param credential new credential
     * @param now time
     * @return the record to store
     */
    public CredentialRecord planReplace(CredentialKey key, long expected, TenantCredential credential, Instant now) {
        Objects.requireNonNull(credential, "credential");
        CredentialRecord cur = check(key, expected);
        return new CredentialRecord(key, cur.version() + 1, credential, now,
                Optional.of(new PreviousCredential(cur.credential(), now)));
    }

    /**
     * @param key key
     * @param expected version read by the caller
     * @param now time
     * @return the record to store
     */
    public CredentialRecord planRetire(CredentialKey key, long expected, Instant now) {
        CredentialRecord cur = check(key, expected);
        return new CredentialRecord(key, cur.version() + 1, cur.credential(), now, Optional.empty());
    }

    /**
     * @param key key
     * @param expected version read by the caller
     */
    public void checkDelete(CredentialKey key, long expected) {
        check(key, expected);
    }

    private CredentialRecord check(CredentialKey key, long expected) {
        CredentialRecord cur = records.get(key);
        long actual = cur == null ? 0 : cur.version();
        if (cur == null || actual != expected) {
            throw new ConcurrentUpdateException("credential " + key, expected, actual);
        }
        return cur;
    }

    /** @param record a planned record to store */
    public void put(CredentialRecord record) {
        records.put(record.key(), record);
    }

    /** @param key a key to remove */
    public void remove(CredentialKey key) {
        records.remove(key);
    }
}
