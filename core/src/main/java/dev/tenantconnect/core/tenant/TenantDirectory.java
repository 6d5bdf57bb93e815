package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Read access to one customer tenant's directory, as the operator's app: organization, service principals, directory
 * roles, granted permissions, users, subscribed SKUs. Implemented over Microsoft Graph by the graph-adapter and in
 * memory by the testkit. Failures surface as {@link dev.tenantconnect.core.error.TenantConnectException}s (a missing
 * permission as {@link dev.tenantconnect.core.error.MissingPrivilegesException}).
 */
public interface TenantDirectory {
    /** @return the tenant this directory reads */
    TenantId tenant();

    /** @return the organization (tenant ID, name, verified domains, default first) */
    TenantInfo organization();

    /**
     * @param appId an application ID
     * @return its service principal in this tenant, if there is one
     */
    Optional<ServicePrincipalInfo> servicePrincipal(ClientId appId);

    /**
     * @param principalId a service principal's object ID
     * @return the directory roles assigned to it at directory scope
     */
    Set<DirectoryRole> directoryRoles(UUID principalId);

    /**
     * @param principalId a service principal's object ID
     * @return the Microsoft Graph application permissions granted to it that this SDK knows
     */
    Set<GraphPermission> grantedGraphPermissions(UUID principalId);

    /**
     * @param user an object ID or UPN
     * @return the user with usage location and assigned plans, if it exists
     */
    Optional<UserInfo> user(UserRef user);

    /**
     * @param users object IDs or UPNs
     * @return for each distinct reference, the user if it exists (iteration in input order)
     */
    Map<UserRef, Optional<UserInfo>> users(Collection<? extends UserRef> users);

    /**
     * Finds users by display name, as a person typed it into a spreadsheet.
     *
     * @param displayName the exact display name
     * @return every user with that display name (none, one, or several when it is ambiguous)
     */
    List<UserInfo> usersByDisplayName(String displayName);

    /**
     * Users changed since a delta link (or all users, without one).
     *
     * @param deltaLink the delta link of the previous read, if any
     * @return the changes and the next delta link, or empty when the link has expired: read all users again
     */
    Optional<UserDelta> usersDelta(Optional<String> deltaLink);

    /**
     * One incremental look at a tenant for replication: the users changed since a delta link and the tenant's
     * number assignments.
     *
     * @param deltaLink the delta link of the previous read
     * @return the user changes and the numbers, or empty when the delta link has expired
     */
    Optional<ChangesAndNumbers> changesAndNumbers(String deltaLink);

    /** @return the tenant's subscribed SKUs with licence counts */
    List<SkuInfo> subscribedSkus();

    /**
     * The users changed since the last read and the tenant's numbers now.
     *
     * @param users the user changes and the next delta link
     * @param numbers every number assignment of the tenant
     */
    record ChangesAndNumbers(UserDelta users, List<TenantNumber> numbers) {
        /** Copies. */
        public ChangesAndNumbers {
            Objects.requireNonNull(users, "users");
            numbers = List.copyOf(numbers);
        }
    }

    /**
     * What changed among a tenant's users.
     *
     * @param changed users added or changed (with usage location and assigned plans)
     * @param removed users deleted
     * @param deltaLink where the next read starts
     */
    record UserDelta(List<UserInfo> changed, List<UUID> removed, String deltaLink) {
        /** Copies. */
        public UserDelta {
            changed = List.copyOf(changed);
            removed = List.copyOf(removed);
            Objects.requireNonNull(deltaLink, "deltaLink");
        }

        @Override
        public String toString() {
            return "UserDelta[" + changed.size() + " changed, " + removed.size() + " removed]";
        }
    }
}
