package dev.tenantconnect.core.extension;

import dev.tenantconnect.core.model.TenantId;
import java.util.List;
import java.util.Optional;

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
}
