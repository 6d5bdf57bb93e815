package dev.tenantconnect.voice;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientCertificateCredential;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.model.ClientId;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A ready app registration: its credential works and its token carries the granted permissions. Store it with
 * {@link Connections#connect}.
 *
 * @param credential the client secret (with key ID and expiry) or certificate credential
 * @param applicationObjectId the application object ID
 * @param servicePrincipalId the service principal's object ID
 * @param permissions the Graph application permissions granted
 * @param roles the directory roles assigned
 * @param createdApplication whether this run created the application (false on a re-run)
 */
public record AppRegistrationResult(TenantCredential credential, UUID applicationObjectId,
        UUID servicePrincipalId, Set<GraphPermission> permissions, Set<DirectoryRole> roles,
        boolean createdApplication) {
    /** Validates and copies. */
    public AppRegistrationResult {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(applicationObjectId, "applicationObjectId");
        Objects.requireNonNull(servicePrincipalId, "servicePrincipalId");
        permissions = Set.copyOf(permissions);
        roles = Set.copyOf(roles);
        if (!(credential instanceof ClientSecretCredential || credential instanceof ClientCertificateCredential)) {
            throw new IllegalArgumentException("an app registration credential is a secret or a certificate");
        }
    }

    /** @return the application (client) ID */
    public ClientId clientId() {
        return credential instanceof ClientSecretCredential s ? s.clientId()
                : ((ClientCertificateCredential) credential).clientId();
    }
}
