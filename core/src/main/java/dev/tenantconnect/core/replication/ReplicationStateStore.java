package dev.tenantconnect.core.replication;

import dev.tenantconnect.core.model.TenantId;
import java.util.Optional;

/**
 * Per tenant, the Graph delta link the next replication starts from. Implementations:
 * {@link InMemoryReplicationStateStore}; a database one shares it between instances. Thread-safe.
 */
public interface ReplicationStateStore {
    /**
     * @param tenant a tenant
     * @return its delta link, if a replication stored one
     */
    Optional<String> deltaLink(TenantId tenant);

    /**
     * @param tenant a tenant
     * @param deltaLink where its next read starts
     */
    void saveDeltaLink(TenantId tenant, String deltaLink);

    /** @param tenant a tenant whose next replication must read everything */
    void forget(TenantId tenant);
}
