package dev.tenantconnect.core.extension;

import dev.tenantconnect.core.model.TenantId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link ExtensionStore} in memory, for tests and single-process use. */
public final class InMemoryExtensionStore implements ExtensionStore {
    private final Map<TenantId, Map<String, Extension>> byTenant = new ConcurrentHashMap<>();

    @Override
    public Optional<Extension> find(TenantId tenant, String extKey) {
        return Optional.ofNullable(byTenant.getOrDefault(tenant, Map.of()).get(extKey));
    }

    @Override
    public void put(Extension extension) {
        Objects.requireNonNull(extension, "extension");
        byTenant.computeIfAbsent(extension.tenant(), t -> new ConcurrentHashMap<>()).put(extension.extKey(),
                extension);
    }

    @Override
    public List<Extension> listByTenant(TenantId tenant) {
        return byTenant.getOrDefault(tenant, Map.of()).values().stream()
                .sorted(Comparator.comparing(Extension::extKey)).toList();
    }

    @Override
    public Map<java.util.UUID, List<Extension>> byUsers(TenantId tenant, java.util.Collection<java.util.UUID> users) {
        java.util.Set<java.util.UUID> wanted = new java.util.HashSet<>(users);
        Map<java.util.UUID, List<Extension>> out = new java.util.LinkedHashMap<>();
        byTenant.getOrDefault(tenant, Map.of()).values().stream().filter(e -> wanted.contains(e.user()))
                .sorted(Comparator.comparing(Extension::extKey))
                .forEach(e -> out.computeIfAbsent(e.user(), u -> new java.util.ArrayList<>()).add(e));
        return out;
    }
}
