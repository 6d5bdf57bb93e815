package dev.tenantconnect.testkit;

/**
 * The endpoint family names the {@link RequestJournal} records, as constants to count with
 * ({@code sim.journal().count(JournalEndpoints.GRAPH_NUMBERS_ASSIGN)}) instead of strings to copy. Each is checked
 * against what the simulator records for a request of its kind.
 */
public final class JournalEndpoints {
    /** Entra token requests ({@code POST /{tenant}/oauth2/v2.0/token}). */
    public static final String ENTRA_TOKEN = "entra.token";
    /** Entra device-code requests ({@code POST /{tenant}/oauth2/v2.0/devicecode}). */
    public static final String ENTRA_DEVICE_CODE = "entra.devicecode";
    /** Entra browser sign-ins ({@code GET /{tenant}/oauth2/v2.0/authorize}). */
    public static final String ENTRA_AUTHORIZE = "entra.authorize";
    /** A Graph JSON batch ({@code POST /v1.0/$batch}); its items are journaled under their own names too. */
    public static final String GRAPH_BATCH = "graph.batch";
    /** {@code GET /organization}. */
    public static final String GRAPH_ORGANIZATION = "graph.organization";
    /** {@code GET /subscribedSkus}. */
    public static final String GRAPH_SUBSCRIBED_SKUS = "graph.subscribedSkus";
    /** {@code GET /users}. */
    public static final String GRAPH_USERS_LIST = "graph.users.list";
    /** {@code GET /users/{id or UPN}}. */
    public static final String GRAPH_USERS_GET = "graph.users.get";
    /** {@code POST /users}. */
    public static final String GRAPH_USERS_CREATE = "graph.users.create";
    /** {@code DELETE /users/{id}}. */
    public static final String GRAPH_USERS_DELETE = "graph.users.delete";
    /** {@code GET /users/delta}. */
    public static final String GRAPH_USERS_DELTA = "graph.users.delta";
    /** {@code POST /users/{id}/assignLicense}. */
    public static final String GRAPH_USERS_ASSIGN_LICENSE = "graph.users.assignLicense";
    /** {@code GET /users/{id}/licenseDetails}. */
    public static final String GRAPH_USERS_LICENSE_DETAILS = "graph.users.licenseDetails";
    /** {@code GET /applications}. */
    public static final String GRAPH_APPLICATIONS_LIST = "graph.applications.list";
    /** {@code GET /applications/{id}}, {@code (appId=…)} or {@code (uniqueName=…)}. */
    public static final String GRAPH_APPLICATIONS_GET = "graph.applications.get";
    /** {@code POST /applications}. */
    public static final String GRAPH_APPLICATIONS_CREATE = "graph.applications.create";
    /** {@code PATCH /applications(uniqueName=…)}. */
    public static final String GRAPH_APPLICATIONS_UPSERT = "graph.applications.upsert";
    /** {@code PATCH /applications/{id}}. */
    public static final String GRAPH_APPLICATIONS_UPDATE = "graph.applications.update";
    /** {@code DELETE /applications/{id}}. */
    public static final String GRAPH_APPLICATIONS_DELETE = "graph.applications.delete";
    /** {@code GET /applications/{id}/owners}. */
    public static final String GRAPH_APPLICATIONS_OWNERS = "graph.applications.owners";
    /** {@code POST /applications/{id}/owners/$ref}. */
    public static final String GRAPH_APPLICATIONS_ADD_OWNER = "graph.applications.addOwner";
    /** {@code POST /applications/{id}/addPassword}. */
    public static final String GRAPH_APPLICATIONS_ADD_PASSWORD = "graph.applications.addPassword";
    /** {@code POST /applications/{id}/removePassword}. */
    public static final String GRAPH_APPLICATIONS_REMOVE_PASSWORD = "graph.applications.removePassword";
    /** {@code POST /applications/{id}/addKey}. */
    public static final String GRAPH_APPLICATIONS_ADD_KEY = "graph.applications.addKey";
    /** {@code POST /applications/{id}/removeKey}. */
    public static final String GRAPH_APPLICATIONS_REMOVE_KEY = "graph.applications.removeKey";
    /** {@code GET /servicePrincipals/{id}} or {@code (appId=…)}. */
    public static final String GRAPH_SERVICE_PRINCIPALS_GET = "graph.servicePrincipals.get";
    /** {@code POST /servicePrincipals}. */
    public static final String GRAPH_SERVICE_PRINCIPALS_CREATE = "graph.servicePrincipals.create";
    /** {@code GET /servicePrincipals/{id}/appRoleAssignments}. */
    public static final String GRAPH_SERVICE_PRINCIPALS_APP_ROLE_ASSIGNMENTS =
            "graph.servicePrincipals.appRoleAssignments";
    /** {@code POST /servicePrincipals/{id}/appRoleAssignments} (or {@code appRoleAssignedTo}). */
    public static final String GRAPH_SERVICE_PRINCIPALS_GRANT = "graph.servicePrincipals.grant";
    /** {@code DELETE /servicePrincipals/{id}/appRoleAssignments/{id}}. */
    public static final String GRAPH_SERVICE_PRINCIPALS_REVOKE = "graph.servicePrincipals.revoke";
    /** {@code GET /roleManagement/directory/roleAssignments}. */
    public static final String GRAPH_ROLE_ASSIGNMENTS_LIST = "graph.roleAssignments.list";
    /** {@code POST /roleManagement/directory/roleAssignments}. */
    public static final String GRAPH_ROLE_ASSIGNMENTS_CREATE = "graph.roleAssignments.create";
    /** {@code DELETE /roleManagement/directory/roleAssignments/{id}}. */
    public static final String GRAPH_ROLE_ASSIGNMENTS_DELETE = "graph.roleAssignments.delete";
    /** {@code GET /roleManagement/directory/roleDefinitions}. */
    public static final String GRAPH_ROLE_DEFINITIONS_LIST = "graph.roleDefinitions.list";
    /** {@code GET /domains}. */
    public static final String GRAPH_DOMAINS_LIST = "graph.domains.list";
    /** {@code GET /domains/{name}}. */
    public static final String GRAPH_DOMAINS_GET = "graph.domains.get";
    /** {@code POST /domains}. */
    public static final String GRAPH_DOMAINS_CREATE = "graph.domains.create";
    /** {@code DELETE /domains/{name}}. */
    public static final String GRAPH_DOMAINS_DELETE = "graph.domains.delete";
    /** {@code GET /domains/{name}/verificationDnsRecords}. */
    public static final String GRAPH_DOMAINS_VERIFICATION_RECORDS = "graph.domains.verificationDnsRecords";
    /** {@code POST /domains/{name}/verify}. */
    public static final String GRAPH_DOMAINS_VERIFY = "graph.domains.verify";
    /** {@code GET …/telephoneNumberManagement/numberAssignments}. */
    public static final String GRAPH_NUMBERS_LIST = "graph.numbers.list";
    /** {@code GET …/numberAssignments/{id}}. */
    public static final String GRAPH_NUMBERS_GET = "graph.numbers.get";
    /** {@code POST …/numberAssignments/assignNumber}. */
    public static final String GRAPH_NUMBERS_ASSIGN = "graph.numbers.assign";
    /** {@code POST …/numberAssignments/unassignNumber}. */
    public static final String GRAPH_NUMBERS_UNASSIGN = "graph.numbers.unassign";
    /** {@code POST …/numberAssignments/updateNumber}. */
    public static final String GRAPH_NUMBERS_UPDATE = "graph.numbers.update";
    /** {@code GET …/telephoneNumberManagement/operations/{id}}. */
    public static final String GRAPH_NUMBERS_OPERATION = "graph.numbers.operation";
    /** {@code GET /admin/teams/userConfigurations}. */
    public static final String GRAPH_USER_CONFIGURATIONS_LIST = "graph.userConfigurations.list";
    /** {@code GET /admin/teams/userConfigurations/{id}}. */
    public static final String GRAPH_USER_CONFIGURATIONS_GET = "graph.userConfigurations.get";
    /** {@code GET /admin/teams/policy/getPolicyId(type=…,name=…)}. */
    public static final String GRAPH_POLICIES_GET_POLICY_ID = "graph.policies.getPolicyId";
    /** {@code POST /admin/teams/policy/userAssignments/assign}. */
    public static final String GRAPH_POLICIES_ASSIGN = "graph.policies.assign";
    /** Provisioning API {@code GET /accounts/{name}}. */
    public static final String PROVISIONING_ACCOUNTS_GET = "provisioning.accounts.get";
    /** Provisioning API {@code PUT /accounts/{name}}. */
    public static final String PROVISIONING_ACCOUNTS_PUT = "provisioning.accounts.put";
    /** Provisioning API {@code POST /accounts/{name}:createOrUpdateNumbers}. */
    public static final String PROVISIONING_CREATE_OR_UPDATE_NUMBERS = "provisioning.accounts.createOrUpdateNumbers";
    /** Provisioning API {@code POST /accounts/{name}:deleteNumbers}. */
    public static final String PROVISIONING_DELETE_NUMBERS = "provisioning.accounts.deleteNumbers";
    /** Provisioning API {@code GET /accounts/{name}/numbers}. */
    public static final String PROVISIONING_NUMBERS_LIST = "provisioning.numbers.list";
    /** Provisioning API {@code GET /accounts/{name}/numbers/{number}}. */
    public static final String PROVISIONING_NUMBERS_GET = "provisioning.numbers.get";
    /** Provisioning API {@code GET /teamsRequestsForInformation} (consents). */
    public static final String PROVISIONING_CONSENTS_GET = "provisioning.rfi.get";
    /** Provisioning API {@code /accounts/{name}/teamsCivicAddresses}. */
    public static final String PROVISIONING_CIVIC_ADDRESSES = "provisioning.civicAddresses";

    private JournalEndpoints() {
    }
}
