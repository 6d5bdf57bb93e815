package dev.tenantconnect.testkit;

import static dev.tenantconnect.testkit.Seeds.CLIENT;
import static dev.tenantconnect.testkit.Seeds.SECRET;
import static dev.tenantconnect.testkit.Seeds.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulator's access rules, per endpoint family, as Microsoft's permission tables state them: without the
 * permission the call is refused with 403 {@code Authorization_RequestDenied}; with only the least privileged one
 * (even one the SDK's own tables do not know) it succeeds; delegated calls also need a role the page names.
 */
class AccessRulesTest {
    private static final TenantId OPERATOR = TenantId.parse("75f9fed4-d8e9-4c90-bc28-523cfdb83244");
    private static final String NUMBERS = "/admin/teams/telephoneNumberManagement/numberAssignments";
    private static final AtomicInteger APPS = new AtomicInteger();
    /** Stands for the seeded app's service principal ID in a call's body. */
    private static final String CLIENT_SP = "{clientSp}";

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> {
        Seeds.contoso(sim, 2);
        sim.tenant(OPERATOR).displayName("Operator");
        sim.consent(TENANT, "SG");
    });

    /** One Graph call of an endpoint family, with the least privileged permissions Microsoft lists for it. */
    record Call(String family, String method, String path, String body, List<String> least, int success) {
        @Override
        public String toString() {
            return family + ": " + method + " " + path + " with " + least;
        }
    }

    static Stream<Call> graphCalls() {
        String user = "/users/user0@contoso.onmicrosoft.com";
        return Stream.of(
                new Call("organization", "GET", "/organization", null, List.of("Organization.Read.All"), 200),
                // least is LicenseAssignment.Read.All, which the SDK's tables do not list
                new Call("licences", "GET", "/subscribedSkus", null, List.of("LicenseAssignment.Read.All"), 200),
                new Call("users", "GET", "/users", null, List.of("User.Read.All"), 200),
                new Call("users", "GET", user, null, List.of("User.Read.All"), 200),
                new Call("users", "GET", "/users/delta", null, List.of("User.Read.All"), 200),
                new Call("users", "POST", "/users", "{\"accountEnabled\":true,\"displayName\":\"Rule\",\"mailNickname\":"
                        + "\"rule\",\"userPrincipalName\":\"rule@contoso1.onmicrosoft.com\",\"passwordProfile\":"
                        + "{\"password\":\"x\"}}", List.of("User.ReadWrite.All"), 201),
                new Call("users", "POST", user + "/assignLicense", "{\"addLicenses\":[],\"removeLicenses\":[]}",
                        List.of("LicenseAssignment.ReadWrite.All"), 200),
                new Call("roles", "GET", "/roleManagement/directory/roleAssignments", null,
                        List.of("RoleManagement.Read.Directory"), 200),
                new Call("roles", "GET", "/roleManagement/directory/roleDefinitions", null,
                        List.of("RoleManagement.Read.Directory"), 200),
                new Call("roles", "POST", "/roleManagement/directory/roleAssignments", "{\"principalId\":\""
                        + CLIENT_SP + "\",\"roleDefinitionId\":\"" + DirectoryRole.GLOBAL_READER.templateId()
                        + "\",\"directoryScopeId\":\"/\"}", List.of("RoleManagement.ReadWrite.Directory"), 201),
                new Call("applications", "GET", "/applications", null, List.of("Application.Read.All"), 200),
                new Call("applications", "POST", "/applications", "{\"displayName\":\"Rule app\"}",
                        List.of("Application.ReadWrite.OwnedBy"), 201),
                new Call("service principals", "GET", "/servicePrincipals(appId='" + CLIENT.value() + "')", null,
                        List.of("Application.Read.All"), 200),
                // "AppRoleAssignment.ReadWrite.All and Application.Read.All": two permissions together
                new Call("grants", "POST", "/servicePrincipals/" + GraphEndpoint.GRAPH_SP_ID + "/appRoleAssignedTo",
                        null, List.of("AppRoleAssignment.ReadWrite.All", "Application.Read.All"), 201),
                new Call("domains", "GET", "/domains", null, List.of("Domain.Read.All"), 200),
                new Call("domains", "POST", "/domains", "{\"id\":\"rules.example.com\"}",
                        List.of("Domain.ReadWrite.All"), 201),
                new Call("numbers", "GET", NUMBERS, null, List.of("TeamsTelephoneNumber.Read.All"), 200),
                new Call("numbers", "POST", NUMBERS + "/updateNumber", "{\"telephoneNumber\":\"+6567891201\","
                        + "\"locationId\":\"\"}", List.of("TeamsTelephoneNumber.ReadWrite.All"), 200),
                new Call("policies", "GET", "/admin/teams/policy/getPolicyId(type='TeamsCallingPolicy',name='Global')",
                        null, List.of("TeamsPolicyUserAssign.ReadWrite.All"), 200),
                new Call("user configurations", "GET", "/admin/teams/userConfigurations", null,
                        List.of("TeamsUserConfiguration.Read.All"), 200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphCalls")
    void refused_without_the_permission_and_served_with_the_least_privileged_one(Call call) throws Exception {
        Http http = new Http(CLOUD.simulator());
        String sp = CLOUD.simulator().tenant(TENANT).app(CLIENT).servicePrincipalId().toString();
        String body = call.body() != null ? call.body().replace(CLIENT_SP, sp) : call.path().endsWith("/appRoleAssignedTo")
                ? "{\"principalId\":\"" + CLOUD.simulator().tenant(TENANT).app(CLIENT).servicePrincipalId()
                        + "\",\"resourceId\":\"" + GraphEndpoint.GRAPH_SP_ID + "\",\"appRoleId\":\""
                        + PermissionRules.GRAPH_APP_ROLES.get("Calendars.Read") + "\"}" : null;

        Http.Reply refused = http.send(appToken(http, List.of("Mail.Send")), call.method(), call.path(), body);
        assertThat(refused.status()).as("without " + call.least()).isEqualTo(403);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("Authorization_RequestDenied");

        Http.Reply served = http.send(appToken(http, call.least()), call.method(), call.path(), body);
        assertThat(served.status()).as("with " + call.least() + ": " + served.json()).isEqualTo(call.success());
    }

    @Test
    void a_permission_microsoft_lists_as_half_of_a_pair_is_not_enough_alone() throws Exception {
        Http http = new Http(CLOUD.simulator());
        String body = "{\"principalId\":\"" + CLOUD.simulator().tenant(TENANT).app(CLIENT).servicePrincipalId()
                + "\",\"resourceId\":\"" + GraphEndpoint.GRAPH_SP_ID + "\",\"appRoleId\":\""
                + PermissionRules.GRAPH_APP_ROLES.get("Contacts.Read") + "\"}";
        assertThat(http.post(appToken(http, List.of("AppRoleAssignment.ReadWrite.All")),
                "/servicePrincipals/" + GraphEndpoint.GRAPH_SP_ID + "/appRoleAssignedTo", body).status())
                .isEqualTo(403);
        // a higher privileged pair from the same table works too
        assertThat(http.post(appToken(http, List.of("AppRoleAssignment.ReadWrite.All", "Directory.Read.All")),
                "/servicePrincipals/" + GraphEndpoint.GRAPH_SP_ID + "/appRoleAssignedTo", body).status())
                .isEqualTo(201);
    }

    @Test
    void an_endpoint_microsoft_does_not_support_for_applications_refuses_every_app_token() throws Exception {
        Http http = new Http(CLOUD.simulator());
        // user-list-licensedetails: "Application: Not supported."
        assertThat(http.get(appToken(http, List.of("LicenseAssignment.Read.All", "User.Read.All",
                "Directory.Read.All")), "/users/user0@contoso.onmicrosoft.com/licenseDetails").status()).isEqualTo(403);
    }

    @Test
    void domain_writes_need_domain_readwrite_not_directory_readwrite() throws Exception {
        Http http = new Http(CLOUD.simulator());
        // Microsoft lists no higher privileged permission for POST /domains
        assertThat(http.post(appToken(http, List.of("Directory.ReadWrite.All")), "/domains",
                "{\"id\":\"directory.example.com\"}").status()).isEqualTo(403);
    }

    @Test
    void delegated_calls_need_the_scope_and_a_role_the_page_names() throws Exception {
        Http http = new Http(CLOUD.simulator());
        String sp = CLOUD.simulator().tenant(TENANT).app(CLIENT).servicePrincipalId().toString();
        String assignment = "{\"principalId\":\"" + sp + "\",\"roleDefinitionId\":\""
                + DirectoryRole.TEAMS_READER.templateId() + "\",\"directoryScopeId\":\"/\"}";
        String scopes = "https://graph.microsoft.com/RoleManagement.ReadWrite.Directory "
                + "https://graph.microsoft.com/Domain.ReadWrite.All";

        // Application Administrator is not among the roles that may assign directory roles or add domains
        String appAdmin = delegatedToken(scopes, "appadmin", Set.of(DirectoryRole.APPLICATION_ADMINISTRATOR));
        assertThat(http.post(appAdmin, "/roleManagement/directory/roleAssignments", assignment).status())
                .isEqualTo(403);
        assertThat(http.post(appAdmin, "/domains", "{\"id\":\"delegated.example.com\"}").status()).isEqualTo(403);

        // Privileged Role Administrator is the least privileged role for role assignments
        String roleAdmin = delegatedToken(scopes, "roleadmin", Set.of(DirectoryRole.PRIVILEGED_ROLE_ADMINISTRATOR));
        assertThat(http.post(roleAdmin, "/roleManagement/directory/roleAssignments", assignment).status())
                .isEqualTo(201);
        // Domain Name Administrator for domains
        String domainAdmin = delegatedToken(scopes, "domainadmin", Set.of(DirectoryRole.DOMAIN_NAME_ADMINISTRATOR));
        assertThat(http.post(domainAdmin, "/domains", "{\"id\":\"delegated.example.com\"}").status()).isEqualTo(201);

        // the role without the scope is not enough
        String noScope = delegatedToken("https://graph.microsoft.com/Domain.Read.All", "noscope",
                Set.of(DirectoryRole.GLOBAL_ADMINISTRATOR));
        assertThat(http.post(noScope, "/domains", "{\"id\":\"noscope.example.com\"}").status()).isEqualTo(403);
    }

    @Test
    void provisioning_operations_need_the_role_of_their_kind() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        String reader = provisioningToken("ProvisioningAPI.Read");
        String writer = provisioningToken("ProvisioningAPI.Read", "ProvisioningAPI.Write");
        String admin = provisioningToken("ProvisioningAPI.Admin");
        String accounts = sim.provisioningBaseUrl() + "/accounts";
        String account = accounts + "/rules-account";
        String put = "{\"name\":\"rules-account\",\"correlationId\":\"r1\"}";

        assertThat(provisioning("GET", accounts, reader, null)).isEqualTo(200);
        assertThat(provisioning("PUT", account, reader, put)).isEqualTo(403);
        assertThat(provisioning("PUT", account, writer, put)).isIn(200, 201);
        assertThat(provisioning("DELETE", account, writer, null)).isEqualTo(403);
        assertThat(provisioning("DELETE", account, admin, null)).isIn(200, 204);
        assertThat(provisioning("GET", accounts, provisioningToken("ProvisioningAPI.Write"), null)).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void every_rule_admits_its_listed_permissions_and_nothing_else(AccessRule rule) {
        assertThat(rule.admits(new SimRequest.Caller(true, "x", Set.of(), Set.of()))).isFalse();
        assertThat(rule.admits(new SimRequest.Caller(true, "x", Set.of("Mail.Send", "Calendars.Read"), Set.of())))
                .isFalse();
        for (Set<String> least : rule.applicationLeast()) {
            assertThat(rule.admits(new SimRequest.Caller(true, "x", least, Set.of()))).as("least " + least).isTrue();
        }
        for (Set<String> higher : rule.applicationHigher()) {
            assertThat(rule.admits(new SimRequest.Caller(true, "x", higher, Set.of()))).as("higher " + higher)
                    .isTrue();
        }
        for (Set<String> least : rule.delegatedLeast()) {
            Set<String> roles = rule.delegatedRoles().isEmpty() ? Set.of()
                    : Set.of(rule.delegatedRoles().iterator().next());
            assertThat(rule.admits(new SimRequest.Caller(false, "x", least, roles))).as("delegated " + least).isTrue();
            if (!rule.delegatedRoles().isEmpty()) {
                assertThat(rule.admits(new SimRequest.Caller(false, "x", least, Set.of()))).as("no role").isFalse();
                assertThat(rule.admits(new SimRequest.Caller(false, "x", least,
                        Set.of(PermissionRules.GLOBAL_ADMINISTRATOR)))).as("Global Administrator").isTrue();
            }
        }
        if (rule.applicationLeast().isEmpty()) {
            // delegated only: the delegated permission in an app-only token is not enough
            assertThat(rule.admits(new SimRequest.Caller(true, "x", rule.delegatedLeast().get(0), Set.of())))
                    .isFalse();
        }
        if (rule.delegatedLeast().isEmpty()) {
            // application-only (the provisioning API): an app's permission in a delegated token is not enough
            assertThat(rule.admits(new SimRequest.Caller(false, "x", rule.applicationLeast().get(0),
                    Set.of(PermissionRules.GLOBAL_ADMINISTRATOR)))).isFalse();
        }
    }

    static Stream<Arguments> rules() {
        return PermissionRules.all().stream().map(r -> Arguments.of(r));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** A fresh app holding exactly these application permissions, and its token. */
    private static String appToken(Http http, List<String> permissions) throws Exception {
        String client = new UUID(0x11ae0dff00000000L, 0x8000_0000_0000_0100L + APPS.incrementAndGet()).toString();
        CLOUD.simulator().tenant(TENANT).app(dev.tenantconnect.core.model.ClientId.parse(client))
                .grantPermissions(permissions.toArray(String[]::new))
                .secret(Secret.of(SECRET), Instant.now().plusSeconds(3600));
        Http.Reply r = http.token(TENANT, client, SECRET);
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("access_token").asText();
    }

    private static String provisioningToken(String... roles) throws Exception {
        String client = new UUID(0x75f9fed400000000L, 0x8000_0000_0000_0200L + APPS.incrementAndGet()).toString();
        CLOUD.simulator().tenant(OPERATOR).app(dev.tenantconnect.core.model.ClientId.parse(client))
                .provisioningRoles(roles).secret(Secret.of(SECRET), Instant.now().plusSeconds(3600));
        String form = "grant_type=client_credentials&client_id=" + client + "&client_secret=" + SECRET + "&scope="
                + URLEncoder.encode(MicrosoftCloudSimulator.PROVISIONING_SCOPE, StandardCharsets.UTF_8);
        return Http.JSON.readTree(client().send(HttpRequest.newBuilder(URI.create(CLOUD.simulator()
                .tokenEndpoint(OPERATOR))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString())
                .body()).get("access_token").asText();
    }

    private static int provisioning(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "?api-version="
                + ProvisioningEndpoint.API_VERSION)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client().send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** A customer user's delegated token through the device-code flow, approved with these roles. */
    private static String delegatedToken(String scopes, String user, Set<DirectoryRole> roles) throws Exception {
        return new Http(CLOUD.simulator()).delegatedToken(TENANT, scopes, user + "@contoso1.onmicrosoft.com", roles);
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().sslContext(CLOUD.simulator().sslContext()).build();
    }
}
