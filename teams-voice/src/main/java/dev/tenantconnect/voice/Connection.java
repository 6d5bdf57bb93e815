package dev.tenantconnect.voice;

import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.tenant.TenantInfo;
import java.util.Objects;
import java.util.Set;

/**
 * A stored, validated connection to a customer tenant.
 *
 * @param record the credential record as stored (key, version, credential)
 * @param organization the tenant's organization as Graph reported it when the connection was validated
 * @param grantedPermissions the Graph application permissions the token carried
 */
public record Connection(CredentialRecord record, TenantInfo organization, Set<GraphPermission> grantedPermissions) {
    /** Validates and copies. */
    public Connection {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(organization, "organization");
        grantedPermissions = Set.copyOf(grantedPermissions);
    }
}
