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
     * @param ttl how long the lease lasts unless renewed or released
     * @return the lease, or empty while another (or this) holder's unexpired lease stands
     */
    default Optional<ReplicationLease> acquire(TenantId tenant, String holder, Duration ttl) {
        return acquire(tenant, holder, ttl, Optional.empty());
    }

    /**
     * @param tenant the tenant to replicate
     * @param holder this instance's name
     * @param ttl how long the lease lasts unless renewed or released
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
     * Extends a lease still held, so a pass longer than the TTL keeps its tenant (a heartbeat renews it every third
     * of the TTL). Fenced: a lease that expired (even if nobody took it yet), was released or was taken over by
     * another holder is not renewed; its holder must stop writing.
     *
     * @param lease a lease acquired (or renewed) before
     * @param ttl how long from now the lease lasts
     * @return the lease with its new expiry (same tenant, holder and epoch), or empty when it is no longer held
     */
    Optional<ReplicationLease> renew(ReplicationLease lease, Duration ttl);

    /**
     * Ends a pass: the lease is free and the time recorded as the tenant's last pass.
     *
     * @param lease a lease to give up; nothing happens when it is no longer current
     */
    void release(ReplicationLease lease);
}
