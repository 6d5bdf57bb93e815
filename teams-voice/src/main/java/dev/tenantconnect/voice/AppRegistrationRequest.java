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
 * What the app-registration wizard (seed 004) creates in a customer tenant.
 *
 * @param tenant the customer tenant
 * @param service the operator's service the registration is for (its secret is named after it)
 * @param name the registration's name (seed 004's rules, validated by {@link AppRegistrationName})
 * @param features the features whose Graph application permissions are granted (least-privileged choice of each)
 * @param roles the deployment stage whose directory roles are assigned (least-privileged choice)
 * @param secretValidity how long the client secret is valid
 */
public record AppRegistrationRequest(TenantId tenant, ServiceId service, AppRegistrationName name,
        List<PermissionProfile> features, RoleProfile roles, Duration secretValidity) {
    /** Validates and copies. */
    public AppRegistrationRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
        features = List.copyOf(features);
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(secretValidity, "secretValidity");
        if (secretValidity.isNegative() || secretValidity.isZero() || secretValidity.toDays() > 730) {
            throw new dev.tenantconnect.core.error.ValidationException("secretValidity",
                    "must be more than zero and at most 730 days (Entra's limit for secrets)");
        }
    }
}
