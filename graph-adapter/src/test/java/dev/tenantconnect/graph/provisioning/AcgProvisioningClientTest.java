package dev.tenantconnect.graph.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.MissingPrivilegesException;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.provisioning.NumberUpload;
import dev.tenantconnect.core.provisioning.SyncStatus;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.resilience.RetryingTransportPolicy;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.testkit.Faults;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AcgProvisioningClientTest {
    static final TenantId CUSTOMER = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");
    static final TenantId OPERATOR = TenantId.parse("75f9fed4-d8e9-4c90-bc28-523cfdb83244");
    static final ClientId OPERATOR_APP = ClientId.parse("75f9fed4-0000-4000-8000-0000000000a1");
    static final Secret SECRET = Secret.of("operator-secret");

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> {
        sim.tenant(CUSTOMER).displayName("Contoso");
        sim.tenant(OPERATOR).displayName("Operator").app(OPERATOR_APP)
                .secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
        sim.consent(CUSTOMER, "SG");
    });

    private AcgProvisioningClient acg;

    @BeforeEach
    void wire() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        GraphConnector graph = connector(sim, ResiliencePolicies.builder(Clock.systemUTC(), Sleeper.system())
                        .transport(RetryingTransportPolicy.builder().maxAttempts(6).baseDelay(Duration.ofMillis(50))
                                .build()).build());
        acg = AcgProvisioningClient.builder().connector(graph)
                .endpoint(URI.create(sim.provisioningBaseUrl()), MicrosoftCloudSimulator.PROVISIONING_SCOPE)
                .operator(OPERATOR, ClientSecretCredential.of(OPERATOR_APP, SECRET, Instant.now().plusSeconds(3600)))
                .build();
    }

    private static List<NumberUpload> uploads(String range, String country) {
        List<NumberUpload> out = new ArrayList<>();
        for (PhoneNumber n : PhoneNumberRange.parse(range)) {
            out.add(new NumberUpload(n, country, NumberUsage.USER, List.of("InboundCalling", "OutboundCalling"),
                    Optional.empty()));
        }
        return out;
    }

    @Test
    void consents_say_which_tenants_chose_the_operator_for_which_countries() {
        assertThat(acg.consents()).singleElement().satisfies(c -> {
            assertThat(c.tenant()).isEqualTo(CUSTOMER);
            assertThat(c.allows("SG")).isTrue();
            assertThat(c.allows("GB")).isFalse();
        });
    }

    @Test
    void uploads_are_batched_by_100_and_sync_into_the_customer_tenant() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        List<SyncStatus> uploaded = acg.upload(CUSTOMER, uploads("+6567891200..+6567891349", "SG"));

        assertThat(uploaded).hasSize(150).allMatch(s -> s.state() == SyncStatus.State.PENDING
                || s.state() == SyncStatus.State.SYNCED);
        assertThat(sim.journal().count("provisioning.accounts.createOrUpdateNumbers")).isEqualTo(2);
        assertThat(acg.status(CUSTOMER, PhoneNumber.parse("+6567891349")).state()).isEqualTo(SyncStatus.State.SYNCED);
        assertThat(sim.tenant(CUSTOMER).number(PhoneNumber.parse("+6567891300")).orElseThrow().numberType())
                .isEqualTo("operatorConnect");

        acg.release(CUSTOMER, List.of(PhoneNumber.parse("+6567891300")));
        assertThat(sim.tenant(CUSTOMER).number(PhoneNumber.parse("+6567891300"))).isEmpty();
    }

    @Test
    void uploads_and_releases_are_audited_per_number_as_the_acting_operator_and_a_refused_release_as_failed()
            throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        dev.tenantconnect.core.audit.InMemoryAuditSink sink = new dev.tenantconnect.core.audit.InMemoryAuditSink();
        GraphConnector graph = GraphConnector.builder()
                .cloud(dev.tenantconnect.graph.CloudEnvironment.custom(URI.create(sim.baseUrl()),
                        URI.create(sim.graphBaseUrl())))
                .trust(sim.sslContext(), sim.trustManager())
                .resilience(ResiliencePolicies.builder(Clock.systemUTC(), Sleeper.system())
                        .transport(RetryingTransportPolicy.builder().maxAttempts(2).baseDelay(Duration.ofMillis(20))
                                .build()).build())
                .audit(new dev.tenantconnect.core.audit.Auditor(sink, () -> "tenantconnect", Clock.systemUTC()))
                .build();
        AcgProvisioningClient audited = AcgProvisioningClient.builder().connector(graph)
                .endpoint(URI.create(sim.provisioningBaseUrl()), MicrosoftCloudSimulator.PROVISIONING_SCOPE)
                .operator(OPERATOR, ClientSecretCredential.of(OPERATOR_APP, SECRET, Instant.now().plusSeconds(3600)))
                .build();
        Instant start = Instant.now().minusSeconds(1);
        PhoneNumber a = PhoneNumber.parse("+6567891360");
        PhoneNumber b = PhoneNumber.parse("+6567891361");

        dev.tenantconnect.core.audit.Auditor.actingAs("ops@operator.example", () -> {
            audited.upload(CUSTOMER, uploads("+6567891360..+6567891361", "SG"));
            audited.release(CUSTOMER, List.of(a, b));
            return null;
        });
        assertThat(sim.tenant(CUSTOMER).number(a)).isEmpty();
        long releases = sim.journal().entries(e -> e.api().equals("provisioning") && e.path().endsWith(
                ":deleteNumbers") && e.status() / 100 == 2).size();
        assertThat(releases).isEqualTo(1);

        List<dev.tenantconnect.core.audit.AuditEvent> events = sink.find(CUSTOMER, start);
        assertThat(events).filteredOn(e -> e.action() == dev.tenantconnect.core.audit.AuditAction.NUMBER_RELEASE)
                .extracting(dev.tenantconnect.core.audit.AuditEvent::target).containsExactly(a.e164(), b.e164());
        assertThat(events).filteredOn(e -> e.action() == dev.tenantconnect.core.audit.AuditAction.NUMBER_UPLOAD)
                .hasSize(2);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.principal()).isEqualTo("ops@operator.example");
            assertThat(e.result()).isEqualTo(dev.tenantconnect.core.audit.AuditResult.SUCCEEDED);
            assertThat(e.toString()).doesNotContain(SECRET.revealAsString());
        });

        // a release the provisioning API refuses (server errors on every attempt) is audited as failed
        sim.faults().serverErrors(1.0);
        try {
            assertThatThrownBy(() -> audited.release(CUSTOMER, List.of(PhoneNumber.parse("+6567891362"))))
                    .isInstanceOf(dev.tenantconnect.core.error.TenantConnectException.class);
        } finally {
            sim.faults().serverErrors(0);
        }
        assertThat(sink.find(CUSTOMER, start)).filteredOn(e -> e.target().equals("+6567891362")).singleElement()
                .satisfies(e -> {
                    assertThat(e.action()).isEqualTo(dev.tenantconnect.core.audit.AuditAction.NUMBER_RELEASE);
                    assertThat(e.result()).isEqualTo(dev.tenantconnect.core.audit.AuditResult.FAILED);
                    assertThat(e.principal()).isEqualTo("tenantconnect");
                    assertThat(e.detail()).isNotBlank();
                });
    }

    @Test
    void upload_groups_one_after_the_other_read_the_consents_and_the_account_once_and_a_new_country_afresh() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        sim.journal().clear();

        acg.upload(CUSTOMER, uploads("+6567891400..+6567891424", "SG"));
        acg.upload(CUSTOMER, uploads("+6567891425..+6567891474", "SG"));
        acg.upload(CUSTOMER, uploads("+6567891475..+6567891574", "SG"));

        assertThat(sim.journal().count("provisioning.rfi.get")).as("consents read by the first group only")
                .isEqualTo(1);
        assertThat(sim.journal().count("provisioning.accounts.get") + sim.journal().count("provisioning.accounts.put"))
                .as("the account made sure of by the first group only").isBetween(1L, 2L);
        assertThat(sim.journal().count("provisioning.accounts.createOrUpdateNumbers")).isEqualTo(3);

        // what is remembered does not cover a country consented since: the consents are read again, not refused
        sim.consent(CUSTOMER, "SG", "GB");
        acg.upload(CUSTOMER, uploads("+442079460100..+442079460101", "GB"));
        assertThat(sim.journal().count("provisioning.rfi.get")).isEqualTo(2);
    }

    @Test
    void getting_ready_to_upload_makes_sure_of_the_account_once_and_the_upload_after_it_does_not_again() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        sim.journal().clear();

        acg.prepareUpload(CUSTOMER);
        long madeSure = sim.journal().count("provisioning.accounts.get");
        acg.prepareUpload(CUSTOMER);
        acg.upload(CUSTOMER, uploads("+6567891600..+6567891601", "SG"));

        assertThat(madeSure).as("the account read once when nothing is remembered").isEqualTo(1);
        assertThat(sim.journal().count("provisioning.accounts.get")).as("then trusted, as an upload trusts it")
                .isEqualTo(1);
        assertThat(sim.journal().count("provisioning.accounts.createOrUpdateNumbers")).isEqualTo(1);
    }

    @Test
    void numbers_of_a_country_without_consent_are_refused_before_any_call() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        List<NumberUpload> mixed = new ArrayList<>(uploads("+6567891200..+6567891201", "SG"));
        mixed.addAll(uploads("+442079460000..+442079460001", "GB"));

        assertThatThrownBy(() -> acg.upload(CUSTOMER, mixed)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("(GB)").hasMessageNotContaining("2079460000");
        assertThat(sim.journal().count("provisioning.accounts.createOrUpdateNumbers")).isZero();
    }

    @Test
    void a_rejected_number_reports_its_errors_and_throttling_is_retried() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        sim.faults().failProvisioningFor("+6567891205");
        // two at once, then one a second: the five calls of an upload and two reads meet it however slow the machine
        sim.faults().provisioningRateLimit(new Faults.Throttling(2, 1.0));

        acg.upload(CUSTOMER, uploads("+6567891204..+6567891205", "SG"));
        SyncStatus failed = acg.status(CUSTOMER, PhoneNumber.parse("+6567891205"));
        SyncStatus ok = acg.status(CUSTOMER, PhoneNumber.parse("+6567891204"));

        assertThat(failed.state()).isEqualTo(SyncStatus.State.FAILED);
        assertThat(failed.errors()).singleElement().satisfies(e -> assertThat(e).contains("rejected"));
        assertThat(ok.state()).isEqualTo(SyncStatus.State.SYNCED);
        assertThat(sim.journal().countStatus(429)).isPositive();
    }

    @Test
    void a_retried_upload_gets_the_original_answer_and_is_applied_once() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        acg.ensureAccount(CUSTOMER);
        sim.faults().dropNextProvisioningWriteAnswers(1);

        List<SyncStatus> uploaded = acg.upload(CUSTOMER, uploads("+6567891210..+6567891211", "SG"));

        assertThat(uploaded).extracting(SyncStatus::number).containsExactly(PhoneNumber.parse("+6567891210"),
                PhoneNumber.parse("+6567891211"));
        assertThat(sim.journal().count("provisioning.accounts.createOrUpdateNumbers")).as("sent, lost, sent again")
                .isEqualTo(2);
        assertThat(sim.repeatabilityReplays()).as("the repeat was answered from the first, not applied again")
                .isEqualTo(1);
    }

    @Test
    void account_settings_other_tools_made_are_kept_and_an_account_as_wanted_is_not_written() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        String name = AcgProvisioningClient.accountName(CUSTOMER);
        sim.seedProvisioningAccount("{\"name\":\"" + name + "\",\"correlationId\":\"crm-4711\",\"serviceDetails\":{"
                + "\"teamsTenantId\":\"" + CUSTOMER.value() + "\",\"teamsPhoneMobile\":{\"syncEnabled\":false,"
                + "\"enabled\":true}}}");

        acg.ensureAccount(CUSTOMER);
        var account = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sim.provisioningAccount(name)
                .orElseThrow());
        assertThat(account.at("/correlationId").asText()).isEqualTo("crm-4711");
        assertThat(account.at("/serviceDetails/teamsPhoneMobile/enabled").asBoolean()).isTrue();
        assertThat(account.at("/serviceDetails/teamsPhoneMobile/syncEnabled").asBoolean()).as("as the other tool left it")
                .isFalse();
        assertThat(account.at("/serviceDetails/teamsOperatorConnect/enabled").asBoolean()).isTrue();
        assertThat(account.at("/serviceDetails/teamsOperatorConnect/syncEnabled").asBoolean()).isTrue();
        assertThat(sim.journal().count("provisioning.accounts.put")).isEqualTo(1);

        acg.ensureAccount(CUSTOMER);
        assertThat(sim.journal().count("provisioning.accounts.put")).as("already as wanted: read only").isEqualTo(1);
    }

    @Test
    void repeatability_first_sent_is_an_imf_fixdate_with_a_two_digit_day() {
        assertThat(AcgProvisioningClient.IMF_FIXDATE.format(Instant.parse("2026-12-06T03:04:05Z")))
                .isEqualTo("Sun, 06 Dec 2026 03:04:05 GMT");
    }

    @Test
    void a_next_link_elsewhere_or_over_http_is_not_followed() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        for (String link : List.of("https://provisioning.example.net/teamsRequestsForInformation?skip=1",
                sim.provisioningBaseUrl().replace("https://", "http://") + "/teamsRequestsForInformation?skip=1")) {
            sim.faults().reset();
            sim.faults().rewriteResponses("GET", ".*/teamsRequestsForInformation",
                    body -> body.substring(0, body.lastIndexOf('}')) + ",\"nextLink\":\"" + link + "\"}");
            assertThatThrownBy(acg::consents).isInstanceOfSatisfying(
                    dev.tenantconnect.core.error.MalformedResponseException.class,
                    e -> assertThat(e.field()).isEqualTo("$.nextLink"));
        }
        sim.faults().reset();
    }

    @Test
    void a_403_from_the_provisioning_api_is_missing_privileges_naming_the_app_roles_that_allow_the_call()
            throws Exception {
        // a stand-in for the API that refuses everything, as it does an app without the API's app role
        com.sun.net.httpserver.HttpServer refusing = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        refusing.createContext("/", exchange -> {
            calls.incrementAndGet();
            byte[] body = "{\"error\":{\"code\":\"Forbidden\",\"message\":\"no role\"}}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        refusing.start();
        try {
            MicrosoftCloudSimulator sim = CLOUD.simulator();
            AcgProvisioningClient refused = AcgProvisioningClient.builder()
                    .connector(connector(sim,
                            ResiliencePolicies.builder(Clock.systemUTC(), Sleeper.system()).build()))
                    .endpoint(URI.create("http://127.0.0.1:" + refusing.getAddress().getPort()),
                            MicrosoftCloudSimulator.PROVISIONING_SCOPE)
                    .operator(OPERATOR, ClientSecretCredential.of(OPERATOR_APP, SECRET,
                            Instant.now().plusSeconds(3600)))
                    .build();

            assertThatThrownBy(refused::consents).isInstanceOfSatisfying(MissingPrivilegesException.class, e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.getMessage()).contains("403 Forbidden", "ProvisioningAPI.Read", "ProvisioningAPI.Admin")
                        .doesNotContain("ProvisioningAPI.Write");
            });
            assertThatThrownBy(() -> refused.release(CUSTOMER, List.of(PhoneNumber.parse("+6567891300"))))
                    .isInstanceOf(MissingPrivilegesException.class)
                    .hasMessageContaining("ProvisioningAPI.Delete").hasMessageNotContaining("ProvisioningAPI.Write");
            assertThat(calls.get()).as("a refusal is not retried").isEqualTo(2);
        } finally {
            refusing.stop(0);
        }
    }

    /** A connector to the simulator: its URLs and the certificate to trust (only it). */
    private static GraphConnector connector(MicrosoftCloudSimulator sim, ResiliencePolicies policies) {
        return GraphConnector.builder()
                .cloud(dev.tenantconnect.graph.CloudEnvironment.custom(URI.create(sim.baseUrl()),
                        URI.create(sim.graphBaseUrl())))
                .trust(sim.sslContext(), sim.trustManager()).resilience(policies).build();
    }
}
