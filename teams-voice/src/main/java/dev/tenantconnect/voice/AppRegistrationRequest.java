package dev.tenantconnect.voice;

import dev.tenantconnect.core.access.PermissionProfile;
import dev.tenantconnect.core.access.RoleProfile;
import dev.tenantconnect.core.model.AppRegistrationName;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the app-registration wizard creates in a customer tenant.
 *
 * @param tenant the customer tenant
 * @param service the operator's service the registration is for (its secret is named after it)
 * @param name the registration's name (the wizard's naming rules, validated by {@link AppRegistrationName})
 * @param features the features whose Graph application permissions are granted (least-privileged choice of each)
 * @param roles the deployment stage whose directory roles are assigned (least-privileged choice)
 * @param secretValidity how long the credential (client secret or certificate) is valid
 * @param credentialKind whether the wizard makes a client secret or a certificate
 */
public record AppRegistrationRequest(TenantId tenant, ServiceId service, AppRegistrationName name,
        List<PermissionProfile> features, RoleProfile roles, Duration secretValidity, CredentialKind credentialKind) {

    /** The kind of credential the wizard makes for the operator's service (one per service). */
    public enum CredentialKind {
        /** A client secret ({@code addPassword}). */
        SECRET,
        /** A generated key pair whose self-signed certificate is uploaded ({@code keyCredentials}). */
        CERTIFICATE
    }

    /**
     * A request for a client-secret registration.
     *
     * @param tenant the customer tenant
     * @param service the operator's service
     * @param name the registration's name
     * @param features the features whose permissions are granted
     * @param roles the stage whose roles are assigned
     * @param secretValidity how long the secret is valid
     */
    public AppRegistrationRequest(TenantId tenant, ServiceId service, AppRegistrationName name,
            List<PermissionProfile> features, RoleProfile roles, Duration secretValidity) {
        this(tenant, service, name, features, roles, secretValidity, CredentialKind.SECRET);
    }

    /**
     * @param kind the credential kind
     * @return this request with another credential kind
     */
    public AppRegistrationRequest withCredential(CredentialKind kind) {
        return new AppRegistrationRequest(tenant, service, name, features, roles, secretValidity, kind);
    }

    /** Validates and copies. */
    public AppRegistrationRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
        features = List.copyOf(features);
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(secretValidity, "secretValidity");
        Objects.requireNonNull(credentialKind, "credentialKind");
        if (secretValidity.isNegative() || secretValidity.isZero() || secretValidity.toDays() > 730) {
            throw new dev.tenantconnect.core.error.ValidationException("secretValidity",
                    "must be more than zero and at most 730 days (Entra's limit for secrets)");
        }
    }
}
