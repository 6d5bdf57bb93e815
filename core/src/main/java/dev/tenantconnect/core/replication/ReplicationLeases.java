package dev.tenantconnect.core.replication;

import dev.tenantconnect.core.model.TenantId;
import java.time.Duration;
import java.time.Instant;
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
    default Optional<ReplicationLease> acquire(TenantId tenant, String holder, Duration ttl) {
        return acquire(tenant, holder, ttl, Optional.empty());
    }

    /**
     * @param tenant the tenant to replicate
     * @param holder this instance's name
     * @param ttl how long the lease lasts unless released (longer than a pass takes)
     * @param skipIfPassedAfter when present: empty also if a pass of the tenant (by any instance) was released after
     *     this instant, so instances working through the same tenants leave the ones already done to each other
     * @return the lease, or empty while another (or this) holder's unexpired lease stands or the tenant is fresh
     */
    Optional<ReplicationLease> acquire(TenantId tenant, String holder, Duration ttl,
            Optional<Instant> skipIfPassedAfter);

    /**
     * @param lease a lease acquired before
     * @return whether it is still the tenant's current lease and unexpired (checked before writing)
     */
    boolean holds(ReplicationLease lease);

    /**
     * Ends a pass: the lease is free and the time recorded as the tenant's last pass.
     *
     * @param lease a lease to give up; nothing happens when it is no longer current
     */
    void release(ReplicationLease lease);
}
