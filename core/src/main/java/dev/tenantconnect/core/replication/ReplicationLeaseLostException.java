package dev.tenantconnect.core.replication;

import dev.tenantconnect.core.error.LeaseHeldException;

/**
 * A replication pass lost its tenant's lease while it ran: a renewal was refused or the check before a write found
 * the lease no longer current (this instance stalled past the TTL and another took the tenant over). The pass stopped
 * before its next write; what it wrote before stays, and the new holder's pass brings the tenant up to date.
 */
public final class ReplicationLeaseLostException extends LeaseHeldException {
    private static final long serialVersionUID = 1L;

    /** @param lease the lease that was lost (names the tenant, holder and fencing token; no secrets) */
    public ReplicationLeaseLostException(ReplicationLease lease) {
        super("replication lease of tenant " + lease.tenant() + " (held by " + lease.holder() + ", epoch "
                + lease.epoch() + ") was taken over or ran out during the pass; it stopped before its next write");
    }
}
