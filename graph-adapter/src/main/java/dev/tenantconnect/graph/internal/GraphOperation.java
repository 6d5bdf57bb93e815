package dev.tenantconnect.graph.internal;

import static dev.tenantconnect.core.access.GraphPermission.APPLICATION_READWRITE_ALL;
import static dev.tenantconnect.core.access.GraphPermission.APPLICATION_READWRITE_OWNEDBY;
import static dev.tenantconnect.core.access.GraphPermission.APPLICATION_READ_ALL;
import static dev.tenantconnect.core.access.GraphPermission.APP_ROLE_ASSIGNMENT_READWRITE_ALL;
import static dev.tenantconnect.core.access.GraphPermission.DIRECTORY_READWRITE_ALL;
import static dev.tenantconnect.core.access.GraphPermission.DIRECTORY_READ_ALL;
import static dev.tenantconnect.core.access.GraphPermission.DOMAIN_READWRITE_ALL;
import static dev.tenantconnect.core.access.GraphPermission.DOMAIN_READ_ALL;
import static dev.tenantconnect.core.access.GraphPermission.LICENSE_ASSIGNMENT_READWRITE_ALL;
import static dev.tenantconnect.core.access.GraphPermission.ORGANIZATION_READ_ALL;
import static dev.tenantconnect.core.access.GraphPermission.ROLE_MANAGEMENT_READWRITE_DIRECTORY;
import static dev.tenantconnect.core.access.GraphPermission.ROLE_MANAGEMENT_READ_DIRECTORY;
import static dev.tenantconnect.core.access.GraphPermission.TEAMS_POLICY_USER_ASSIGN_READWRITE_ALL;
import static dev.tenantconnect.core.access.GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL;
import static dev.tenantconnect.core.access.GraphPermission.TEAMS_TELEPHONE_NUMBER_READ_ALL;
import static dev.tenantconnect.core.access.GraphPermission.TEAMS_USER_CONFIGURATION_READ_ALL;
import static dev.tenantconnect.core.access.GraphPermission.USER_READWRITE_ALL;
import static dev.tenantconnect.core.access.GraphPermission.USER_READ_ALL;

import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.access.Requirement;

/**
 * Every Microsoft Graph call the adapter makes, with the application permissions Microsoft documents for its endpoint
 * (least privileged first, then the broader ones the same page accepts): what a 403 names as missing. Sources: the
 * permissions section of each API's page on learn.microsoft.com/graph/api (the "Permissions" table), summarised in
 * the project's Graph reference (directory endpoints: section 2; Teams number management: section 3.2). Not API.
 */
public enum GraphOperation {
    // https://learn.microsoft.com/graph/api/organization-list
    READ_ORGANIZATION("read organization", ORGANIZATION_READ_ALL, DIRECTORY_READ_ALL),
    // https://learn.microsoft.com/graph/api/serviceprincipal-get
    READ_SERVICE_PRINCIPAL("read service principal", APPLICATION_READ_ALL, APPLICATION_READWRITE_OWNEDBY,
            APPLICATION_READWRITE_ALL, DIRECTORY_READ_ALL),
    // https://learn.microsoft.com/graph/api/rbacapplication-list-roleassignments
    READ_ROLE_ASSIGNMENTS("read role assignments", ROLE_MANAGEMENT_READ_DIRECTORY, DIRECTORY_READ_ALL,
            ROLE_MANAGEMENT_READWRITE_DIRECTORY),
    // https://learn.microsoft.com/graph/api/serviceprincipal-list-approleassignments
    READ_APP_ROLE_ASSIGNMENTS("read app role assignments", APPLICATION_READ_ALL, DIRECTORY_READ_ALL,
            APPLICATION_READWRITE_ALL, APP_ROLE_ASSIGNMENT_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/user-get (assignedPlans is not in User.ReadBasic.All's property set)
    READ_USER("read user", USER_READ_ALL, USER_READWRITE_ALL, DIRECTORY_READ_ALL),
    // https://learn.microsoft.com/graph/json-batching: each step needs its own endpoint's permission (user-get)
    READ_USERS_BATCH("read users (batch)", USER_READ_ALL, USER_READWRITE_ALL, DIRECTORY_READ_ALL),
    // https://learn.microsoft.com/graph/api/user-list
    FIND_USERS("find users by display name", USER_READ_ALL, USER_READWRITE_ALL, DIRECTORY_READ_ALL),
    // https://learn.microsoft.com/graph/api/user-delta
    READ_USER_CHANGES("read user changes", USER_READ_ALL, USER_READWRITE_ALL, DIRECTORY_READ_ALL),
    // user-delta and teamsadministration-telephonenumbermanagement-list-numberassignments in one batch: both needed
    READ_CHANGES_AND_NUMBERS("read user changes and numbers (batch)", Requirement.allOf(
            Requirement.anyOfItems(USER_READ_ALL, USER_READWRITE_ALL, DIRECTORY_READ_ALL),
            Requirement.anyOfItems(TEAMS_TELEPHONE_NUMBER_READ_ALL, TEAMS_TELEPHONE_NUMBER_READWRITE_ALL))),
    // https://learn.microsoft.com/graph/api/subscribedsku-list (LicenseAssignment.Read.All is least; not modelled)
    READ_SUBSCRIBED_SKUS("read subscribed SKUs", ORGANIZATION_READ_ALL, DIRECTORY_READ_ALL),
    // https://learn.microsoft.com/graph/api/teamsadministration-telephonenumbermanagement-list-numberassignments
    LIST_NUMBERS("list numbers", TEAMS_TELEPHONE_NUMBER_READ_ALL, TEAMS_TELEPHONE_NUMBER_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/teamsadministration-numberassignment-assignnumber
    ASSIGN_NUMBER("assign number", TEAMS_TELEPHONE_NUMBER_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/teamsadministration-numberassignment-unassignnumber
    UNASSIGN_NUMBER("unassign number", TEAMS_TELEPHONE_NUMBER_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/teamsadministration-numberassignment-updatenumber
    UPDATE_NUMBER("update number", TEAMS_TELEPHONE_NUMBER_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/teamsadministration-telephonenumberlongrunningoperation-get
    READ_NUMBER_OPERATION("read number operation", TEAMS_TELEPHONE_NUMBER_READ_ALL,
            TEAMS_TELEPHONE_NUMBER_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/teamsadministration-teamsuserconfiguration-get
    READ_TEAMS_USER_CONFIGURATION("read Teams user configuration", TEAMS_USER_CONFIGURATION_READ_ALL),
    // https://learn.microsoft.com/graph/api/teamsadministration-teamsadminroot-list-userconfigurations
    LIST_TEAMS_USER_CONFIGURATIONS("list Teams user configurations", TEAMS_USER_CONFIGURATION_READ_ALL),
    // https://learn.microsoft.com/graph/api/teamsadministration-teamspolicyassignment-getpolicyid
    FIND_POLICY("find policy", TEAMS_POLICY_USER_ASSIGN_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/teamsadministration-teamspolicyuserassignment-assign
    GRANT_POLICY("grant policy", TEAMS_POLICY_USER_ASSIGN_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/domain-get
    READ_DOMAIN("read domain", DOMAIN_READ_ALL, DOMAIN_READWRITE_ALL, DIRECTORY_READ_ALL),
    // https://learn.microsoft.com/graph/api/domain-post-domains
    ADD_DOMAIN("add domain", DOMAIN_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/domain-list-verificationdnsrecords
    READ_VERIFICATION_RECORDS("read verification records", DOMAIN_READ_ALL, DOMAIN_READWRITE_ALL,
            DIRECTORY_READ_ALL),
    // https://learn.microsoft.com/graph/api/domain-verify
    VERIFY_DOMAIN("verify domain", DOMAIN_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/user-post-users
    CREATE_USER("create user", USER_READWRITE_ALL, DIRECTORY_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/user-assignlicense
    ASSIGN_LICENSE("assign licence", LICENSE_ASSIGNMENT_READWRITE_ALL, USER_READWRITE_ALL, DIRECTORY_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/user-delete
    DELETE_USER("delete user", USER_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/application-get
    READ_APPLICATION("read application", APPLICATION_READ_ALL, APPLICATION_READWRITE_OWNEDBY,
            APPLICATION_READWRITE_ALL, DIRECTORY_READ_ALL),
    // https://learn.microsoft.com/graph/api/application-upsert
    UPSERT_APPLICATION("upsert application", APPLICATION_READWRITE_OWNEDBY, APPLICATION_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/application-list-owners
    READ_APPLICATION_OWNERS("read application owners", APPLICATION_READ_ALL, APPLICATION_READWRITE_OWNEDBY,
            APPLICATION_READWRITE_ALL, DIRECTORY_READ_ALL),
    // https://learn.microsoft.com/graph/api/application-post-owners
    ADD_APPLICATION_OWNER("add application owner", APPLICATION_READWRITE_OWNEDBY, APPLICATION_READWRITE_ALL,
            DIRECTORY_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/application-update (keyCredentials)
    UPDATE_CERTIFICATES("update certificates", APPLICATION_READWRITE_OWNEDBY, APPLICATION_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/serviceprincipal-post-serviceprincipals
    CREATE_SERVICE_PRINCIPAL("create service principal", APPLICATION_READWRITE_OWNEDBY, APPLICATION_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/serviceprincipal-post-approleassignments (AlsoRequires Application.Read.All)
    GRANT_PERMISSION("grant permission", Requirement.allOf(Requirement.of(APP_ROLE_ASSIGNMENT_READWRITE_ALL),
            Requirement.anyOfItems(APPLICATION_READ_ALL, APPLICATION_READWRITE_ALL))),
    // https://learn.microsoft.com/graph/api/serviceprincipal-delete-approleassignments
    REVOKE_PERMISSION("revoke grant", APP_ROLE_ASSIGNMENT_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/rbacapplication-post-roleassignments
    ASSIGN_ROLE("assign role", ROLE_MANAGEMENT_READWRITE_DIRECTORY),
    // https://learn.microsoft.com/graph/api/unifiedroleassignment-delete
    REMOVE_ROLE_ASSIGNMENT("remove role assignment", ROLE_MANAGEMENT_READWRITE_DIRECTORY),
    // https://learn.microsoft.com/graph/api/application-addpassword
    ADD_PASSWORD("add password", APPLICATION_READWRITE_OWNEDBY, APPLICATION_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/application-removepassword
    REMOVE_PASSWORD("remove password", APPLICATION_READWRITE_OWNEDBY, APPLICATION_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/application-addkey
    ADD_CERTIFICATE("add certificate", APPLICATION_READWRITE_OWNEDBY, APPLICATION_READWRITE_ALL),
    // https://learn.microsoft.com/graph/api/application-removekey
    REMOVE_CERTIFICATE("remove certificate", APPLICATION_READWRITE_OWNEDBY, APPLICATION_READWRITE_ALL);

    private final String text;
    private final Requirement<GraphPermission> needs;

    GraphOperation(String text, GraphPermission first, GraphPermission... alternatives) {
        this(text, alternatives.length == 0 ? Requirement.of(first) : Requirement.anyOfItems(concat(first,
                alternatives)));
    }

    GraphOperation(String text, Requirement<GraphPermission> needs) {
        this.text = text;
        this.needs = needs;
    }

    private static GraphPermission[] concat(GraphPermission first, GraphPermission[] rest) {
        GraphPermission[] all = new GraphPermission[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** @return what the operation does, for messages, e.g. {@code read organization} */
    public String text() {
        return text;
    }

    /** @return the application permissions Microsoft documents for the endpoint */
    public Requirement<GraphPermission> needs() {
        return needs;
    }
}
