package dev.tenantconnect.core.replication;

import dev.tenantconnect.core.model.TenantId;
import java.time.Duration;
import java.util.Optional;

/**
 * One replication pass per tenant at a time across the instances of a deployment: a fenced lease per tenant.
 * Implementations: {@link InMemoryReplicationLeases} (one process) and the JDBC store's (several instances on one
 * database); both pass {@code ReplicationLeasesContract}. Thread-safe.
 */
public interface ReplicationLeases {
    /**
     * @param tenant the tenant to replicate
     * @param holder this instance's name
     * @param ttl how long the lease lasts unless released (longer than a pass takes)
     * @return the lease, or empty while another (or this) holder's unexpired lease stands
     */
    Optional<ReplicationLease> acquire(TenantId tenant, String holder, Duration ttl);

    /**
     * @param lease a lease acquired before
     * @return whether it is still the tenant's current lease and unexpired (checked before writing)
     */
    boolean holds(ReplicationLease lease);

    /** @param lease a lease to give up; nothing happens when it is no longer current */
    void release(ReplicationLease lease);
}
