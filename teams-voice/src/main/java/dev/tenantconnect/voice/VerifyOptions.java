package dev.tenantconnect.voice;

import dev.tenantconnect.core.access.PermissionProfile;
import dev.tenantconnect.core.access.RoleProfile;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a verification checks against.
 *
 * @param roles the deployment stage whose directory roles are required
 * @param features the features whose Graph permissions are required
 * @param expiryWarning warn when the secret or certificate expires within this
 */
public record VerifyOptions(RoleProfile roles, List<PermissionProfile> features, Duration expiryWarning) {
    /** Validates and copies. */
    public VerifyOptions {
        Objects.requireNonNull(roles, "roles");
        features = List.copyOf(features);
        Objects.requireNonNull(expiryWarning, "expiryWarning");
        if (features.isEmpty()) {
            throw new IllegalArgumentException("at least one feature is needed");
        }
    }

    /**
     * @return Operator Connect roles and permissions, plus what verification itself reads (roles, the service
     *     principal), warning 30 days before expiry
     */
    public static VerifyOptions operatorConnect() {
        return new VerifyOptions(RoleProfile.OPERATOR_CONNECT, List.of(PermissionProfile.OPERATOR_CONNECT,
                PermissionProfile.ROLE_READ, PermissionProfile.SERVICE_PRINCIPAL_READ), Duration.ofDays(30));
    }

    /**
     * @param profile another role profile
     * @return a copy checking that profile
     */
    public VerifyOptions withRoles(RoleProfile profile) {
        return new VerifyOptions(profile, features, expiryWarning);
    }
}
