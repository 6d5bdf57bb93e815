package dev.tenantconnect.testkit;

import static dev.tenantconnect.testkit.Seeds.CLIENT;
import static dev.tenantconnect.testkit.Seeds.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.testing.TestCertificates;
import dev.tenantconnect.testkit.internal.Jwt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Directory writes: users and licences, delta, app registrations, grants, roles, domains, batching. */
class DirectoryEndpointsTest {
    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> {
        Seeds.contoso(sim, 5);
        sim.tenant(TENANT).app(CLIENT).grant(GraphPermission.USER_READWRITE_ALL,
                GraphPermission.LICENSE_ASSIGNMENT_READWRITE_ALL, GraphPermission.APPLICATION_READWRITE_ALL,
                GraphPermission.APP_ROLE_ASSIGNMENT_READWRITE_ALL, GraphPermission.ROLE_MANAGEMENT_READWRITE_DIRECTORY,
                GraphPermission.DOMAIN_READWRITE_ALL);
    });

    private Http http;
    private String token;

    @BeforeEach
    void connect() throws Exception {
        http = new Http(CLOUD.simulator());
        token = http.accessToken(TENANT);
    }

    @Test
    void create_license_and_delete_a_user() throws Exception {
        Http.Reply created = http.post(token, "/users", "{\"accountEnabled\":true,\"displayName\":\"New Hire\","
                + "\"mailNickname\":\"newhire\",\"userPrincipalName\":\"newhire@contoso1.onmicrosoft.com\","
                + "\"passwordProfile\":{\"password\":\"x\"}}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();

        String e5 = "{\"addLicenses\":[{\"skuId\":\"" + Sku.OFFICE_365_E5.skuId() + "\",\"disabledPlans\":[]}],"
                + "\"removeLicenses\":[]}";
        Http.Reply noLocation = http.post(token, "/users/" + id + "/assignLicense", e5);
        assertThat(noLocation.status()).isEqualTo(400);
        assertThat(noLocation.json().at("/error/message").asText()).contains("usage location");

        http.send(token, "DELETE", "/users/" + id, null);
        assertThat(http.get(token, "/users/" + id).status()).isEqualTo(404);

        Http.Reply licensed = http.post(token, "/users/user0@contoso.onmicrosoft.com/assignLicense",
                "{\"addLicenses\":[{\"skuId\":\"" + Sku.TEAMS_PHONE_RESOURCE_ACCOUNT.skuId() + "\",\"disabledPlans\":[]}],"
                        + "\"removeLicenses\":[\"" + Sku.OFFICE_365_E5.skuId() + "\"]}");
        assertThat(licensed.status()).isEqualTo(200);
        assertThat(licensed.json().get("assignedLicenses")).hasSize(1);
    }

    @Test
    void a_full_delta_sync_then_only_changes_then_resync_after_expiry() throws Exception {
        List<String> ids = new ArrayList<>();
        String next = "/users/delta?$select=id,displayName&$top=2";
        String deltaLink = null;
        while (next != null) {
            JsonNode page = http.get(token, next).json();
            page.get("value").forEach(u -> ids.add(u.get("id").asText()));
            next = page.has("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
            deltaLink = page.has("@odata.deltaLink") ? page.get("@odata.deltaLink").asText() : null;
        }
        assertThat(ids).hasSize(6);

        JsonNode unchanged = http.get(token, deltaLink).json();
        assertThat(unchanged.get("value")).isEmpty();

        SimulatedTenant t = CLOUD.simulator().tenant(TENANT);
        UUID added = t.addUser("fresh@contoso.onmicrosoft.com", "Fresh", "SG", Sku.OFFICE_365_E5);
        t.deleteUser(UUID.fromString(ids.get(0)));
        JsonNode changes = http.get(token, unchanged.get("@odata.deltaLink").asText()).json();
        assertThat(changes.get("value")).hasSize(2);
        assertThat(changes.toString()).contains(added.toString()).contains("\"@removed\"");
        assertThat(changes.at("/value/0").has("assignedPlans")).as("$select kept in the delta link").isFalse();

        t.expireDeltaTokens();
        Http.Reply gone = http.get(token, changes.get("@odata.deltaLink").asText());
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.json().at("/error/code").asText()).isEqualTo("SyncStateNotFound");
    }

    @Test
    void the_app_registration_wizard_can_run_end_to_end() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        Http.Reply app = http.post(token, "/applications", "{\"displayName\":\"OpConnect01\"}");
        assertThat(app.status()).isEqualTo(201);
        String objectId = app.json().get("id").asText();
        String appId = app.json().get("appId").asText();

        Http.Reply secret = http.post(token, "/applications/" + objectId + "/addPassword",
                "{\"passwordCredential\":{\"displayName\":\"svc-oc\",\"endDateTime\":\"2027-12-31T00:00:00Z\"}}");
        String secretText = secret.json().get("secretText").asText();
        assertThat(secretText).startsWith(secret.json().get("hint").asText());

        Http.Reply noSp = http.token(TENANT, appId, secretText);
        assertThat(noSp.json().get("error_codes").get(0).asInt()).isEqualTo(7000229);

        String sp = http.post(token, "/servicePrincipals", "{\"appId\":\"" + appId + "\"}").json().get("id").asText();
        String graphSp = http.get(token, "/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')").json()
                .get("id").asText();
        Http.Reply grant = http.post(token, "/servicePrincipals/" + sp + "/appRoleAssignments",
                "{\"principalId\":\"" + sp + "\",\"resourceId\":\"" + graphSp + "\",\"appRoleId\":\""
                        + GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL.appRoleId() + "\"}");
        assertThat(grant.status()).isEqualTo(201);
        Http.Reply role = http.post(token, "/roleManagement/directory/roleAssignments", "{\"principalId\":\"" + sp
                + "\",\"roleDefinitionId\":\"" + DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR.templateId()
                + "\",\"directoryScopeId\":\"/\"}");
        assertThat(role.status()).isEqualTo(201);

        Http.Reply newToken = http.token(TENANT, appId, secretText);
        assertThat(newToken.status()).isEqualTo(200);
        assertThat(Jwt.parse(newToken.json().get("access_token").asText()).orElseThrow().claims().get("roles")
                .toString()).contains("TeamsTelephoneNumber.ReadWrite.All");
        ClientId created = ClientId.parse(appId);
        assertThat(sim.tenant(TENANT).roles(created).orElseThrow())
                .containsExactly(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR);

        // least privilege: remove what onboarding needed, then the secret
        assertThat(http.send(token, "DELETE", "/roleManagement/directory/roleAssignments/"
                + role.json().get("id").asText(), null).status()).isEqualTo(204);
        assertThat(http.send(token, "DELETE", "/servicePrincipals/" + sp + "/appRoleAssignments/"
                + grant.json().get("id").asText(), null).status()).isEqualTo(204);
        assertThat(sim.tenant(TENANT).grantedPermissions(created).orElseThrow()).isEmpty();
        assertThat(http.post(token, "/applications/" + objectId + "/removePassword", "{\"keyId\":\""
                + secret.json().get("keyId").asText() + "\"}").status()).isEqualTo(204);
        assertThat(http.token(TENANT, appId, secretText).status()).isEqualTo(401);
        assertThat(http.get(token, "/applications?$filter=displayName%20eq%20'OpConnect01'").json().get("value"))
                .hasSize(1);
    }

    @Test
    void certificates_are_set_by_patch_then_rolled_with_add_key_and_a_proof() throws Exception {
        String objectId = http.post(token, "/applications", "{\"displayName\":\"certapp\"}").json().get("id").asText();
        TestCertificates.Issued first = TestCertificates.selfSigned("RSA", "first", Instant.now().plus(
                Duration.ofDays(365)));
        TestCertificates.Issued second = TestCertificates.selfSigned("RSA", "second", Instant.now().plus(
                Duration.ofDays(730)));
        String firstKey = Base64.getEncoder().encodeToString(first.certificate().getEncoded());
        String secondKey = Base64.getEncoder().encodeToString(second.certificate().getEncoded());

        assertThat(http.send(token, "PATCH", "/applications/" + objectId, "{\"keyCredentials\":[{\"type\":"
                + "\"AsymmetricX509Cert\",\"usage\":\"Verify\",\"key\":\"" + firstKey + "\"}]}").status())
                .isEqualTo(204);
        String proof = Jwt.sign(Map.of(), Map.of("aud", "00000002-0000-0000-c000-000000000000", "iss", objectId,
                "exp", Instant.now().getEpochSecond() + 600), first.keys().getPrivate());
        Http.Reply added = http.post(token, "/applications/" + objectId + "/addKey", "{\"keyCredential\":{\"type\":"
                + "\"AsymmetricX509Cert\",\"usage\":\"Verify\",\"key\":\"" + secondKey + "\"},\"passwordCredential\":"
                + "null,\"proof\":\"" + proof + "\"}");
        assertThat(added.status()).isEqualTo(200);
        assertThat(http.get(token, "/applications/" + objectId).json().get("keyCredentials")).hasSize(2);

        TestCertificates.Issued stranger = TestCertificates.selfSigned("RSA", "stranger", Instant.now().plus(
                Duration.ofDays(30)));
        String forged = Jwt.sign(Map.of(), Map.of("aud", "00000002-0000-0000-c000-000000000000", "exp",
                Instant.now().getEpochSecond() + 600), stranger.keys().getPrivate());
        assertThat(http.post(token, "/applications/" + objectId + "/addKey", "{\"keyCredential\":{\"key\":\""
                + secondKey + "\"},\"proof\":\"" + forged + "\"}").status()).isEqualTo(400);
    }

    @Test
    void a_custom_domain_verifies_only_once_its_txt_record_is_published() throws Exception {
        assertThat(http.post(token, "/domains", "{\"id\":\"voice.contoso.com\"}").status()).isEqualTo(201);
        JsonNode records = http.get(token, "/domains/voice.contoso.com/verificationDnsRecords").json();
        String txt = records.at("/value/0/text").asText();
        assertThat(records.at("/value/0/@odata.type").asText()).isEqualTo("#microsoft.graph.domainDnsTxtRecord");

        assertThat(http.post(token, "/domains/voice.contoso.com/verify", "{}").status()).isEqualTo(400);
        CLOUD.simulator().tenant(TENANT).publishDnsTxt("voice.contoso.com", txt);
        Http.Reply verified = http.post(token, "/domains/voice.contoso.com/verify", "{}");
        assertThat(verified.json().get("isVerified").asBoolean()).isTrue();
        assertThat(CLOUD.simulator().tenant(TENANT).verifiedDomains()).contains("voice.contoso.com");
        assertThat(http.send(token, "DELETE", "/domains/voice.contoso.com", null).status()).isEqualTo(204);
    }

    @Test
    void batches_run_each_request_on_its_own_and_fail_dependants_with_424() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        // a user read costs 2 resource units, an organization read 1: 2 + 2 + 1 of 5, then the budget is spent
        sim.faults().throttlePerAppAndTenant(new Faults.Throttling(5, 0.1));
        String body = "{\"requests\":["
                + "{\"id\":\"1\",\"method\":\"GET\",\"url\":\"/users/user1@contoso.onmicrosoft.com\"},"
                + "{\"id\":\"2\",\"method\":\"GET\",\"url\":\"/users/nobody@contoso.onmicrosoft.com\"},"
                + "{\"id\":\"3\",\"method\":\"GET\",\"url\":\"/organization\",\"dependsOn\":[\"2\"]},"
                + "{\"id\":\"4\",\"method\":\"GET\",\"url\":\"/organization\"},"
                + "{\"id\":\"5\",\"method\":\"GET\",\"url\":\"/organization\"}]}";
        JsonNode out = http.post(token, "/$batch", body).json();

        Map<String, Integer> status = new java.util.HashMap<>();
        out.get("responses").forEach(r -> status.put(r.get("id").asText(), r.get("status").asInt()));
        assertThat(status).containsEntry("1", 200).containsEntry("2", 404).containsEntry("3", 424)
                .containsEntry("4", 200).containsEntry("5", 429);
        assertThat(out.get("responses").get(4).at("/headers/Retry-After").asText()).isNotEmpty();

        StringBuilder tooMany = new StringBuilder("{\"requests\":[");
        for (int i = 0; i < 21; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\",\"method\":\"GET\",\"url\":"
                    + "\"/organization\"}");
        }
        assertThat(http.post(token, "/$batch", tooMany + "]}").status()).isEqualTo(400);
    }

    @Test
    void role_definitions_list_the_built_in_roles_by_template_id() throws Exception {
        JsonNode defs = http.get(token, "/roleManagement/directory/roleDefinitions").json();
        assertThat(defs.get("value").toString()).contains("aa38014f-0993-46e9-9b45-30501a20909d");
    }
}
