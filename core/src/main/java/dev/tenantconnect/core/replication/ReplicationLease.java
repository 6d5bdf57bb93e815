package dev.tenantconnect.core.replication;

import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * The right to replicate one tenant, held by one instance until it is released or expires.
 *
 * @param tenant the tenant
 * @param holder who holds it (an instance name)
 * @param epoch the fencing token: every acquisition of the tenant's lease gets a higher one, and only the holder of
 *     the current epoch may write
 * @param expiresAt when another instance may take it over
 */
public record ReplicationLease(TenantId tenant, String holder, long epoch, Instant expiresAt) {
    /** Rejects nulls. */
    public ReplicationLease {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
