package dev.tenantconnect.core.tenant;

import java.util.Objects;
import java.util.UUID;

/**
 * A service principal (an application's identity in a tenant).
 *
 * @param id its object ID
 * @param appId the application (client) ID
 * @param displayName its name
 * @param enabled whether sign-in is enabled
 */
public record ServicePrincipalInfo(UUID id, String appId, String displayName, boolean enabled) {
    /** Rejects nulls. */
    public ServicePrincipalInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(displayName, "displayName");
    }
}
