package dev.tenantconnect.core.access;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Microsoft Graph application permission (an app role of the Graph service principal
 * {@code 00000003-0000-0000-c000-000000000000}), with the app-role ID used to grant it.
 *
 * @param name the permission name as it appears in the token's {@code roles} claim, e.g. {@code User.Read.All}
 * @param appRoleId the application (Role) ID used in {@code appRoleAssignments}
 */
public record GraphPermission(String name, UUID appRoleId) {
    /** The app ID of the Microsoft Graph service principal, the resource these permissions belong to. */
    public static final UUID GRAPH_APP_ID = UUID.fromString("00000003-0000-0000-c000-000000000000");

    /** User.Read.All. */
    public static final GraphPermission USER_READ_ALL = p("User.Read.All", "df021288-bdef-4463-88db-98f22de89214");
    /** User.ReadWrite.All. */
    public static final GraphPermission USER_READWRITE_ALL =
            p("User.ReadWrite.All", "741f803b-c850-494e-b5df-cde7c675a1ca");
    /** Domain.Read.All. */
    public static final GraphPermission DOMAIN_READ_ALL = p("Domain.Read.All", "dbb9058a-0e50-45d7-ae91-66909b5d4664");
    /** Domain.ReadWrite.All. */
    public static final GraphPermission DOMAIN_READWRITE_ALL =
            p("Domain.ReadWrite.All", "7e05723c-0bb0-42da-be95-ae9f08a6e53c");
    /** Directory.Read.All. */
    public static final GraphPermission DIRECTORY_READ_ALL =
            p("Directory.Read.All", "7ab1d382-f21e-4acd-a863-ba3e13f7da61");
    /** Directory.ReadWrite.All. */
    public static final GraphPermission DIRECTORY_READWRITE_ALL =
            p("Directory.ReadWrite.All", "19dbc75e-c2e2-444c-a770-ec69d8559fc7");
    /** RoleManagement.Read.Directory. */
    public static final GraphPermission ROLE_MANAGEMENT_READ_DIRECTORY =
            p("RoleManagement.Read.Directory", "483bed4a-2ad3-4361-a73b-c83ccdbdc53c");
    /** RoleManagement.ReadWrite.Directory. */
    public static final GraphPermission ROLE_MANAGEMENT_READWRITE_DIRECTORY =
            p("RoleManagement.ReadWrite.Directory", "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8");
    /** Application.Read.All. */
    public static final GraphPermission APPLICATION_READ_ALL =
            p("Application.Read.All", "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30");
    /** Application.ReadWrite.OwnedBy. */
    public static final GraphPermission APPLICATION_READWRITE_OWNEDBY =
            p("Application.ReadWrite.OwnedBy", "18a4783c-866b-4cc7-a460-3d5e5662c884");
    /** Application.ReadWrite.All. */
    public static final GraphPermission APPLICATION_READWRITE_ALL =
            p("Application.ReadWrite.All", "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9");
    /** AppRoleAssignment.ReadWrite.All. */
    public static final GraphPermission APP_ROLE_ASSIGNMENT_READWRITE_ALL =
            p("AppRoleAssignment.ReadWrite.All", "06b708a9-e830-4db3-a914-8e69da51d44f");
    /** Organization.Read.All. */
    public static final GraphPermission ORGANIZATION_READ_ALL =
            p("Organization.Read.All", "498476ce-e0fe-48b0-b801-37ba7e2685c6");
    /** LicenseAssignment.Read.All: the least privileged permission for reading the tenant's subscribed SKUs. */
    public static final GraphPermission LICENSE_ASSIGNMENT_READ_ALL =
            p("LicenseAssignment.Read.All", "e2f98668-2877-4f38-a2f4-8202e0717aa1");
    /** LicenseAssignment.ReadWrite.All. */
    public static final GraphPermission LICENSE_ASSIGNMENT_READWRITE_ALL =
            p("LicenseAssignment.ReadWrite.All", "5facf0c1-8979-4e95-abcf-ff3d079771c0");
    /** TeamsTelephoneNumber.Read.All. */
    public static final GraphPermission TEAMS_TELEPHONE_NUMBER_READ_ALL =
            p("TeamsTelephoneNumber.Read.All", "39b17d18-680c-41f4-b9c2-5f30629e7cb6");
    /** TeamsTelephoneNumber.ReadWrite.All. */
    public static final GraphPermission TEAMS_TELEPHONE_NUMBER_READWRITE_ALL =
            p("TeamsTelephoneNumber.ReadWrite.All", "0a42382f-155c-4eb1-9bdc-21548ccaa387");
    /** TeamsUserConfiguration.Read.All. */
    public static final GraphPermission TEAMS_USER_CONFIGURATION_READ_ALL =
            p("TeamsUserConfiguration.Read.All", "a91eadaf-2c3c-4362-908b-fb172d208fc6");
    /** TeamsPolicyUserAssign.ReadWrite.All. */
    public static final GraphPermission TEAMS_POLICY_USER_ASSIGN_READWRITE_ALL =
            p("TeamsPolicyUserAssign.ReadWrite.All", "1801e8f4-cf09-4c4e-a1b5-036dfcca6c90");
    /** TeamsResourceAccount.Read.All (preview path). */
    public static final GraphPermission TEAMS_RESOURCE_ACCOUNT_READ_ALL =
            p("TeamsResourceAccount.Read.All", "b55aa226-33a1-4396-bcf4-edce5e7a31c1");
    /** GroupMember.Read.All. */
    public static final GraphPermission GROUP_MEMBER_READ_ALL =
            p("GroupMember.Read.All", "98830695-27a2-44f7-8c18-0c3ebc9698f6");

    /** Calendars.Read: mailbox-wide, never needed for telephony. */
    public static final GraphPermission CALENDARS_READ = p("Calendars.Read", "798ee544-9d2d-430c-a058-570e29e34338");
    /** Mail.Send: mailbox-wide, never needed for telephony. */
    public static final GraphPermission MAIL_SEND = p("Mail.Send", "b633e1c5-b582-4048-a93e-9f11b44c7e96");
    /** Contacts.Read: mailbox-wide, never needed for telephony. */
    public static final GraphPermission CONTACTS_READ = p("Contacts.Read", "089fe4d0-434a-44c5-8827-41ba8a0b17f5");
    /** Policy.Read.All. */
    public static final GraphPermission POLICY_READ_ALL = p("Policy.Read.All", "246dd0d5-5bd0-4def-940b-0421030a5b68");

    private static final List<GraphPermission> KNOWN = List.of(USER_READ_ALL, USER_READWRITE_ALL, DOMAIN_READ_ALL,
            DOMAIN_READWRITE_ALL, DIRECTORY_READ_ALL, DIRECTORY_READWRITE_ALL, ROLE_MANAGEMENT_READ_DIRECTORY,
            ROLE_MANAGEMENT_READWRITE_DIRECTORY, APPLICATION_READ_ALL, APPLICATION_READWRITE_OWNEDBY,
            APPLICATION_READWRITE_ALL, APP_ROLE_ASSIGNMENT_READWRITE_ALL, ORGANIZATION_READ_ALL,
            LICENSE_ASSIGNMENT_READ_ALL, LICENSE_ASSIGNMENT_READWRITE_ALL, TEAMS_TELEPHONE_NUMBER_READ_ALL, TEAMS_TELEPHONE_NUMBER_READWRITE_ALL,
            TEAMS_USER_CONFIGURATION_READ_ALL, TEAMS_POLICY_USER_ASSIGN_READWRITE_ALL,
            TEAMS_RESOURCE_ACCOUNT_READ_ALL, GROUP_MEMBER_READ_ALL, CALENDARS_READ, MAIL_SEND, CONTACTS_READ,
            POLICY_READ_ALL);
    private static final Map<String, GraphPermission> BY_NAME =
            KNOWN.stream().collect(Collectors.toUnmodifiableMap(GraphPermission::name, Function.identity()));
    private static final Map<UUID, GraphPermission> BY_ID =
            KNOWN.stream().collect(Collectors.toUnmodifiableMap(GraphPermission::appRoleId, Function.identity()));

    /** Rejects nulls and blank names. */
    public GraphPermission {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(appRoleId, "appRoleId");
        if (name.isBlank()) {
            throw new IllegalArgumentException("permission name must not be blank");
        }
    }

    private static GraphPermission p(String name, String id) {
        return new GraphPermission(name, UUID.fromString(id));
    }

    /**
     * @param name a permission name from a token's {@code roles} claim
     * @return the permission, if this SDK knows it
     */
    public static Optional<GraphPermission> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * @param appRoleId an app-role ID from an {@code appRoleAssignment}
     * @return the permission, if this SDK knows it
     */
    public static Optional<GraphPermission> byAppRoleId(UUID appRoleId) {
        return Optional.ofNullable(BY_ID.get(appRoleId));
    }

    /** @return every permission this SDK knows */
    public static List<GraphPermission> known() {
        return KNOWN;
    }

    @Override
    public String toString() {
        return name;
    }
}
