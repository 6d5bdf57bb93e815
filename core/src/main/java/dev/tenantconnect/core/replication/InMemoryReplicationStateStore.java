package dev.tenantconnect.core.replication;

import dev.tenantconnect.core.model.TenantId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ReplicationStateStore} in memory. */
public final class InMemoryReplicationStateStore implements ReplicationStateStore {
    private final Map<TenantId, String> links = new ConcurrentHashMap<>();

    @Override
    public Optional<String> deltaLink(TenantId tenant) {
        return Optional.ofNullable(links.get(tenant));
    }

    @Override
    public void saveDeltaLink(TenantId tenant, String deltaLink) {
        links.put(tenant, Objects.requireNonNull(deltaLink, "deltaLink"));
    }

    @Override
    public void forget(TenantId tenant) {
        links.remove(tenant);
    }
}
