package dev.tenantconnect.voice;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import java.util.Set;

/**
 * What {@link TenantConnect#removeUnneededAccess} removed (seed 004 steps 19–20, seed 002's onboarding-only roles).
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
