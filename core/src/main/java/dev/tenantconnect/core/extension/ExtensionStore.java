package dev.tenantconnect.core.extension;

import dev.tenantconnect.core.model.TenantId;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where the operator's extensions live. Implementations: {@link InMemoryExtensionStore}; the JDBC store shares them
 * between instances. Thread-safe.
 */
public interface ExtensionStore {
    /**
     * @param tenant the customer tenant
     * @param extKey the extension key
     * @return the extension, if recorded
     */
    Optional<Extension> find(TenantId tenant, String extKey);

    /**
     * Records an extension, replacing any earlier record with the same tenant and key.
     *
     * @param extension the extension
     */
    void put(Extension extension);

    /**
     * @param tenant the customer tenant
     * @return its extensions, ordered by key
     */
    List<Extension> listByTenant(TenantId tenant);

    /**
     * The extensions of some users, for readers that go through a tenant a page of users at a time (a backup
     * export). The default filters {@link #listByTenant}; stores holding many extensions override it with a query.
     *
     * @param tenant the customer tenant
     * @param users the users' object IDs
     * @return each listed user that has extensions, with them ordered by key
     */
    default Map<UUID, List<Extension>> byUsers(TenantId tenant, Collection<UUID> users) {
        Set<UUID> wanted = new HashSet<>(users);
        Map<UUID, List<Extension>> out = new LinkedHashMap<>();
        for (Extension e : listByTenant(tenant)) {
            if (wanted.contains(e.user())) {
                out.computeIfAbsent(e.user(), u -> new java.util.ArrayList<>()).add(e);
            }
        }
        return out;
    }
}
