package dev.tenantconnect.testkit;

import static dev.tenantconnect.testkit.Seeds.CLIENT;
import static dev.tenantconnect.testkit.Seeds.SECRET;
import static dev.tenantconnect.testkit.Seeds.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator provisioning API, with every request and response checked against Microsoft's swagger
 * (swagger-request-validator).
 */
class ProvisioningApiTest {
    private static final TenantId OPERATOR = TenantId.parse("75f9fed4-d8e9-4c90-bc28-523cfdb83244");
    private static final ClientId OPERATOR_APP = ClientId.parse("75f9fed4-0000-4000-8000-0000000000a1");
    /** Read inline: in a packaged build the specification sits in a jar, whose URL the loader cannot open. */
    private static final OpenApiInteractionValidator SWAGGER = OpenApiInteractionValidator
            .createForInlineApiSpecification(swagger())
            .withBasePathOverride("/provisioning")
            .build();

    private static String swagger() {
        try (var in = Objects.requireNonNull(ProvisioningApiTest.class.getResourceAsStream(
                "/reference/acg-provisioning-2024-02-29-preview.swagger.json"), "the swagger on the class path")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> {
        Seeds.contoso(sim, 2);
        sim.tenant(OPERATOR).displayName("Operator").app(OPERATOR_APP).secret(
                dev.tenantconnect.core.credential.Secret.of(SECRET), java.time.Instant.now().plusSeconds(3600));
        sim.consent(TENANT, "SG");
    });

    private HttpClient http;
    private String token;
    private int validated;

    @BeforeEach
    void connect() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        http = HttpClient.newBuilder().sslContext(sim.sslContext()).build();
        String form = "grant_type=client_credentials&client_id=" + OPERATOR_APP.value() + "&client_secret=" + SECRET
                + "&scope=" + URLEncoder.encode(MicrosoftCloudSimulator.PROVISIONING_SCOPE, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.tokenEndpoint(OPERATOR)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        token = Http.JSON.readTree(r.body()).get("access_token").asText();
    }

    /** Calls the API and checks the exchange against the swagger. */
    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return call(method, path, body, true);
    }

    /** As {@link #call(String, String, String)}; deliberately invalid requests check only the response. */
    private HttpResponse<String> call(String method, String path, String body, boolean validRequest)
            throws Exception {
        return call(method, path, body, validRequest, new String[0]);
    }

    /** As {@link #call(String, String, String, boolean)}, with extra request headers (name, value, ...). */
    private HttpResponse<String> call(String method, String path, String body, boolean validRequest,
            String... headers) throws Exception {
        String query = "api-version=2024-02-29-preview";
        URI uri = URI.create(CLOUD.simulator().provisioningBaseUrl() + path + "?" + query);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        String contentType = method.equals("PATCH") ? "application/merge-patch+json" : "application/json";
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        SimpleRequest.Builder req = new SimpleRequest.Builder(method, "/provisioning" + path)
                .withQueryParam("api-version", "2024-02-29-preview");
        if (body != null) {
            req.withBody(body).withContentType(contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            // the swagger emits Azure.Core's Repeatability-First-Sent as "date-time", but Azure.Core encodes it as
            // an RFC 7231 IMF-fixdate (learn.microsoft.com/rest/api/communication/repeatable-requests): the
            // simulator checks that format itself (400 otherwise), so the swagger's ISO check is not applied to it
            if (!headers[i].equals("Repeatability-First-Sent")) {
                req.withHeader(headers[i], headers[i + 1]);
            }
        }
        SimpleResponse.Builder resp = SimpleResponse.Builder.status(r.statusCode());
        r.headers().map().forEach((k, v) -> resp.withHeader(k, v));
        if (!r.body().isEmpty()) {
            resp.withBody(r.body());
        }
        ValidationReport report = validRequest ? SWAGGER.validate(req.build(), resp.build())
                : SWAGGER.validateResponse("/provisioning" + path,
                        com.atlassian.oai.validator.model.Request.Method.valueOf(method), resp.build());
        assertThat(report.getMessages()).as("swagger conformance of %s %s -> %s", method, path, r.body())
                .filteredOn(m -> m.getLevel() == ValidationReport.Level.ERROR).isEmpty();
        validated++;
        return r;
    }

    private JsonNode json(HttpResponse<String> r) throws Exception {
        return Http.JSON.readTree(r.body());
    }

    private static String numbers(String... e164) {
        StringBuilder b = new StringBuilder("{\"numbers\":[");
        for (int i = 0; i < e164.length; i++) {
            b.append(i == 0 ? "" : ",").append("{\"telephoneNumber\":\"").append(e164[i]).append("\",\"accountName\":"
                    + "\"contoso\",\"serviceDetails\":{\"teamsOperatorConnect\":{\"enabled\":true,\"assignmentStatus\":"
                    + "\"unassigned\",\"configuration\":{\"usage\":\"CallingUserAssignment\",\"choosableCapabilities\":"
                    + "[\"InboundCalling\",\"OutboundCalling\"]}}}}");
        }
        return b.append("]}").toString();
    }

    private void createAccount() throws Exception {
        HttpResponse<String> r = call("PUT", "/accounts/contoso", "{\"name\":\"contoso\",\"correlationId\":\"c1\","
                + "\"serviceDetails\":{\"teamsTenantId\":\"" + TENANT.value() + "\",\"teamsOperatorConnect\":"
                + "{\"enabled\":true,\"syncEnabled\":true}}}");
        assertThat(r.statusCode()).isIn(200, 201);
    }

    @Test
    void a_consenting_tenant_gets_an_account_and_uploaded_numbers_appear_in_its_teams_inventory() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        sim.faults().provisioningSyncDelay(Duration.ofHours(1));
        JsonNode rfis = json(call("GET", "/teamsRequestsForInformation", null));
        assertThat(rfis.at("/value/0/tenantId").asText()).isEqualTo(TENANT.value());
        createAccount();

        JsonNode batch = json(call("POST", "/accounts/contoso:createOrUpdateNumbers",
                numbers("+6590000001", "+6590000002")));
        assertThat(batch.at("/numbers/0/serviceProvisioningStatus").asText()).isEqualTo("pending");
        assertThat(sim.tenant(TENANT).number(PhoneNumber.parse("+6590000001"))).isEmpty();

        sim.faults().provisioningSyncDelay(Duration.ZERO);
        JsonNode one = json(call("GET", "/accounts/contoso/numbers/%2B6590000001", null));
        assertThat(one.get("serviceProvisioningStatus").asText()).isEqualTo("synced");
        assertThat(sim.tenant(TENANT).number(PhoneNumber.parse("+6590000002")).orElseThrow().numberType())
                .isEqualTo("operatorConnect");
        assertThat(json(call("GET", "/accounts/contoso", null)).at("/serviceDetails/teamsOperatorConnect/numberCount")
                .asInt()).isEqualTo(2);
        assertThat(json(call("GET", "/accounts/contoso/numbers", null)).get("value")).hasSize(2);
        assertThat(validated).isGreaterThanOrEqualTo(6);
    }

    @Test
    void an_account_put_replaces_it_goes_pending_then_synced_and_honours_its_etag() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        sim.faults().provisioningSyncDelay(Duration.ofHours(1));
        HttpResponse<String> created = call("PUT", "/accounts/contoso", "{\"name\":\"contoso\",\"correlationId\":"
                + "\"crm-7\",\"serviceDetails\":{\"teamsTenantId\":\"" + TENANT.value() + "\",\"teamsOperatorConnect\":"
                + "{\"enabled\":true,\"syncEnabled\":true}}}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("serviceProvisioningStatus").asText()).isEqualTo("pending");
        String etag = created.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> stale = call("PUT", "/accounts/contoso", "{\"name\":\"contoso\"}", true, "If-Match",
                "\"stale\"");
        assertThat(stale.statusCode()).as("If-Match on a changed account").isEqualTo(412);
        assertThat(call("PUT", "/accounts/contoso", "{\"name\":\"contoso\"}", true, "If-None-Match", "*")
                .statusCode()).as("If-None-Match: * on an existing account").isEqualTo(412);

        HttpResponse<String> replaced = call("PUT", "/accounts/contoso", "{\"name\":\"contoso\",\"serviceDetails\":"
                + "{\"teamsTenantId\":\"" + TENANT.value() + "\",\"teamsOperatorConnect\":{\"enabled\":true,"
                + "\"syncEnabled\":true}}}", true, "If-Match", etag);
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(json(replaced).has("correlationId")).as("PUT replaces: a field left out is gone").isFalse();

        sim.faults().provisioningSyncDelay(Duration.ZERO);
        assertThat(json(call("GET", "/accounts/contoso", null)).get("serviceProvisioningStatus").asText())
                .isEqualTo("synced");
    }

    @Test
    void a_repeated_write_returns_the_original_answer_and_is_applied_once() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        createAccount();
        call("POST", "/accounts/contoso:createOrUpdateNumbers", numbers("+6590000030"));
        String id = java.util.UUID.randomUUID().toString();
        String now = Repeatability.IMF_FIXDATE.format(java.time.Instant.now());
        String release = "{\"numbers\":[{\"telephoneNumber\":\"+6590000030\"}]}";
        HttpResponse<String> first = call("POST", "/accounts/contoso:deleteNumbers", release, true,
                "Repeatability-Request-ID", id, "Repeatability-First-Sent", now);
        assertThat(first.statusCode()).isEqualTo(204);
        assertThat(first.headers().firstValue("Repeatability-Result")).hasValue("accepted");

        HttpResponse<String> replay = call("POST", "/accounts/contoso:deleteNumbers", release, true,
                "Repeatability-Request-ID", id, "Repeatability-First-Sent", now);
        assertThat(replay.statusCode()).as("the original answer, not 404 for a number already gone").isEqualTo(204);
        assertThat(call("POST", "/accounts/contoso:deleteNumbers", release, true).statusCode())
                .as("without the header the write runs again").isEqualTo(404);

        assertThat(call("POST", "/accounts/contoso:deleteNumbers", "{\"numbers\":[{\"telephoneNumber\":"
                + "\"+6590000031\"}]}", true, "Repeatability-Request-ID", id, "Repeatability-First-Sent", now)
                .statusCode()).as("the same ID for another request").isEqualTo(400);
        assertThat(call("POST", "/accounts/contoso:deleteNumbers", release, true, "Repeatability-Request-ID",
                java.util.UUID.randomUUID().toString(), "Repeatability-First-Sent", Repeatability.IMF_FIXDATE.format(
                        java.time.Instant.now().minus(Duration.ofMinutes(6)))).statusCode())
                .as("first sent before the tracked 5 minutes").isEqualTo(412);
        assertThat(call("POST", "/accounts/contoso:deleteNumbers", release, false, "Repeatability-Request-ID",
                java.util.UUID.randomUUID().toString(), "Repeatability-First-Sent", "Sun, 6 Dec 2026 03:04:05 GMT")
                .statusCode()).as("a one-digit day is not an IMF-fixdate").isEqualTo(400);
        assertThat(sim.journal().count("provisioning.accounts.deleteNumbers")).isEqualTo(6);
    }

    @Test
    void without_consent_numbers_fail_to_sync() throws Exception {
        CLOUD.simulator().consentStatus(TENANT, "removed");
        createAccount();
        call("POST", "/accounts/contoso:createOrUpdateNumbers", numbers("+6590000003"));

        JsonNode n = json(call("GET", "/accounts/contoso/numbers/%2B6590000003", null));
        assertThat(n.get("serviceProvisioningStatus").asText()).isEqualTo("failed");
        assertThat(n.at("/serviceProvisioningErrors/0/message").asText()).contains("consented");
    }

    @Test
    void batches_hold_at_most_100_numbers_and_a_bad_number_applies_nothing() throws Exception {
        createAccount();
        String[] many = new String[101];
        for (int i = 0; i < many.length; i++) {
            many[i] = "+65910" + String.format("%05d", i);
        }
        HttpResponse<String> tooMany = call("POST", "/accounts/contoso:createOrUpdateNumbers", numbers(many), false);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json(tooMany).at("/error/code").asText()).isEqualTo("TooManyNumbers");

        HttpResponse<String> bad = call("POST", "/accounts/contoso:createOrUpdateNumbers",
                numbers("+6590000010", "+65ABC"), false);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(call("GET", "/accounts/contoso/numbers", null)).get("value")).isEmpty();
    }

    @Test
    void releasing_an_assigned_number_is_refused_until_it_is_unassigned() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        createAccount();
        call("POST", "/accounts/contoso:createOrUpdateNumbers", numbers("+6590000020", "+6590000021"));
        call("GET", "/accounts/contoso/numbers", null);
        Http graph = new Http(sim);
        String g = graph.accessToken(TENANT);
        String user = graph.get(g, "/users/user1@contoso.onmicrosoft.com").json().get("id").asText();
        graph.post(g, "/admin/teams/telephoneNumberManagement/numberAssignments/assignNumber",
                "{\"telephoneNumber\":\"+6590000020\",\"assignmentTargetId\":\"" + user
                        + "\",\"numberType\":\"operatorConnect\"}");
        graph.get(g, "/admin/teams/telephoneNumberManagement/numberAssignments");

        HttpResponse<String> refused = call("POST", "/accounts/contoso:deleteNumbers",
                "{\"numbers\":[{\"telephoneNumber\":\"+6590000021\"},{\"telephoneNumber\":\"+6590000020\"}]}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(sim.provisioningStatus(PhoneNumber.parse("+6590000021"))).as("nothing half-applied").isPresent();

        assertThat(call("POST", "/accounts/contoso:deleteNumbers", "{\"numbers\":[{\"telephoneNumber\":"
                + "\"+6590000021\"}]}").statusCode()).isEqualTo(204);
        assertThat(sim.tenant(TENANT).number(PhoneNumber.parse("+6590000021"))).isEmpty();
    }

    @Test
    void capability_plans_civic_addresses_and_the_relationship_comment() throws Exception {
        createAccount();
        assertThat(json(call("POST", "/accounts/contoso:getTeamsCapabilityPlans", null)).get("capabilityPlans"))
                .hasSize(3);
        assertThat(json(call("GET", "/accounts/contoso/teamsCivicAddresses", null)).get("value")).as("none seeded")
                .isEmpty();
        CLOUD.simulator().tenant(TENANT).civicAddress(new CivicAddress("8b3d3f40-0c0e-4f3e-9c7a-1d2b3c4d5e6f", "SG",
                "1", "Raffles Place", "Singapore", "048616", "Contoso", "loc-raffles"));
        JsonNode addresses = json(call("GET", "/accounts/contoso/teamsCivicAddresses", null)).get("value");
        assertThat(addresses).singleElement().satisfies(a -> {
            assertThat(a.get("streetName").asText()).isEqualTo("Raffles Place");
            assertThat(a.get("defaultLocationId").asText()).isEqualTo("loc-raffles");
        });
        assertThat(json(call("GET", "/accounts/contoso/teamsCivicAddresses/8b3d3f40-0c0e-4f3e-9c7a-1d2b3c4d5e6f",
                null)).get("cityOrTown").asText()).isEqualTo("Singapore");
        assertThat(json(call("POST", "/accounts/contoso:getTeamsAvailableCapabilities",
                "{\"numbers\":[{\"telephoneNumber\":\"+6590000021\"}]}")).get("availableCapabilities")).isNotEmpty();
        JsonNode patched = json(call("PATCH", "/teamsRequestsForInformation/" + TENANT.value(),
                "{\"customerRelationship\":{\"status\":\"Contacted\",\"comment\":\"called the customer\"}}"));
        assertThat(patched.at("/customerRelationship/comment").asText()).isEqualTo("called the customer");
    }

    @Test
    void the_api_is_rate_limited_and_requires_its_own_token() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        sim.faults().provisioningRateLimit(new Faults.Throttling(2, 0.01));
        assertThat(call("GET", "/accounts", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/accounts", null).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = call("GET", "/accounts", null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();

        String graphToken = new Http(sim).accessToken(TENANT);
        HttpResponse<String> wrongAudience = http.send(HttpRequest.newBuilder(URI.create(sim.provisioningBaseUrl()
                + "/accounts?api-version=2024-02-29-preview")).header("Authorization", "Bearer " + graphToken).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongAudience.statusCode()).isEqualTo(401);
        assertThat(List.of(sim.journal().count("provisioning.accounts.get"))).containsExactly(4L);
    }
}
