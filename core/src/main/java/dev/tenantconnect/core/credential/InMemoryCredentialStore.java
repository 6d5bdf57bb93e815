package dev.tenantconnect.core.credential;

import dev.tenantconnect.core.internal.CredentialTable;
import dev.tenantconnect.core.model.TenantId;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** A {@link CredentialStore} in memory, for tests and the demo. Thread-safe; nothing survives the JVM. */
public final class InMemoryCredentialStore implements CredentialStore {
    private final CredentialTable table = new CredentialTable(List.of());
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Clock clock;

    /** @param clock stamps {@link CredentialRecord#updatedAt()} */
    public InMemoryCredentialStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Creates a store on the system UTC clock. */
    public InMemoryCredentialStore() {
        this(Clock.systemUTC());
    }

    @Override
    public Optional<CredentialRecord> find(CredentialKey key) {
        lock.readLock().lock();
        try {
            return table.find(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<CredentialRecord> listByTenant(TenantId tenant) {
        lock.readLock().lock();
        try {
            return table.listByTenant(tenant);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<CredentialRecord> listAll() {
        lock.readLock().lock();
        try {
            return table.all();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public CredentialRecord create(CredentialKey key, TenantCredential credential) {
        return write(() -> table.planCreate(key, credential, clock.instant()));
    }

    @Override
    public CredentialRecord replace(CredentialKey key, long expectedVersion, TenantCredential credential) {
        return write(() -> table.planReplace(key, expectedVersion, credential, clock.instant()));
    }

    @Override
    public CredentialRecord retirePrevious(CredentialKey key, long expectedVersion) {
        return write(() -> table.planRetire(key, expectedVersion, clock.instant()));
    }

    @Override
    public void delete(CredentialKey key, long expectedVersion) {
        lock.writeLock().lock();
        try {
            table.checkDelete(key, expectedVersion);
            table.remove(key);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private CredentialRecord write(java.util.function.Supplier<CredentialRecord> plan) {
        lock.writeLock().lock();
        try {
            CredentialRecord r = plan.get();
            table.put(r);
            return r;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "InMemoryCredentialStore";
    }
}
