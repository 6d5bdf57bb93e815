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
     * Operator Connect roles and permissions, plus reading the connection's own service principal and grants
     * ({@code Application.ReadWrite.OwnedBy}, which the wizard grants for rotation, covers it), warning 30 days
     * before expiry. Directory roles are read from the token's own {@code wids} claim, so no tenant-wide role read
     * ({@code RoleManagement.Read.Directory}) is needed or expected: a connection holding it is told it is not
     * needed. Use {@link #withTenantWideRoleRead()} to ask the directory too.
     *
     * @return the default options for Operator Connect
     */
    public static VerifyOptions operatorConnect() {
        return new VerifyOptions(RoleProfile.OPERATOR_CONNECT, List.of(PermissionProfile.OPERATOR_CONNECT,
                PermissionProfile.SERVICE_PRINCIPAL_READ), Duration.ofDays(30));
    }

    /**
     * Also expects the tenant-wide role read ({@link PermissionProfile#ROLE_READ}, least privileged
     * {@code RoleManagement.Read.Directory}): with it, verification asks the directory for the service principal's
     * roles when the token's {@code wids} claim does not satisfy the profile (a token issued before a role was
     * assigned).
     *
     * @return a copy that also requires the role read
     */
    public VerifyOptions withTenantWideRoleRead() {
        if (features.contains(PermissionProfile.ROLE_READ)) {
            return this;
        }
        List<PermissionProfile> more = new java.util.ArrayList<>(features);
        more.add(PermissionProfile.ROLE_READ);
        return new VerifyOptions(roles, more, expiryWarning);
    }

    /**
     * @param profile another role profile
     * @return a copy checking that profile
     */
    public VerifyOptions withRoles(RoleProfile profile) {
        return new VerifyOptions(profile, features, expiryWarning);
    }
}
