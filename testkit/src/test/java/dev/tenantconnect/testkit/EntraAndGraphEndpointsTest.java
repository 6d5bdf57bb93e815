package dev.tenantconnect.testkit;

import static dev.tenantconnect.testkit.Seeds.CLIENT;
import static dev.tenantconnect.testkit.Seeds.SECRET;
import static dev.tenantconnect.testkit.Seeds.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.testkit.internal.Jwt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EntraAndGraphEndpointsTest {
    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> Seeds.contoso(sim, 150));

    @Test
    void issues_tokens_whose_roles_are_the_granted_permissions(MicrosoftCloudSimulator sim) throws Exception {
        Http.Reply r = new Http(sim).token(TENANT, CLIENT.value(), SECRET);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
        Jwt.Parsed jwt = Jwt.parse(r.json().get("access_token").asText()).orElseThrow();
        assertThat(jwt.string("tid")).contains(TENANT.value());
        assertThat(jwt.string("appid")).contains(CLIENT.value());
        assertThat(jwt.claims().get("roles").toString()).contains("TeamsTelephoneNumber.ReadWrite.All",
                "User.Read.All");
        assertThat(sim.journal().tokenRequests(TENANT)).isEqualTo(1);
    }

    @Test
    void entra_errors_carry_aadsts_codes(MicrosoftCloudSimulator sim) throws Exception {
        Http http = new Http(sim);
        assertThat(http.token(TENANT, CLIENT.value(), "wrong").json().get("error_description").asText())
                .startsWith("AADSTS7000215:");
        assertThat(http.token(TENANT, UUID.randomUUID().toString(), SECRET).json().get("error_codes").get(0).asInt())
                .isEqualTo(700016);
        assertThat(http.token(dev.tenantconnect.core.model.TenantId.parse("00000000-0000-0000-0000-0000000000ff"),
                CLIENT.value(), SECRET).json().get("error_description").asText()).startsWith("AADSTS90002:");

        sim.tenant(TENANT).app(CLIENT).secret(Secret.of("expired-one"), Instant.now().minusSeconds(60));
        Http.Reply expired = http.token(TENANT, CLIENT.value(), "expired-one");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("error_description").asText()).startsWith("AADSTS7000222:");

        sim.tenant(TENANT).app(CLIENT).enabled(false);
        assertThat(http.token(TENANT, CLIENT.value(), SECRET).json().get("error_codes").get(0).asInt())
                .isEqualTo(7000112);
    }

    @Test
    void users_page_with_next_links_and_honour_select_and_filter(MicrosoftCloudSimulator sim) throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        List<String> upns = new ArrayList<>();
        String next = "/users?$select=id,userPrincipalName&$top=40";
        while (next != null) {
            Http.Reply page = http.get(token, next);
            assertThat(page.status()).isEqualTo(200);
            page.json().get("value").forEach(u -> {
                upns.add(u.get("userPrincipalName").asText());
                assertThat(u.has("assignedPlans")).as("$select honoured").isFalse();
            });
            next = page.json().has("@odata.nextLink") ? page.json().get("@odata.nextLink").asText() : null;
        }
        assertThat(upns).hasSize(151).doesNotHaveDuplicates();

        Http.Reply one = http.get(token, "/users?$filter=userPrincipalName%20eq%20'user7@contoso.onmicrosoft.com'");
        assertThat(one.json().get("value")).hasSize(1);
        assertThat(one.json().get("value").get(0).get("assignedPlans").toString()).contains(
                "4828c8ec-dc2e-4779-b502-87ac9ce28ab7");
        assertThat(http.get(token, "/users?$filter=jobTitle%20eq%20'x'").status()).isEqualTo(400);
    }

    @Test
    void graph_enforces_the_permission_of_each_endpoint(MicrosoftCloudSimulator sim) throws Exception {
        sim.tenant(TENANT).app(CLIENT).revoke(GraphPermission.USER_READ_ALL);
        Http http = new Http(sim);
        Http.Reply denied = http.get(http.accessToken(TENANT), "/users");

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().at("/error/code").asText()).isEqualTo("Authorization_RequestDenied");
        assertThat(denied.json().at("/error/innerError/request-id").asText()).isNotBlank();
        assertThat(denied.json().at("/error/innerError/client-request-id").asText()).isEqualTo("test-cri");
        assertThat(denied.header("client-request-id")).isEqualTo("test-cri");
        assertThat(http.get("not-a-token", "/organization").status()).isEqualTo(401);
    }

    @Test
    void tenants_are_isolated_by_the_token(MicrosoftCloudSimulator sim) throws Exception {
        Http http = new Http(sim);
        sim.tenant(Seeds.OTHER).displayName("Fabrikam");
        assertThat(http.get(http.accessToken(TENANT), "/organization").json().at("/value/0/displayName").asText())
                .isEqualTo("Contoso");
        assertThat(http.get(http.accessToken(Seeds.OTHER), "/organization").json().at("/value/0/id").asText())
                .isEqualTo(Seeds.OTHER.value());
    }

    @Test
    void roles_skus_and_service_principals(MicrosoftCloudSimulator sim) throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        String sp = http.get(token, "/servicePrincipals(appId='" + CLIENT.value() + "')").json().get("id").asText();
        assertThat(sp).isEqualTo(sim.tenant(TENANT).app(CLIENT).servicePrincipalId().toString());

        Http.Reply roles = http.get(token, "/roleManagement/directory/roleAssignments?$filter=principalId%20eq%20'"
                + sp + "'");
        assertThat(roles.json().at("/value/0/roleDefinitionId").asText())
                .isEqualTo("baf37b3a-610e-45da-9e62-d9d1e5e8914b");
        assertThat(http.get(token, "/servicePrincipals/" + sp + "/appRoleAssignments").json().get("value"))
                .hasSize(6);
        Http.Reply skus = http.get(token, "/subscribedSkus");
        assertThat(skus.json().get("value")).hasSize(3);
        assertThat(skus.json().at("/value/0/consumedUnits").asInt()).isEqualTo(120);
    }

    @Test
    void assign_number_answers_202_with_an_operation_that_completes(MicrosoftCloudSimulator sim) throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        String user = http.get(token, "/users/user3@contoso.onmicrosoft.com").json().get("id").asText();

        Http.Reply accepted = http.post(token, "/admin/teams/telephoneNumberManagement/numberAssignments/"
                + "microsoft.graph.teamsAdministration.assignNumber", "{\"telephoneNumber\":\"6567891201\","
                + "\"assignmentTargetId\":\"" + user + "\",\"numberType\":\"operatorConnect\"}");
        assertThat(accepted.status()).isEqualTo(202);
        String location = accepted.header("Location");
        assertThat(location).contains("/operations('");

        sim.faults().operationDelay(java.time.Duration.ofHours(1));
        assertThat(http.get(token, location).json().get("status").asText()).isIn("notStarted", "running");
        assertThat(sim.tenant(TENANT).number(PhoneNumber.parse("+6567891201")).orElseThrow().activationState())
                .isEqualTo("assignmentPending");
        sim.faults().operationDelay(java.time.Duration.ZERO);
        assertThat(http.get(token, location).json().get("status").asText()).isEqualTo("succeeded");
        NumberView n = sim.tenant(TENANT).number(PhoneNumber.parse("+6567891201")).orElseThrow();
        assertThat(n.assignmentStatus()).isEqualTo("userAssigned");
        assertThat(n.assignmentTarget()).contains(UUID.fromString(user));

        Http.Reply again = http.post(token, "/admin/teams/telephoneNumberManagement/numberAssignments/assignNumber",
                "{\"telephoneNumber\":\"+6567891201\",\"assignmentTargetId\":\"" + user
                        + "\",\"numberType\":\"operatorConnect\"}");
        assertThat(again.status()).isEqualTo(400);

        Http.Reply filtered = http.get(token, "/admin/teams/telephoneNumberManagement/numberAssignments?$filter="
                + "assignmentStatus%20eq%20'unassigned'%20and%20capabilities/any(c:c%20eq%20'userAssignment')");
        assertThat(filtered.json().get("value")).hasSize(19);
        Http.Reply config = http.get(token, "/admin/teams/userConfigurations/" + user);
        assertThat(config.json().at("/telephoneNumbers/0/telephoneNumber").asText()).isEqualTo("+6567891201");
    }

    @Test
    void update_sets_the_emergency_location_and_unassign_frees_the_number(MicrosoftCloudSimulator sim)
            throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        String user = http.get(token, "/users/user4@contoso.onmicrosoft.com").json().get("id").asText();
        String base = "/admin/teams/telephoneNumberManagement/numberAssignments/";
        http.post(token, base + "assignNumber", "{\"telephoneNumber\":\"+6567891204\",\"assignmentTargetId\":\""
                + user + "\",\"numberType\":\"operatorConnect\"}");

        Http.Reply updated = http.post(token, base + "microsoft.graph.teamsAdministration.updateNumber",
                "{\"telephoneNumber\":\"+6567891204\",\"locationId\":\"loc-1\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.raw().body()).as("documented without a response body").isEmpty();
        assertThat(http.get(token, base + "6567891204").json().get("locationId").asText()).isEqualTo("loc-1");

        Http.Reply unassign = http.post(token, base + "unassignNumber",
                "{\"telephoneNumber\":\"+6567891204\",\"numberType\":\"operatorConnect\"}");
        assertThat(unassign.status()).isEqualTo(202);
        assertThat(http.get(token, unassign.header("Location")).json().get("status").asText()).isEqualTo("succeeded");
        assertThat(sim.tenant(TENANT).number(PhoneNumber.parse("+6567891204")).orElseThrow().assignmentStatus())
                .isEqualTo("unassigned");
        assertThat(sim.journal().count("graph.numbers.unassign")).isEqualTo(1);
    }

    @Test
    void number_lists_page_with_top_and_skip(MicrosoftCloudSimulator sim) throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        String list = "/admin/teams/telephoneNumberManagement/numberAssignments";
        Http.Reply first = http.get(token, list + "?$top=15");
        assertThat(first.json().get("value")).hasSize(15);
        assertThat(first.json().has("@odata.nextLink")).as("Microsoft documents $skip, no nextLink").isFalse();
        Http.Reply second = http.get(token, list + "?$top=15&$skip=15");
        assertThat(second.json().get("value")).hasSize(5);
        assertThat(http.get(token, list + "?$top=1001").status()).as("at most 1,000 a page").isEqualTo(400);
    }
}
