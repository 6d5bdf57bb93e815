package dev.tenantconnect.voice;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import java.util.Set;

/**
 * What {@link AppRegistrationService#removeUnneededAccess} removed (the wizard's final clean-up of roles and
 * permissions only onboarding needed, such as the Direct Routing automatic-DNS roles).
 *
 * @param removedRoles directory roles unassigned
 * @param removedPermissions Graph permissions revoked
 */
public record AccessCleanup(Set<DirectoryRole> removedRoles, Set<GraphPermission> removedPermissions) {
    /** Copies. */
    public AccessCleanup {
        removedRoles = Set.copyOf(removedRoles);
        removedPermissions = Set.copyOf(removedPermissions);
    }
}
