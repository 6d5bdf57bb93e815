package dev.tenantconnect.examples.programs;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.PreviousCredential;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.ConcurrentUpdateException;
import dev.tenantconnect.core.model.TenantId;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The credential store SPI, implemented on your own storage — here a concurrent map standing in for a vault
 * client. What every store must do: versions start at 1 and grow by one, every update is compare-and-set on the
 * version the caller read, replacing keeps the old credential as "previous" until it is retired. Prove it by running
 * the core test-jar's {@code CredentialStoreContract} against your class (this one's test does).
 */
public final class CustomCredentialStore implements CredentialStore {
    private final ConcurrentMap<CredentialKey, CredentialRecord> records = new ConcurrentHashMap<>();
    private final Clock clock;

    /** @param clock stamps every write */
    public CustomCredentialStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<CredentialRecord> find(CredentialKey key) {
        return Optional.ofNullable(records.get(key));
    }

    @Override
    public List<CredentialRecord> listByTenant(TenantId tenant) {
        return records.values().stream().filter(r -> r.key().tenant().equals(tenant))
                .sorted(Comparator.comparing(CredentialRecord::key)).toList();
    }

    @Override
    public List<CredentialRecord> listAll() {
        return records.values().stream().sorted(Comparator.comparing(CredentialRecord::key)).toList();
    }

    @Override
    public CredentialRecord create(CredentialKey key, TenantCredential credential) {
        Objects.requireNonNull(credential, "credential");
        CredentialRecord fresh = new CredentialRecord(key, 1, credential, clock.instant(), Optional.empty());
        CredentialRecord existing = records.putIfAbsent(key, fresh); // atomic: one creator wins
        if (existing != null) {
            throw new ConcurrentUpdateException("credential " + key, 0, existing.version());
        }
        return fresh;
    }

    @Override
    public CredentialRecord replace(CredentialKey key, long expectedVersion, TenantCredential credential) {
        Objects.requireNonNull(credential, "credential");
        return update(key, expectedVersion, cur -> new CredentialRecord(key, cur.version() + 1, credential,
                clock.instant(), Optional.of(new PreviousCredential(cur.credential(), clock.instant()))));
    }

    @Override
    public CredentialRecord retirePrevious(CredentialKey key, long expectedVersion) {
        return update(key, expectedVersion, cur -> new CredentialRecord(key, cur.version() + 1, cur.credential(),
                clock.instant(), Optional.empty()));
    }

    @Override
    public void delete(CredentialKey key, long expectedVersion) {
        CredentialRecord cur = records.get(key);
        if (cur == null || cur.version() != expectedVersion || !records.remove(key, cur)) {
            throw new ConcurrentUpdateException("credential " + key, expectedVersion, versionOf(key));
        }
    }

    private CredentialRecord update(CredentialKey key, long expected,
            java.util.function.UnaryOperator<CredentialRecord> next) {
        CredentialRecord cur = records.get(key);
        if (cur == null || cur.version() != expected) {
            throw new ConcurrentUpdateException("credential " + key, expected, versionOf(key));
        }
        CredentialRecord updated = next.apply(cur);
        if (!records.replace(key, cur, updated)) { // compare-and-set: a concurrent writer got there first
            throw new ConcurrentUpdateException("credential " + key, expected, versionOf(key));
        }
        return updated;
    }

    private long versionOf(CredentialKey key) {
        CredentialRecord r = records.get(key);
        return r == null ? 0 : r.version();
    }

    /**
     * Connects the example tenant through this store, shows that a write from a stale read is refused, and verifies
     * the connection read back from it. Exit 0 when all of that held.
     *
     * @param args none
     */
    public static void main(String[] args) {
        java.io.PrintWriter out = new java.io.PrintWriter(System.out, true);
        boolean ok;
        try (ExampleCloud cloud = ExampleCloud.start(20)) {
            CustomCredentialStore store = new CustomCredentialStore(Clock.systemUTC());
            dev.tenantconnect.voice.TenantConnectClient client = cloud.client().credentials(store).build();
            client.connections().connect(cloud.key(), cloud.customerCredential());
            CredentialRecord read = store.require(cloud.key());
            out.println("stored " + read.key() + " at version " + read.version());
            store.replace(cloud.key(), read.version(), cloud.customerCredential());
            try {
                store.replace(cloud.key(), read.version(), cloud.customerCredential()); // read.version() is stale now
                out.println("a stale write went through: this store breaks the contract");
                ok = false;
            } catch (ConcurrentUpdateException e) {
                out.println("a write from a stale read is refused: " + e.getMessage());
                ok = true;
            }
            var report = client.verification().verify(cloud.key(), dev.tenantconnect.voice.VerifyOptions.operatorConnect());
            out.println("verified from this store: " + report.overall());
            ok &= report.usable();
        }
        System.exit(ok ? 0 : 1);
    }

    @Override
    public String toString() {
        return "CustomCredentialStore[" + records.size() + " records]"; // never the credentials themselves
    }
}
