package dev.tenantconnect.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The simulator's access rules, one per endpoint it serves, copied from the "Permissions" section of each endpoint's
 * Microsoft page (least privileged first, then the higher privileged permissions the page also lists; application
 * and delegated apart; the Microsoft Entra roles a delegated caller needs where the page names them). Where a page
 * and Microsoft's permission map (github.com/microsoftgraph/microsoft-graph-devx-content
 * {@code permissions/new/permissions.json}, which generates the pages' tables) differ, the rule notes it. This class,
 * {@link AccessRule} and the endpoints that use them import nothing from the SDK's {@code core.access}: a simulator
 * that shares the SDK's tables cannot find their mistakes ({@code RuleIndependenceTest} keeps it so).
 */
final class PermissionRules {
    private PermissionRules() {
    }

    // ---- Microsoft Entra built-in role template IDs (entra-docs permissions-reference, "All roles") ----------------

    /** Global Administrator. */
    static final String GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";
    /** Privileged Role Administrator. */
    static final String PRIVILEGED_ROLE_ADMINISTRATOR = "e8611ab8-c189-46e8-94e1-60213ab1f814";
    /** Domain Name Administrator. */
    static final String DOMAIN_NAME_ADMINISTRATOR = "8329153b-31d0-4727-b945-745eb3bc5f31";
    /** User Administrator. */
    static final String USER_ADMINISTRATOR = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    /** License Administrator. */
    static final String LICENSE_ADMINISTRATOR = "4d6ac14f-3453-41d0-bef9-a3e0c569773a";
    /** Directory Writers. */
    static final String DIRECTORY_WRITERS = "9360feb5-f418-4baa-8175-e2a00bac4301";
    /** Application Administrator. */
    static final String APPLICATION_ADMINISTRATOR = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3";
    /** Cloud Application Administrator. */
    static final String CLOUD_APPLICATION_ADMINISTRATOR = "158c047a-c907-4556-b7ef-446551a6b5f7";

    /**
     * The built-in role templates the simulated directory lists ({@code roleDefinitions}), name to template ID, from
     * https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/permissions-reference ("All roles").
     */
    static final Map<String, String> ROLE_TEMPLATES = ordered(
            "Application Administrator", APPLICATION_ADMINISTRATOR,
            "Cloud Application Administrator", CLOUD_APPLICATION_ADMINISTRATOR,
            "Directory Readers", "88d8e3e3-8f55-4a1e-953a-9b9898b8876b",
            "Directory Writers", DIRECTORY_WRITERS,
            "Domain Name Administrator", DOMAIN_NAME_ADMINISTRATOR,
            "Global Administrator", GLOBAL_ADMINISTRATOR,
            "Global Reader", "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
            "License Administrator", LICENSE_ADMINISTRATOR,
            "Privileged Role Administrator", PRIVILEGED_ROLE_ADMINISTRATOR,
            "Skype for Business Administrator", "75941009-915a-4869-abe7-691bff18279e",
            "Teams Administrator", "69091246-20e8-4a56-aa4d-066075b2a7a8",
            "Teams Communications Administrator", "baf37b3a-610e-45da-9e62-d9d1e5e8914b",
            "Teams Communications Support Engineer", "f70938a0-fc10-4177-9e90-2178f8765737",
            "Teams Communications Support Specialist", "fcf91098-03e3-41a9-b5ba-6f0ec8188a12",
            "Teams Reader", "1076ac91-f3d9-41a7-a339-dcdf5f480acc",
            "Teams Telephony Administrator", "aa38014f-0993-46e9-9b45-30501a20909d",
            "User Administrator", USER_ADMINISTRATOR);

    /**
     * The Microsoft Graph application permissions (app roles of the Graph service principal) the simulated Graph
     * offers for grants, name to app role ID, from Microsoft's github.com/microsoftgraph/microsoft-graph-devx-content
     * {@code permissions/new/provisioningInfo.json} (scheme Application, environment public).
     */
    static final Map<String, String> GRAPH_APP_ROLES = ordered(
            "Application.Read.All", "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30",
            "Application.ReadWrite.All", "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9",
            "Application.ReadWrite.OwnedBy", "18a4783c-866b-4cc7-a460-3d5e5662c884",
            "AppRoleAssignment.ReadWrite.All", "06b708a9-e830-4db3-a914-8e69da51d44f",
            "Calendars.Read", "798ee544-9d2d-430c-a058-570e29e34338",
            "Contacts.Read", "089fe4d0-434a-44c5-8827-41ba8a0b17f5",
            "Directory.Read.All", "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
            "Directory.ReadWrite.All", "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
            "Domain.Read.All", "dbb9058a-0e50-45d7-ae91-66909b5d4664",
            "Domain.ReadWrite.All", "7e05723c-0bb0-42da-be95-ae9f08a6e53c",
            "GroupMember.Read.All", "98830695-27a2-44f7-8c18-0c3ebc9698f6",
            "LicenseAssignment.Read.All", "e2f98668-2877-4f38-a2f4-8202e0717aa1",
            "LicenseAssignment.ReadWrite.All", "5facf0c1-8979-4e95-abcf-ff3d079771c0",
            "Mail.Send", "b633e1c5-b582-4048-a93e-9f11b44c7e96",
            "Organization.Read.All", "498476ce-e0fe-48b0-b801-37ba7e2685c6",
            "Organization.ReadWrite.All", "292d869f-3427-49a8-9dab-8c70152b74e9",
            "Policy.Read.All", "246dd0d5-5bd0-4def-940b-0421030a5b68",
            "RoleManagement.Read.All", "c7fbd983-d9aa-4fa7-84b8-17382c103bc4",
            "RoleManagement.Read.Directory", "483bed4a-2ad3-4361-a73b-c83ccdbdc53c",
            "RoleManagement.ReadWrite.Directory", "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
            "TeamsPolicyUserAssign.ReadWrite.All", "1801e8f4-cf09-4c4e-a1b5-036dfcca6c90",
            "TeamsResourceAccount.Read.All", "b55aa226-33a1-4396-bcf4-edce5e7a31c1",
            "TeamsTelephoneNumber.Read.All", "39b17d18-680c-41f4-b9c2-5f30629e7cb6",
            "TeamsTelephoneNumber.ReadWrite.All", "0a42382f-155c-4eb1-9bdc-21548ccaa387",
            "TeamsUserConfiguration.Read.All", "a91eadaf-2c3c-4362-908b-fb172d208fc6",
            "User.DeleteRestore.All", "eccc023d-eccf-4e7b-9683-8813ab36cecc",
            "User.Read.All", "df021288-bdef-4463-88db-98f22de89214",
            "User.ReadBasic.All", "97235f07-e226-4f63-ace3-39588e11d3a1",
            "User.ReadWrite.All", "741f803b-c850-494e-b5df-cde7c675a1ca");

    /**
     * The delegated Graph permissions (scopes) a signed-in admin can consent to in the simulator, the same source
     * (scheme DelegatedWork); Application.ReadWrite.OwnedBy is application-only.
     */
    static final Set<String> GRAPH_SCOPES = Set.of("Application.Read.All", "Application.ReadWrite.All",
            "AppRoleAssignment.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All", "Domain.Read.All",
            "Domain.ReadWrite.All", "LicenseAssignment.Read.All", "LicenseAssignment.ReadWrite.All",
            "Organization.Read.All",
            "Organization.ReadWrite.All", "RoleManagement.Read.All", "RoleManagement.Read.Directory",
            "RoleManagement.ReadWrite.Directory", "TeamsPolicyUserAssign.ReadWrite.All",
            "TeamsTelephoneNumber.Read.All", "TeamsTelephoneNumber.ReadWrite.All", "TeamsUserConfiguration.Read.All",
            "User.Read", "User.Read.All", "User.ReadBasic.All", "User.ReadWrite.All");

    /**
     * @param appRoleId an app role ID of the Graph service principal
     * @return its permission name
     */
    static Optional<String> graphPermissionName(UUID appRoleId) {
        return GRAPH_APP_ROLES.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(appRoleId.toString()))
                .map(Map.Entry::getKey).findFirst();
    }

    private static final String GRAPH = "https://learn.microsoft.com/en-us/graph/api/";
    private static final List<AccessRule> ALL = new ArrayList<>();

    // ---- organization and licences -------------------------------------------------------------------------------

    /** GET /organization. Delegated User.Read reads only id, displayName and verifiedDomains (the page's note). */
    static final AccessRule ORGANIZATION = rule("graph.organization", GRAPH + "organization-get",
            any("Organization.Read.All"), any("Directory.Read.All", "Organization.ReadWrite.All",
                    "Directory.ReadWrite.All"),
            any("User.Read"), any("Organization.Read.All", "Directory.Read.All", "Organization.ReadWrite.All",
                    "Directory.ReadWrite.All"), noRoles());
    /**
     * GET /subscribedSkus. The page names roles only "where the signed-in user is acting on another user", which
     * listing the tenant's SKUs is not.
     */
    static final AccessRule SUBSCRIBED_SKUS = rule("graph.subscribedSkus", GRAPH + "subscribedsku-list",
            any("LicenseAssignment.Read.All"), any("Directory.Read.All", "Directory.ReadWrite.All",
                    "Organization.Read.All", "Organization.ReadWrite.All"),
            any("LicenseAssignment.Read.All"), any("Directory.Read.All", "Directory.ReadWrite.All",
                    "Organization.Read.All", "Organization.ReadWrite.All"), noRoles());

    // ---- users -------------------------------------------------------------------------------------------------

    /**
     * GET /users. Application: User.Read.All least (the page does not list User.ReadBasic.All for applications,
     * though the permission map does). Delegated User.ReadBasic.All reads the basic profile only.
     */
    static final AccessRule USERS_LIST = rule("graph.users.list", GRAPH + "user-list",
            any("User.Read.All"), any("User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"),
            any("User.ReadBasic.All"), any("User.Read.All", "User.ReadWrite.All", "Directory.Read.All",
                    "Directory.ReadWrite.All"), noRoles());
    /** GET /users/{id}: the same table as the list. */
    static final AccessRule USERS_GET = rule("graph.users.get", GRAPH + "user-get",
            any("User.Read.All"), any("User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"),
            any("User.ReadBasic.All"), any("User.Read.All", "User.ReadWrite.All", "Directory.Read.All",
                    "Directory.ReadWrite.All"), noRoles());
    /**
     * GET /users/{id}/licenseDetails: "Application: Not supported." (delegated only; the page's roles apply to
     * reading another user's and are not modelled). The permission map still lists application schemes for the
     * path; the page's table rules.
     */
    static final AccessRule USER_LICENSE_DETAILS = rule("graph.users.licenseDetails",
            GRAPH + "user-list-licensedetails", none(), none(),
            any("LicenseAssignment.Read.All"), any("Directory.Read.All", "Directory.ReadWrite.All", "User.Read",
                    "User.Read.All", "User.ReadWrite.All"), noRoles());
    /** GET /users/delta. */
    static final AccessRule USERS_DELTA = rule("graph.users.delta", GRAPH + "user-delta",
            any("User.Read.All"), any("User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"),
            any("User.Read"), any("User.ReadBasic.All", "User.ReadWrite", "User.Read.All", "User.ReadWrite.All",
                    "Directory.Read.All", "Directory.ReadWrite.All"), noRoles());
    /** POST /users; delegated: User Administrator is the least privileged role. */
    static final AccessRule USERS_CREATE = rule("graph.users.create", GRAPH + "user-post-users",
            any("User.ReadWrite.All"), any("Directory.ReadWrite.All"),
            any("User.ReadWrite.All"), any("Directory.ReadWrite.All"), roles(USER_ADMINISTRATOR));
    /**
     * DELETE /users/{id}: User.ReadWrite.All (the page); the permission map also names User.DeleteRestore.All least.
     * Delegated: User Administrator (for users without admin roles).
     */
    static final AccessRule USERS_DELETE = rule("graph.users.delete", GRAPH + "user-delete",
            any("User.ReadWrite.All", "User.DeleteRestore.All"), none(),
            any("User.ReadWrite.All", "User.DeleteRestore.All"), none(), roles(USER_ADMINISTRATOR));
    /**
     * POST /users/{id}/assignLicense; delegated: Directory Writers, License Administrator or User Administrator.
     * (Older revisions of the page name User.ReadWrite.All least; the permission map names
     * LicenseAssignment.ReadWrite.All least and both others as accepted.)
     */
    static final AccessRule ASSIGN_LICENSE = rule("graph.users.assignLicense", GRAPH + "user-assignlicense",
            any("LicenseAssignment.ReadWrite.All"), any("User.ReadWrite.All", "Directory.ReadWrite.All"),
            any("LicenseAssignment.ReadWrite.All"), any("User.ReadWrite.All", "Directory.ReadWrite.All"),
            roles(DIRECTORY_WRITERS, LICENSE_ADMINISTRATOR, USER_ADMINISTRATOR));

    // ---- directory roles -----------------------------------------------------------------------------------------

    /**
     * GET /roleManagement/directory/roleAssignments. The page's role list includes plain "User", so any member may
     * read.
     */
    static final AccessRule ROLE_ASSIGNMENTS_LIST = rule("graph.roleAssignments.list",
            GRAPH + "rbacapplication-list-roleassignments",
            any("RoleManagement.Read.Directory"), any("Directory.Read.All", "RoleManagement.ReadWrite.Directory",
                    "Directory.ReadWrite.All"),
            any("RoleManagement.Read.Directory"), any("RoleManagement.Read.All", "Directory.Read.All",
                    "RoleManagement.ReadWrite.Directory", "Directory.ReadWrite.All"), noRoles());
    /** GET /roleManagement/directory/roleDefinitions. */
    static final AccessRule ROLE_DEFINITIONS_LIST = rule("graph.roleDefinitions.list",
            GRAPH + "rbacapplication-list-roledefinitions",
            any("RoleManagement.Read.Directory"), any("RoleManagement.Read.All", "Directory.Read.All",
                    "RoleManagement.ReadWrite.Directory", "Directory.ReadWrite.All"),
            any("RoleManagement.Read.Directory"), any("RoleManagement.Read.All", "Directory.Read.All",
                    "RoleManagement.ReadWrite.Directory", "Directory.ReadWrite.All"), noRoles());
    /** POST /roleManagement/directory/roleAssignments; delegated: Privileged Role Administrator. */
    static final AccessRule ROLE_ASSIGNMENTS_CREATE = rule("graph.roleAssignments.create",
            GRAPH + "rbacapplication-post-roleassignments",
            any("RoleManagement.ReadWrite.Directory"), none(),
            any("RoleManagement.ReadWrite.Directory"), none(), roles(PRIVILEGED_ROLE_ADMINISTRATOR));
    /** DELETE /roleManagement/directory/roleAssignments/{id}; delegated: Privileged Role Administrator. */
    static final AccessRule ROLE_ASSIGNMENTS_DELETE = rule("graph.roleAssignments.delete",
            GRAPH + "unifiedroleassignment-delete",
            any("RoleManagement.ReadWrite.Directory"), none(),
            any("RoleManagement.ReadWrite.Directory"), none(), roles(PRIVILEGED_ROLE_ADMINISTRATOR));

    // ---- applications --------------------------------------------------------------------------------------------

    /**
     * POST /applications. Delegated: any member with default user permissions (unless the tenant restricted it,
     * which the simulator does not model), so no role. AppRegistration.Create is from the permission map (the page's
     * generated table lists Application.ReadWrite.OwnedBy / Application.ReadWrite.All, delegated
     * Application.ReadWrite.All). Ownership rules: {@link ApplicationRules#create}.
     */
    static final AccessRule APPLICATIONS_CREATE = rule("graph.applications.create",
            GRAPH + "application-post-applications",
            any("Application.ReadWrite.OwnedBy", "AppRegistration.Create"), any("Application.ReadWrite.All"),
            any("Application.ReadWrite.All", "AppRegistration.Create"), none(), noRoles());
    /** GET /applications. */
    static final AccessRule APPLICATIONS_LIST = rule("graph.applications.list", GRAPH + "application-list",
            any("Application.Read.All", "Application.ReadWrite.OwnedBy"), any("Application.ReadWrite.All",
                    "Directory.Read.All"),
            any("Application.Read.All"), any("Application.ReadWrite.All", "Directory.Read.All",
                    "Directory.ReadWrite.All"), noRoles());
    /** GET /applications/{id}, /applications(appId=…), /applications(uniqueName=…). */
    static final AccessRule APPLICATIONS_GET = rule("graph.applications.get", GRAPH + "application-get",
            any("Application.Read.All", "Application.ReadWrite.OwnedBy"), any("Application.ReadWrite.All",
                    "Directory.Read.All", "Directory.ReadWrite.All"),
            any("Application.Read.All"), any("Application.ReadWrite.All", "Directory.Read.All",
                    "Directory.ReadWrite.All"), noRoles());
    /** PATCH /applications(uniqueName=…) (upsert); ownership rules: {@link ApplicationRules}. */
    static final AccessRule APPLICATIONS_UPSERT = rule("graph.applications.upsert", GRAPH + "application-upsert",
            any("Application.ReadWrite.OwnedBy"), any("Application.ReadWrite.All"),
            any("Application.ReadWrite.All"), none(), noRoles());
    /** PATCH /applications/{id}; ownership rules: {@link ApplicationRules#manage}. */
    static final AccessRule APPLICATIONS_UPDATE = rule("graph.applications.update", GRAPH + "application-update",
            any("Application.ReadWrite.OwnedBy"), any("Application.ReadWrite.All"),
            any("Application.ReadWrite.All"), none(), noRoles());
    /** DELETE /applications/{id}; ownership rules: {@link ApplicationRules#manage}. */
    static final AccessRule APPLICATIONS_DELETE = rule("graph.applications.delete", GRAPH + "application-delete",
            any("Application.ReadWrite.OwnedBy"), any("Application.ReadWrite.All"),
            any("Application.ReadWrite.All"), none(), noRoles());
    /** GET /applications/{id}/owners. */
    static final AccessRule APPLICATIONS_OWNERS = rule("graph.applications.owners",
            GRAPH + "application-list-owners",
            any("Application.Read.All", "Application.ReadWrite.OwnedBy"), any("Application.ReadWrite.All",
                    "Directory.Read.All", "Directory.ReadWrite.All"),
            any("Application.Read.All"), any("Application.ReadWrite.All", "Directory.Read.All",
                    "Directory.ReadWrite.All"), noRoles());
    /**
     * POST /applications/{id}/owners/$ref: pairs ("Application.ReadWrite.OwnedBy and Directory.Read.All"); the page's
     * note that OwnedBy "will not be sufficient to add another owner": {@link ApplicationRules#addOwner}.
     */
    static final AccessRule APPLICATIONS_ADD_OWNER = rule("graph.applications.addOwner",
            GRAPH + "application-post-owners",
            all("Application.ReadWrite.OwnedBy", "Directory.Read.All"),
            List.of(Set.of("Directory.Read.All", "Application.ReadWrite.All"), Set.of("Directory.ReadWrite.All")),
            all("Application.ReadWrite.All", "Directory.Read.All"), any("Directory.ReadWrite.All"), noRoles());
    /** POST /applications/{id}/addPassword; ownership rules: {@link ApplicationRules#manage}. */
    static final AccessRule APPLICATIONS_ADD_PASSWORD = credentials("addPassword", "application-addpassword");
    /** POST /applications/{id}/removePassword. */
    static final AccessRule APPLICATIONS_REMOVE_PASSWORD = credentials("removePassword",
            "application-removepassword");
    /** POST /applications/{id}/addKey. */
    static final AccessRule APPLICATIONS_ADD_KEY = credentials("addKey", "application-addkey");
    /** POST /applications/{id}/removeKey. */
    static final AccessRule APPLICATIONS_REMOVE_KEY = credentials("removeKey", "application-removekey");

    // ---- service principals and app role grants --------------------------------------------------------------------

    /** POST /servicePrincipals. */
    static final AccessRule SERVICE_PRINCIPALS_CREATE = rule("graph.servicePrincipals.create",
            GRAPH + "serviceprincipal-post-serviceprincipals",
            any("Application.ReadWrite.OwnedBy"), any("Application.ReadWrite.All", "Directory.ReadWrite.All"),
            any("Application.ReadWrite.All"), any("Directory.ReadWrite.All"), noRoles());
    /**
     * GET /servicePrincipals/{id} and (appId=…): "Application.ReadWrite.OwnedBy allows an app to call GET
     * /servicePrincipals" (the page's note).
     */
    static final AccessRule SERVICE_PRINCIPALS_GET = rule("graph.servicePrincipals.get",
            GRAPH + "serviceprincipal-get",
            any("Application.Read.All"), any("Application.ReadWrite.OwnedBy", "Application.ReadWrite.All",
                    "Directory.Read.All", "Directory.ReadWrite.All"),
            any("Application.Read.All"), any("Application.ReadWrite.All", "Directory.Read.All",
                    "Directory.ReadWrite.All"), noRoles());
    /** GET /servicePrincipals/{id}/appRoleAssignments. */
    static final AccessRule SERVICE_PRINCIPALS_GRANTS = rule("graph.servicePrincipals.appRoleAssignments",
            GRAPH + "serviceprincipal-list-approleassignments",
            any("Application.Read.All"), any("Application.ReadWrite.OwnedBy", "Application.ReadWrite.All",
                    "Directory.Read.All", "Directory.ReadWrite.All"),
            any("Application.Read.All"), any("Application.ReadWrite.All", "Directory.Read.All",
                    "Directory.ReadWrite.All"), noRoles());
    /**
     * POST /servicePrincipals/{id}/appRoleAssignments or /appRoleAssignedTo: two permissions together ("and").
     * Delegated: for Microsoft Graph app roles Privileged Role Administrator is the least privileged role (the
     * page's other roles only reach other resources' app roles; the simulator grants only Graph's). The pair with
     * Application.ReadWrite.All is from the permission map (it lists Application.ReadWrite.All beside Application.Read.All).
     * https://learn.microsoft.com/en-us/graph/api/serviceprincipal-post-approleassignedto
     */
    static final AccessRule SERVICE_PRINCIPALS_GRANT = rule("graph.servicePrincipals.grant",
            GRAPH + "serviceprincipal-post-approleassignments",
            all("AppRoleAssignment.ReadWrite.All", "Application.Read.All"),
            List.of(Set.of("AppRoleAssignment.ReadWrite.All", "Directory.Read.All"),
                    Set.of("AppRoleAssignment.ReadWrite.All", "Application.ReadWrite.All")),
            all("AppRoleAssignment.ReadWrite.All", "Application.Read.All"),
            List.of(Set.of("AppRoleAssignment.ReadWrite.All", "Directory.Read.All"),
                    Set.of("AppRoleAssignment.ReadWrite.All", "Application.ReadWrite.All")),
            roles(PRIVILEGED_ROLE_ADMINISTRATOR));
    /** DELETE /servicePrincipals/{id}/appRoleAssignments/{id}; delegated roles as for granting. */
    static final AccessRule SERVICE_PRINCIPALS_REVOKE = rule("graph.servicePrincipals.revoke",
            GRAPH + "serviceprincipal-delete-approleassignments",
            any("AppRoleAssignment.ReadWrite.All"), any("Application.ReadWrite.All"),
            any("AppRoleAssignment.ReadWrite.All"), any("Application.ReadWrite.All"),
            roles(PRIVILEGED_ROLE_ADMINISTRATOR));

    // ---- domains -------------------------------------------------------------------------------------------------

    /** GET /domains; the page's role list includes plain users. */
    static final AccessRule DOMAINS_LIST = domainRead("graph.domains.list", "domain-list");
    /** GET /domains/{id}. */
    static final AccessRule DOMAINS_GET = domainRead("graph.domains.get", "domain-get");
    /** GET /domains/{id}/verificationDnsRecords. */
    static final AccessRule DOMAINS_VERIFICATION_RECORDS = rule("graph.domains.verificationDnsRecords",
            GRAPH + "domain-list-verificationdnsrecords",
            any("Domain.Read.All"), any("Domain.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"),
            any("Domain.Read.All"), any("Domain.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"),
            noRoles());
    /** POST /domains; delegated: Domain Name Administrator. */
    static final AccessRule DOMAINS_CREATE = domainWrite("graph.domains.create", "domain-post-domains");
    /** POST /domains/{id}/verify. */
    static final AccessRule DOMAINS_VERIFY = domainWrite("graph.domains.verify", "domain-verify");
    /** DELETE /domains/{id}. */
    static final AccessRule DOMAINS_DELETE = domainWrite("graph.domains.delete", "domain-delete");

    // ---- Teams telephone numbers, policies, user configurations ------------------------------------------------------

    /** GET /admin/teams/telephoneNumberManagement/numberAssignments. */
    static final AccessRule NUMBERS_LIST = numbersRead("graph.numbers.list",
            "teamsadministration-telephonenumbermanagementroot-list-numberassignments");
    /** GET …/numberAssignments/{id}. */
    static final AccessRule NUMBERS_GET = numbersRead("graph.numbers.get",
            "teamsadministration-numberassignment-get");
    /** GET …/operations/{id}. */
    static final AccessRule NUMBERS_OPERATION = numbersRead("graph.numbers.operation",
            "teamsadministration-telephonenumberlongrunningoperation-get");
    /** POST …/numberAssignments/assignNumber. */
    static final AccessRule NUMBERS_ASSIGN = numbersWrite("graph.numbers.assign",
            "teamsadministration-numberassignment-assignnumber");
    /** POST …/numberAssignments/unassignNumber. */
    static final AccessRule NUMBERS_UNASSIGN = numbersWrite("graph.numbers.unassign",
            "teamsadministration-numberassignment-unassignnumber");
    /** POST …/numberAssignments/updateNumber. */
    static final AccessRule NUMBERS_UPDATE = numbersWrite("graph.numbers.update",
            "teamsadministration-numberassignment-updatenumber");
    /** GET /admin/teams/policy/getPolicyId(type=…,name=…). */
    static final AccessRule POLICIES_GET_ID = rule("graph.policies.getPolicyId",
            GRAPH + "teamsadministration-teamspolicyassignment-getpolicyid",
            any("TeamsPolicyUserAssign.ReadWrite.All"), none(), any("TeamsPolicyUserAssign.ReadWrite.All"), none(),
            noRoles());
    /** POST /admin/teams/policy/userAssignments/assign. */
    static final AccessRule POLICIES_ASSIGN = rule("graph.policies.assign",
            GRAPH + "teamsadministration-teamspolicyuserassignment-assign",
            any("TeamsPolicyUserAssign.ReadWrite.All"), none(), any("TeamsPolicyUserAssign.ReadWrite.All"), none(),
            noRoles());
    /** GET /admin/teams/userConfigurations. */
    static final AccessRule USER_CONFIGURATIONS_LIST = rule("graph.userConfigurations.list",
            GRAPH + "teamsadministration-teamsadminroot-list-userconfigurations",
            any("TeamsUserConfiguration.Read.All"), none(), any("TeamsUserConfiguration.Read.All"), none(), noRoles());
    /** GET /admin/teams/userConfigurations/{id}. */
    static final AccessRule USER_CONFIGURATIONS_GET = rule("graph.userConfigurations.get",
            GRAPH + "teamsadministration-teamsuserconfiguration-get",
            any("TeamsUserConfiguration.Read.All"), none(), any("TeamsUserConfiguration.Read.All"), none(), noRoles());

    // ---- operator number provisioning (Azure Communications Gateway Provisioning API) --------------------------------

    private static final String PROVISIONING = "https://learn.microsoft.com/en-us/rest/api/voiceservices "
            + "(Authentication and authorization: ProvisioningAPI.Admin any operation, .Read GET, .Write PUT/PATCH, "
            + ".Delete DELETE)";
    /** Reads, including the POST actions that only read (capability plans, available capabilities). */
    static final AccessRule PROVISIONING_READ = provisioning("provisioning.read", "ProvisioningAPI.Read");
    /** Writes: PUT, PATCH and the POST action that creates or updates numbers. */
    static final AccessRule PROVISIONING_WRITE = provisioning("provisioning.write", "ProvisioningAPI.Write");
    /** Deletes: DELETE and the POST action that deletes numbers. */
    static final AccessRule PROVISIONING_DELETE = provisioning("provisioning.delete", "ProvisioningAPI.Delete");

    /**
     * @param method the HTTP method
     * @param path the provisioning path after the prefix
     * @return the rule for that request
     */
    static AccessRule provisioningRule(String method, String path) {
        if (method.equals("DELETE") || path.endsWith(":deleteNumbers")) {
            return PROVISIONING_DELETE;
        }
        if (method.equals("PUT") || method.equals("PATCH") || path.endsWith(":createOrUpdateNumbers")) {
            return PROVISIONING_WRITE;
        }
        return PROVISIONING_READ;
    }

    /** @return every rule, in declaration order */
    static List<AccessRule> all() {
        return Collections.unmodifiableList(ALL);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static AccessRule rule(String endpoint, String doc, List<Set<String>> appLeast,
            List<Set<String>> appHigher, List<Set<String>> delegatedLeast, List<Set<String>> delegatedHigher,
            Set<String> roles) {
        AccessRule r = new AccessRule(endpoint, doc, appLeast, appHigher, delegatedLeast, delegatedHigher, roles);
        ALL.add(r);
        return r;
    }

    private static AccessRule credentials(String action, String page) {
        return rule("graph.applications." + action, GRAPH + page,
                any("Application.ReadWrite.OwnedBy"), any("Application.ReadWrite.All", "Directory.ReadWrite.All"),
                any("Application.ReadWrite.All"), any("Directory.ReadWrite.All"), noRoles());
    }

    private static AccessRule domainRead(String endpoint, String page) {
        return rule(endpoint, GRAPH + page,
                any("Domain.Read.All"), any("Domain.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"),
                any("Domain.Read.All"), any("Domain.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"),
                noRoles());
    }

    private static AccessRule domainWrite(String endpoint, String page) {
        return rule(endpoint, GRAPH + page, any("Domain.ReadWrite.All"), none(), any("Domain.ReadWrite.All"), none(),
                roles(DOMAIN_NAME_ADMINISTRATOR));
    }

    private static AccessRule numbersRead(String endpoint, String page) {
        return rule(endpoint, GRAPH + page, any("TeamsTelephoneNumber.Read.All"),
                any("TeamsTelephoneNumber.ReadWrite.All"), any("TeamsTelephoneNumber.Read.All"),
                any("TeamsTelephoneNumber.ReadWrite.All"), noRoles());
    }

    private static AccessRule numbersWrite(String endpoint, String page) {
        return rule(endpoint, GRAPH + page, any("TeamsTelephoneNumber.ReadWrite.All"), none(),
                any("TeamsTelephoneNumber.ReadWrite.All"), none(), noRoles());
    }

    private static AccessRule provisioning(String endpoint, String role) {
        return rule(endpoint, PROVISIONING, any(role), any("ProvisioningAPI.Admin"), none(), none(), noRoles());
    }

    /** Any one of these permissions. */
    private static List<Set<String>> any(String... permissions) {
        return Arrays.stream(permissions).map(Set::of).toList();
    }

    /** All these permissions together. */
    private static List<Set<String>> all(String... permissions) {
        return List.of(Set.of(permissions));
    }

    /** No permission (the page lists none of this kind). */
    private static List<Set<String>> none() {
        return List.of();
    }

    /** No role named. */
    private static Set<String> noRoles() {
        return Set.of();
    }

    private static Set<String> roles(String... templateIds) {
        return Set.of(templateIds);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
