package dev.tenantconnect.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.audit.AuditEvent;
import dev.tenantconnect.core.audit.AuditLog;
import dev.tenantconnect.core.audit.AuditResult;
import dev.tenantconnect.core.audit.AuditSink;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.core.job.JournalEntry;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.Faults;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.voice.TenantConnectClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample platform on the starter against the simulated Microsoft cloud: connect, verify, a bulk run over REST
 * while the tenant is throttled; then the health endpoint, a Prometheus scrape whose bulk row counts equal the run's
 * journal and whose 429 counts equal the 429s the simulator served, and an audit row in the application's database
 * for every write the simulator accepted for the tenant — each carrying the operator who called the REST API, also
 * for the writes made on the bulk run's own threads, and none holding a secret (leak scanner over the raw rows).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperatorPlatformApplicationTest {
    static final TenantId CUSTOMER = SampleTenant.CUSTOMER;
    static final TenantId OPERATOR = SampleTenant.OPERATOR;
    static final ClientId APP = SampleTenant.APP;
    static final ClientId OPERATOR_APP = SampleTenant.OPERATOR_APP;
    static final Secret SECRET = SampleTenant.SECRET;

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(SampleTenant::seed);

    @DynamicPropertySource
    static void simulator(DynamicPropertyRegistry registry) throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        Path dir = Files.createTempDirectory("operator-platform");
        Path pem = dir.resolve("simulator.pem");
        StringBuilder b = new StringBuilder();
        for (X509Certificate c : sim.endpoints().trustedCertificates()) {
            b.append("-----BEGIN CERTIFICATE-----\n").append(Base64.getMimeEncoder(64, "\n".getBytes())
                    .encodeToString(c.getEncoded())).append("\n-----END CERTIFICATE-----\n");
        }
        Files.writeString(pem, b);
        Path key = dir.resolve("store.key");
        Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:platform;DB_CLOSE_DELAY=-1");
        registry.add("tenantconnect.endpoints.login", () -> sim.endpoints().loginEndpoint().toString());
        registry.add("tenantconnect.endpoints.graph", () -> sim.endpoints().graphBaseUrl().toString());
        registry.add("tenantconnect.endpoints.trust-certificates", pem::toString);
        registry.add("tenantconnect.store-key.env", () -> "");
        registry.add("tenantconnect.store-key.file", key::toString);
        registry.add("tenantconnect.provisioning.endpoint", sim::provisioningBaseUrl);
        registry.add("tenantconnect.provisioning.scope", () -> MicrosoftCloudSimulator.PROVISIONING_SCOPE);
        registry.add("tenantconnect.provisioning.operator-tenant", OPERATOR::value);
        registry.add("operator.jobs-dir", () -> dir.resolve("jobs").toString());
        registry.add("operator.replication.enabled", () -> "false");
        // pacing that never slows below 20 calls/s (set through the starter's properties): the throttled run below
        // meets 429s whatever the machine's pace, so the meters are checked against refusals that really happened
        registry.add("tenantconnect.resilience.min-rate", () -> "20");
    }

    @LocalServerPort
    int port;
    @Autowired
    TenantConnectClient client;
    @Autowired
    AuditSink audit;
    @Autowired
    JobJournal journal;
    @Autowired
    javax.sql.DataSource dataSource;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-Operator", "alice@operator.example");
        if (body != null) {
            r.header("Content-Type", type);
        }
        return http.send(r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double metric(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void a_bulk_run_shows_in_health_prometheus_and_the_audit_trail_as_in_the_simulators_journal() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        client.credentials().create(new CredentialKey(OPERATOR, ServiceId.of("provisioning")),
                ClientSecretCredential.of(OPERATOR_APP, SECRET, Instant.now().plus(Duration.ofDays(90))));
        client.inventory().importNumbers(PhoneNumberRange.parse("+6590000000..+6590000019"),
                NumberAttributes.of("SG", "659000", NumberType.OPERATOR_CONNECT, NumberUsage.USER), "test");
        Instant start = Instant.now().minusSeconds(1);
        sim.journal().clear();

        HttpResponse<String> connected = call("POST", "/tenants/" + CUSTOMER.value() + "/connections/oc-main",
                "application/json", "{\"clientId\":\"" + APP.value() + "\",\"secret\":\"" + SECRET.revealAsString()
                        + "\",\"expiresAt\":\"" + Instant.now().plus(Duration.ofDays(20)) + "\"}");
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);
        assertThat(connected.body()).contains("Contoso").doesNotContain(SECRET.revealAsString());
        // verification and the bulk run meet Graph's throttling: one request at once, five a second for the
        // customer tenant, so back-to-back reads are answered 429 with Retry-After (the refusals counted below)
        sim.faults().throttleTenant(CUSTOMER, new Faults.Throttling(1, 5));
        assertThat(call("GET", "/tenants/" + CUSTOMER.value() + "/connections/oc-main/verification", null, null)
                .statusCode()).isEqualTo(200);
        HttpResponse<String> run = call("POST", "/tenants/" + CUSTOMER.value() + "/connections/oc-main/bulk",
                "text/csv", "Ext Key,Number,User,Addon license 1\r\n"
                        + "1001,6590000010,user1@contoso.onmicrosoft.com,device_import_msteams_OC\r\n"
                        + "1002,6590000011,user2@contoso.onmicrosoft.com,device_import_msteams_OC\r\n");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        String jobId = run.body().replaceAll(".*\"jobId\":\"([^\"]+)\".*", "$1");
        assertThat(call("GET", "/bulk/" + jobId, null, null).body()).contains("\"done\":2");
        sim.faults().throttleTenant(CUSTOMER, Faults.Throttling.OFF);

        // health: the store answers, the two credentials counted (one expiring within 30 days)
        HttpResponse<String> health = call("GET", "/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"credentials\":2")
                .contains("\"expiringWithin30Days\":1").doesNotContain(SECRET.revealAsString());

        // Prometheus: bulk rows by outcome equal the run's journal
        String scrape = call("GET", "/actuator/prometheus", null, null).body();
        List<JournalEntry> entries = journal.read(jobId).orElseThrow().entries();
        for (JournalEntry.Kind kind : List.of(JournalEntry.Kind.DONE, JournalEntry.Kind.FAILED,
                JournalEntry.Kind.SKIPPED)) {
            assertThat(metric(scrape, "tenantconnect_bulk_rows_total{outcome=\""
                    + kind.name().toLowerCase() + "\"}")).as(kind.name())
                    .isEqualTo(entries.stream().filter(e -> e.kind() == kind).count());
        }
        assertThat(scrape).contains("tenantconnect_http_requests_total{").doesNotContain("tenant=\"");
        // 429s: the meters count exactly the refusals the simulator served (and their Retry-After waits)
        long served429 = sim.journal().entries(e -> e.api().equals("graph") && e.status() == 429).size();
        System.out.println("429s served by the simulator: " + served429);
        assertThat(served429).as("429s served by the simulator").isPositive();
        assertThat(metric(scrape, "tenantconnect_http_throttled_total{service=\"graph\"}")).isEqualTo(served429);
        assertThat(metric(scrape, "tenantconnect_http_retry_after_count{service=\"graph\"}"))
                .isEqualTo(served429);
        assertThat(metric(scrape, "tenantconnect_http_requests_total{method=\"POST\",outcome=\"429\","
                + "service=\"graph\"}") + metric(scrape, "tenantconnect_http_requests_total{method=\"GET\","
                + "outcome=\"429\",service=\"graph\"}")).isEqualTo(served429);
        assertThat(scrape).contains("tenantconnect_pacer_rate ");

        // audit: a row for every write the simulator accepted for the tenant, none with a secret
        List<AuditEvent> rows = ((AuditLog) audit).find(CUSTOMER, start);
        long graphWrites = sim.journal().entries(e -> e.api().equals("graph") && !e.method().equals("GET")
                && e.status() / 100 == 2 && !e.path().endsWith("/$batch")
                && e.tenant().equals(Optional.of(CUSTOMER))).size();
        assertThat(graphWrites).isPositive();
        assertThat(rows.stream().filter(e -> e.correlation().containsKey(AuditEvent.REQUEST_ID)
                && e.result() == AuditResult.SUCCEEDED)).hasSize((int) graphWrites);
        long assigned = sim.journal().entries(e -> e.api().equals("graph") && e.status() / 100 == 2
                && e.path().endsWith("assignNumber") && !e.path().endsWith("unassignNumber")).size();
        assertThat(rows).filteredOn(e -> e.action().name().equals("NUMBER_ASSIGN")
                && e.result() == AuditResult.SUCCEEDED).hasSize((int) assigned).hasSize(2);
        assertThat(rows).filteredOn(e -> e.action().name().equals("CREDENTIAL_CREATE")).singleElement()
                .satisfies(e -> assertThat(e.principal()).isEqualTo("alice@operator.example"));
        // the REST caller's principal: also on the bulk run's driver and worker threads
        assertThat(rows).allSatisfy(e -> assertThat(e.principal()).isEqualTo("alice@operator.example"));
        // no secret in any stored row: every column of every row through the leak scanner
        dev.tenantconnect.leaks.LeakRegistry.secret("customer app secret", SECRET.revealAsString());
        int scanned = 0;
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT * FROM tc_audit_log")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(rs.getString(i)).append('|');
                }
                assertThat(dev.tenantconnect.leaks.LeakScanner.scan("tc_audit_log row", row)).isEmpty();
                assertThat(row.toString()).doesNotContain(SECRET.revealAsString());
                scanned++;
            }
        }
        assertThat(scanned).isGreaterThanOrEqualTo(rows.size());
    }
}
