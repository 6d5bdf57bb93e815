package dev.tenantconnect.graph;

import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An access token with the facts the SDK reads from it. {@code toString} never shows the token.
 *
 * @param value the bearer token
 * @param expiresOn when it expires
 * @param tenant the {@code tid} claim: the tenant that issued it
 * @param clientId the {@code appid} claim
 * @param roles the Graph application permissions in the {@code roles} claim (names this SDK knows)
 */
public record AccessToken(Secret value, Instant expiresOn, TenantId tenant, String clientId,
        Set<GraphPermission> roles) {
    /** Validates and copies. */
    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresOn, "expiresOn");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(clientId, "clientId");
        roles = Set.copyOf(roles);
    }

    @Override
    public String toString() {
        return "AccessToken[tenant=" + tenant + ", clientId=" + clientId + ", expiresOn=" + expiresOn + ", roles="
                + roles + ", value=****]";
    }
}
