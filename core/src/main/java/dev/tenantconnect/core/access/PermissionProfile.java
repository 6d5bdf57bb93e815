package dev.tenantconnect.core.access;

import static dev.tenantconnect.core.access.GraphPermission.*;

import java.util.Collection;
import java.util.Objects;

/**
 * The Graph application permissions one feature of the SDK needs, as a {@link Requirement}. Broader permissions
 * that Microsoft also accepts are listed as alternatives after the least-privileged one.
 *
 * @param name a short stable name, e.g. {@code number-management}
 * @param requirement the permissions required
 */
public record PermissionProfile(String name, Requirement<GraphPermission> requirement) {
    /**
     * Reading the tenant's organization (tenant ID and verified domains).
     * https://learn.microsoft.com/en-us/graph/api/organization-get (Application)
     */
    public static final PermissionProfile TENANT_READ = new PermissionProfile("tenant-read",
            Requirement.anyOfItems(ORGANIZATION_READ_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL));
    /**
     * Reading which directory roles the service principal holds (a tenant-wide read: verification reads the token's
     * {@code wids} claim instead unless asked for this).
     * https://learn.microsoft.com/en-us/graph/api/rbacapplication-list-roleassignments
     */
    public static final PermissionProfile ROLE_READ = new PermissionProfile("role-read",
            Requirement.anyOfItems(ROLE_MANAGEMENT_READ_DIRECTORY, DIRECTORY_READ_ALL,
                    ROLE_MANAGEMENT_READWRITE_DIRECTORY, DIRECTORY_READWRITE_ALL));
    /**
     * Reading users with their assigned plans (ReadBasic does not return licences).
     * https://learn.microsoft.com/en-us/graph/api/user-list (Application)
     */
    public static final PermissionProfile USER_READ = new PermissionProfile("user-read",
            Requirement.anyOfItems(USER_READ_ALL, USER_READWRITE_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL));
    /**
     * Reading the tenant's subscribed SKUs (licence counts). Microsoft's least privileged permission is
     * LicenseAssignment.Read.All, and it lists Organization.Read.All among the higher privileged ones
     * (https://learn.microsoft.com/en-us/graph/api/subscribedsku-list). Organization.Read.All comes first on purpose:
     * reading the organization needs it anyway, so one grant serves both; LicenseAssignment.Read.All alone is
     * accepted too.
     */
    public static final PermissionProfile LICENSE_READ = new PermissionProfile("license-read",
            Requirement.anyOfItems(ORGANIZATION_READ_ALL, LICENSE_ASSIGNMENT_READ_ALL, DIRECTORY_READ_ALL,
                    DIRECTORY_READWRITE_ALL));
    /** Reading telephone-number assignments. */
    public static final PermissionProfile NUMBER_READ = new PermissionProfile("number-read",
            Requirement.anyOfItems(TEAMS_TELEPHONE_NUMBER_READ_ALL, TEAMS_TELEPHONE_NUMBER_READWRITE_ALL));
    /** Assigning, unassigning and updating telephone numbers. */
    public static final PermissionProfile NUMBER_MANAGEMENT = new PermissionProfile("number-management",
            Requirement.of(TEAMS_TELEPHONE_NUMBER_READWRITE_ALL));
    /** Reading Teams user configurations. */
    public static final PermissionProfile USER_CONFIGURATION_READ = new PermissionProfile("user-configuration-read",
            Requirement.of(TEAMS_USER_CONFIGURATION_READ_ALL));
    /** Assigning Teams policies to users. */
    public static final PermissionProfile POLICY_ASSIGNMENT = new PermissionProfile("policy-assignment",
            Requirement.of(TEAMS_POLICY_USER_ASSIGN_READWRITE_ALL));
    /** Reading the app's own service principal and its grants, for verification. */
    public static final PermissionProfile SERVICE_PRINCIPAL_READ = new PermissionProfile("service-principal-read",
            Requirement.anyOfItems(APPLICATION_READ_ALL, APPLICATION_READWRITE_ALL, APPLICATION_READWRITE_OWNEDBY,
                    DIRECTORY_READ_ALL));
    /** Managing the app's own registration (secrets, certificates) — rotation. */
    public static final PermissionProfile OWN_APP_MANAGEMENT = new PermissionProfile("own-app-management",
            Requirement.anyOfItems(APPLICATION_READWRITE_OWNEDBY, APPLICATION_READWRITE_ALL));

    /** What a connection used for Operator Connect user enablement needs, all together. */
    public static final PermissionProfile OPERATOR_CONNECT = new PermissionProfile("operator-connect",
            Requirement.allOf(TENANT_READ.requirement(), USER_READ.requirement(), LICENSE_READ.requirement(),
                    NUMBER_MANAGEMENT.requirement()));

    /** Validates the components. */
    public PermissionProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(requirement, "requirement");
    }

    /**
     * @param held the permissions granted (e.g. from the token's {@code roles} claim)
     * @return the evaluation
     */
    public Evaluation<GraphPermission> evaluate(Collection<GraphPermission> held) {
        return requirement.evaluate(held);
    }
}
