package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What an app-only token acquired for a credential says, without the token itself: proof that the credential works,
 * and the tenant, application, permissions and directory roles Entra put in it.
 *
 * @param tenant the {@code tid} claim: the tenant that issued it
 * @param clientId the {@code appid} claim
 * @param roles the Graph application permissions in the {@code roles} claim (names this SDK knows)
 * @param directoryRoles the {@code wids} claim: template IDs of the directory roles the app holds (may be empty)
 * @param expiresOn when the token expires
 */
public record AppTokenClaims(TenantId tenant, String clientId, Set<GraphPermission> roles, Set<UUID> directoryRoles,
        Instant expiresOn) {
    /** Validates and copies. */
    public AppTokenClaims {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(clientId, "clientId");
        roles = Set.copyOf(roles);
        directoryRoles = Set.copyOf(directoryRoles);
        Objects.requireNonNull(expiresOn, "expiresOn");
    }
}
