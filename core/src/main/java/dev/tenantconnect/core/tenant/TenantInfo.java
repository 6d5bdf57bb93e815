package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.model.TenantId;
import java.util.List;
import java.util.Objects;

/**
 * A tenant's organization as Graph reports it.
 *
 * @param id the tenant ID
 * @param displayName the organization's name
 * @param verifiedDomains the verified domains, default first
 */
public record TenantInfo(TenantId id, String displayName, List<String> verifiedDomains) {
    /** Validates and copies. */
    public TenantInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        verifiedDomains = List.copyOf(verifiedDomains);
    }
}
