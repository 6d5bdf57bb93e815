package dev.tenantconnect.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.audit.AuditAction;
import dev.tenantconnect.core.audit.AuditEvent;
import dev.tenantconnect.core.audit.AuditResult;
import dev.tenantconnect.core.audit.Auditor;
import dev.tenantconnect.core.audit.InMemoryAuditSink;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.metrics.MetricNames;
import dev.tenantconnect.core.metrics.RecordingMetrics;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.graph.internal.TenantWriteAudit;
import dev.tenantconnect.testkit.JournalEndpoints;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.RequestJournal;
import dev.tenantconnect.testkit.SimulatedTenant;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The connector audits every write to the tenant once, with the Graph correlation IDs, and its HTTP and token
 * counts equal the simulator's request journal.
 */
class AuditAndMetricsTest {
    static final TenantId TENANT = GraphConnectorTest.TENANT;
    static final Secret SECRET = Secret.of("audit-metrics-test-secret");

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(AuditAndMetricsTest::seed);

    /** One tenant with an app allowed to manage numbers, a user and ten Operator Connect numbers. */
    static void seed(MicrosoftCloudSimulator sim) {
        SimulatedTenant t = sim.tenant(TENANT).domain("contoso.onmicrosoft.com").sku(Sku.OFFICE_365_E5, 10);
        t.app(GraphConnectorTest.APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                .grant(GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL, GraphPermission.USER_READ_ALL)
                .secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
        t.addUser("alice@contoso.onmicrosoft.com", "Alice", "SG", Sku.OFFICE_365_E5);
        t.addNumbers(PhoneNumberRange.parse("+6567891200..+6567891209"), SimulatedTenant.NumberType.OPERATOR_CONNECT);
    }

    @Test
    void every_write_is_one_audit_event_with_correlation_ids_and_http_counts_equal_the_journal(
            MicrosoftCloudSimulator sim) throws Exception {
        InMemoryAuditSink sink = new InMemoryAuditSink();
        RecordingMetrics metrics = new RecordingMetrics();
        GraphConnector graph = GraphConnectorTest.connector(sim).metrics(metrics)
                .audit(new Auditor(sink, () -> "ops@operator.example", java.time.Clock.systemUTC())).build();
        ClientSecretCredential cred = ClientSecretCredential.of(GraphConnectorTest.APP, SECRET,
                Instant.now().plus(Duration.ofDays(30)));
        sim.journal().clear();
        Instant start = Instant.now().minusSeconds(1);

        TeamsNumbers numbers = graph.teamsNumbers(TENANT, cred);
        UUID alice = graph.directory(TENANT, cred).user(dev.tenantconnect.core.model.UserRef.parse(
                "alice@contoso.onmicrosoft.com")).orElseThrow().id();
        PhoneNumber n = PhoneNumber.parse("+6567891201");
        numbers.await(numbers.beginAssign(n, alice, NumberType.OPERATOR_CONNECT, Optional.empty()).id());
        numbers.await(numbers.beginUnassign(n, NumberType.OPERATOR_CONNECT).id());

        List<AuditEvent> events = sink.find(TENANT, start);
        assertThat(events).extracting(AuditEvent::action).containsExactly(AuditAction.NUMBER_ASSIGN,
                AuditAction.NUMBER_UNASSIGN);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.target()).isEqualTo("+6567891201");
            assertThat(e.result()).isEqualTo(AuditResult.SUCCEEDED);
            assertThat(e.principal()).isEqualTo("ops@operator.example");
            assertThat(e.correlation()).containsKeys(AuditEvent.CLIENT_REQUEST_ID, AuditEvent.REQUEST_ID);
            assertThat(e.toString()).doesNotContain(SECRET.revealAsString());
        });
        List<RequestJournal.Entry> writes = sim.journal().entries(e -> e.api().equals("graph")
                && !e.method().equals("GET"));
        assertThat(events).hasSameSizeAs(writes);

        long graphRequests = sim.journal().entries(e -> e.api().equals("graph")).size();
        assertThat(metrics.counterTotal(MetricNames.HTTP_REQUESTS)).isEqualTo(sim.journal().entries(
                e -> !e.api().equals(RequestJournal.BATCHED)).size());
        assertThat(metrics.counter(MetricNames.HTTP_REQUESTS, "service", "graph", "method", "POST", "outcome",
                "2xx", "tenant", TENANT.value())).isEqualTo(writes.size());
        assertThat(graphRequests).isPositive();
        assertThat(metrics.counter(MetricNames.TOKENS, "source", "entra", "tenant", TENANT.value()))
                .isEqualTo(sim.journal().count(JournalEndpoints.ENTRA_TOKEN)).isEqualTo(1);
        assertThat(metrics.counter(MetricNames.TOKENS, "source", "cache", "tenant", TENANT.value())).isPositive();
        // the pacer's rate: one gauge per tenant while the tenant tag is kept, one for all (the lowest) without it
        assertThat(metrics.gauge(MetricNames.PACER_RATE, "tenant", TENANT.value())).isPresent();
        assertThat(metrics.gauge(MetricNames.PACER_RATE, "tenant", TENANT.value()).getAsDouble()).isPositive();
        assertThat(metrics.gauge(MetricNames.PACER_RATE)).isEmpty();
        RecordingMetrics untagged = new RecordingMetrics();
        GraphConnector plain = GraphConnectorTest.connector(sim)
                .metrics(dev.tenantconnect.core.metrics.MetricsRecorder.withoutTenantTag(untagged)).build();
        plain.directory(TENANT, cred).user(dev.tenantconnect.core.model.UserRef.parse(
                "alice@contoso.onmicrosoft.com"));
        assertThat(untagged.gauge(MetricNames.PACER_RATE)).isPresent();
        assertThat(untagged.gauge(MetricNames.PACER_RATE).getAsDouble()).isPositive();
        assertThat(untagged.gauge(MetricNames.PACER_RATE, "tenant", TENANT.value())).isEmpty();
    }

    @Test
    void writes_are_classified_by_their_graph_path_and_reads_are_not_audited() {
        assertThat(TenantWriteAudit.classify("GET", "/applications")).isEmpty();
        assertThat(TenantWriteAudit.classify("POST", "/$batch")).isEmpty();
        assertThat(TenantWriteAudit.classify("POST", "/applications/a1/addPassword")).contains(AuditAction.SECRET_ADD);
        assertThat(TenantWriteAudit.classify("POST", "/applications/a1/removeKey"))
                .contains(AuditAction.CERTIFICATE_REMOVE);
        assertThat(TenantWriteAudit.classify("POST", "/servicePrincipals/s1/appRoleAssignments"))
                .contains(AuditAction.PERMISSION_GRANT);
        assertThat(TenantWriteAudit.classify("DELETE", "/servicePrincipals/s1/appRoleAssignments/x"))
                .contains(AuditAction.PERMISSION_REVOKE);
        assertThat(TenantWriteAudit.classify("POST", "/roleManagement/directory/roleAssignments"))
                .contains(AuditAction.ROLE_ASSIGN);
        assertThat(TenantWriteAudit.classify("DELETE", "/roleManagement/directory/roleAssignments/r1"))
                .contains(AuditAction.ROLE_REMOVE);
        assertThat(TenantWriteAudit.classify("POST", "/applications")).contains(AuditAction.APP_REGISTRATION_CREATE);
        assertThat(TenantWriteAudit.classify("PATCH", "/applications(uniqueName='x')"))
                .contains(AuditAction.APP_REGISTRATION_UPDATE);
        assertThat(TenantWriteAudit.classify("POST", "/admin/teams/policy/userAssignments/"
                + "microsoft.graph.teamsAdministration.assign")).contains(AuditAction.POLICY_GRANT);
        assertThat(TenantWriteAudit.classify("POST", "/admin/teams/telephoneNumberManagement/numberAssignments/"
                + "microsoft.graph.teamsAdministration.unassignNumber")).contains(AuditAction.NUMBER_UNASSIGN);
        assertThat(TenantWriteAudit.classify("POST", "/users/u1/assignLicense")).contains(AuditAction.LICENSE_ASSIGN);
    }
}
