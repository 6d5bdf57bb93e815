package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An access token with the facts the SDK reads from it. {@code toString} never shows the token.
 *
 * @param value the bearer token
 * @param expiresOn when it expires
 * @param tenant the {@code tid} claim: the tenant that issued it
 * @param clientId the {@code appid} claim
 * @param roles the Graph application permissions in the {@code roles} claim (names this SDK knows)
 * @param objectId the {@code oid} claim: the signed-in user, or the application's service principal
 * @param directoryRoles the {@code wids} claim: template IDs of the directory roles the subject holds
 */
public record AccessToken(Secret value, Instant expiresOn, TenantId tenant, String clientId,
        Set<GraphPermission> roles, Optional<UUID> objectId, Set<UUID> directoryRoles) {
    /** Validates and copies. */
    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresOn, "expiresOn");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(clientId, "clientId");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(objectId, "objectId");
        directoryRoles = Set.copyOf(directoryRoles);
    }

    /**
     * A token whose subject and directory roles are not known.
     *
     * @param value the bearer token
     * @param expiresOn when it expires
     * @param tenant the issuing tenant
     * @param clientId the client
     * @param roles the permissions it carries
     */
    public AccessToken(Secret value, Instant expiresOn, TenantId tenant, String clientId, Set<GraphPermission> roles) {
        this(value, expiresOn, tenant, clientId, roles, Optional.empty(), Set.of());
    }

    /** @return what the token says, without the token itself (safe to keep and show) */
    public dev.tenantconnect.core.tenant.AppTokenClaims claims() {
        return new dev.tenantconnect.core.tenant.AppTokenClaims(tenant, clientId, roles, directoryRoles, expiresOn);
    }

    @Override
    public String toString() {
        return "AccessToken[tenant=" + tenant + ", clientId=" + clientId + ", expiresOn=" + expiresOn + ", roles="
                + roles + ", value=****]";
    }
}
