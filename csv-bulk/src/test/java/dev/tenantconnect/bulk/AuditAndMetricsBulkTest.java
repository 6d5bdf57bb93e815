package dev.tenantconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.audit.AuditAction;
import dev.tenantconnect.core.audit.AuditEvent;
import dev.tenantconnect.core.audit.AuditResult;
import dev.tenantconnect.core.audit.InMemoryAuditSink;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.inventory.AllocationRequest;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.job.FileJobJournal;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.core.job.JournalEntry;
import dev.tenantconnect.core.metrics.Metering;
import dev.tenantconnect.core.metrics.MetricNames;
import dev.tenantconnect.core.metrics.RecordingMetrics;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.RequestJournal;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.voice.TenantConnectClient;
import dev.tenantconnect.voice.enablement.EnableRequest;
import dev.tenantconnect.voice.enablement.EnableResult;
import dev.tenantconnect.voice.enablement.NumberChoice;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root client with an audit sink and a metrics recorder, through verify, one enablement and a bulk run
 * started by an operator acting on the calling thread: the bulk row meters equal the run's journal without the
 * caller metering the journal, every write the simulator answered for the customer tenant has its audit event (with
 * Graph's correlation IDs) carrying that operator — also the writes of the bulk's worker threads —, uploads are
 * audited per number, the credential change is audited, no event holds a secret, and verify and each bulk row are
 * observations carrying Microsoft's request IDs.
 */
class AuditAndMetricsBulkTest {
    @RegisterExtension
    final SimulatorExtension cloud = SimulatorExtension.create().seededWith(sim -> BulkFixture.seed(sim, 10));

    @TempDir
    Path dir;

    @Test
    void meters_equal_the_journal_and_every_tenant_write_is_audited() throws Exception {
        dev.tenantconnect.core.audit.Auditor.actingAs("alice@operator.example", () -> {
            try {
                runAndCheck();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    private void runAndCheck() throws Exception {
        MicrosoftCloudSimulator sim = cloud.simulator();
        InMemoryAuditSink audit = new InMemoryAuditSink();
        RecordingMetrics metrics = new RecordingMetrics();
        Clock clock = Clock.systemUTC();
        InMemoryNumberInventory inventory = new InMemoryNumberInventory(
                new NumberLifecycle(QuarantinePolicy.DEFAULT, clock), clock, new SplittableRandom(1));
        inventory.importNumbers(PhoneNumberRange.parse("+6590000000..+6590000099"),
                NumberAttributes.of("SG", "659000", NumberType.OPERATOR_CONNECT, NumberUsage.USER), "test");
        TenantConnectClient client = TenantConnectClient.builder().endpoints(sim.endpoints())
                .credentials(new InMemoryCredentialStore()).inventory(inventory)
                .acgProvisioning(URI.create(sim.provisioningBaseUrl()), MicrosoftCloudSimulator.PROVISIONING_SCOPE,
                        BulkFixture.OPERATOR, ClientSecretCredential.of(BulkFixture.OPERATOR_APP, BulkFixture.SECRET,
                                Instant.now().plusSeconds(3600)))
                .audit(audit).principal("ops@operator.example").metrics(metrics).build();
        Instant start = Instant.now().minusSeconds(1);
        sim.journal().clear();

        client.credentials().create(BulkFixture.KEY, ClientSecretCredential.of(BulkFixture.APP,
                BulkFixture.SECRET, Instant.now().plus(Duration.ofDays(30))));
        client.verification().verify(BulkFixture.KEY, dev.tenantconnect.voice.VerifyOptions.operatorConnect());
        EnableResult one = client.enablement().enableUser(BulkFixture.KEY, EnableRequest.builder(
                UserRef.parse("user0@contoso.onmicrosoft.com"), new NumberChoice.Pick(AllocationRequest.lowest(
                        BulkFixture.CUSTOMER, "SG", "test"))).addonCodes(List.of("device_import_msteams_OC")).build());
        assertThat(one.succeeded()).as(one.problems().toString()).isTrue();
        JobJournal journal = new FileJobJournal(dir.resolve("jobs")); // BulkAssignments.of meters it
        Path file = dir.resolve("users.csv");
        Files.writeString(file, "Ext Key,Number,User,Addon license 1\r\n"
                + "1001,6590000050,user1@contoso.onmicrosoft.com,device_import_msteams_OC\r\n"
                + "1002,6590000051,user2@contoso.onmicrosoft.com,device_import_msteams_OC\r\n");
        BulkAssignments bulk = BulkAssignments.of(client, journal);
        BulkPlan plan = bulk.plan(file, BulkFixture.KEY, BulkOptions.defaults());
        BulkReport report = bulk.run(plan, ProgressListener.NONE);

        // bulk rows: the meters equal the journal's row-ending entries, kind by kind (counted once: metering a
        // journal twice into one recorder is the journal metered once)
        JobJournal metered = Metering.journal(journal, client.metrics());
        assertThat(Metering.journal(metered, client.metrics())).isSameAs(metered);
        List<JournalEntry> entries = journal.read(journal.jobIds().get(0)).orElseThrow().entries();
        for (JournalEntry.Kind kind : List.of(JournalEntry.Kind.DONE, JournalEntry.Kind.FAILED,
                JournalEntry.Kind.SKIPPED)) {
            long inJournal = entries.stream().filter(e -> e.kind() == kind).count();
            assertThat(metrics.counter(MetricNames.BULK_ROWS, "outcome", kind.name().toLowerCase()))
                    .as("bulk rows %s", kind).isEqualTo(inJournal);
        }
        assertThat(metrics.counterTotal(MetricNames.BULK_ROWS)).isEqualTo(report.outcomes().size());
        // every attempt the simulator saw was counted (the tenant tag is off by default)
        assertThat(metrics.counterTotal(MetricNames.HTTP_REQUESTS)).isEqualTo(sim.journal().entries(
                e -> !e.api().equals(RequestJournal.BATCHED)).size());
        assertThat(metrics.counters().keySet()).noneMatch(k -> k.contains("tenant="));
        assertThat(metrics.timer(MetricNames.ENABLEMENT, "outcome", "enabled")).hasSize(1);
        assertThat(metrics.timer(MetricNames.ALLOCATION, "operation", "allocate", "outcome", "allocated"))
                .isNotEmpty();

        // audit: one event per Graph write the simulator accepted for the customer tenant, with correlation IDs
        List<AuditEvent> events = audit.find(BulkFixture.CUSTOMER, start);
        List<RequestJournal.Entry> graphWrites = sim.journal().entries(e -> e.api().equals("graph")
                && !e.method().equals("GET") && e.status() / 100 == 2
                && !e.path().endsWith("/$batch") // JSON batches of reads (user look-ups): not writes
                && e.tenant().equals(Optional.of(BulkFixture.CUSTOMER)));
        List<AuditEvent> graphEvents = events.stream().filter(e -> e.correlation().containsKey(
                AuditEvent.REQUEST_ID) && e.result() == AuditResult.SUCCEEDED).toList();
        assertThat(graphWrites).isNotEmpty();
        assertThat(graphEvents).hasSameSizeAs(graphWrites);
        assertThat(graphEvents).extracting(AuditEvent::action).contains(AuditAction.NUMBER_ASSIGN);
        long uploads = sim.journal().entries(e -> e.api().equals("provisioning") && e.method().equals("POST")
                && e.path().endsWith(":createOrUpdateNumbers") && e.status() / 100 == 2).size();
        assertThat(events.stream().filter(e -> e.action() == AuditAction.NUMBER_UPLOAD)).hasSizeGreaterThanOrEqualTo(
                (int) uploads);
        assertThat(events).filteredOn(e -> e.action() == AuditAction.CREDENTIAL_CREATE).singleElement()
                .satisfies(e -> assertThat(e.target()).isEqualTo("oc-main"));
        // every event, also those of the bulk's driver and worker threads, carries the operator acting on the
        // thread that started the work, not the client's default principal
        dev.tenantconnect.leaks.LeakRegistry.secret("customer app secret", BulkFixture.SECRET.revealAsString());
        assertThat(events).allSatisfy(e -> {
            assertThat(e.principal()).isEqualTo("alice@operator.example");
            assertThat(e.toString()).doesNotContain(BulkFixture.SECRET.revealAsString());
            assertThat(dev.tenantconnect.leaks.LeakScanner.scan("audit event", e.toString())).isEmpty();
        });

        // observations: verify carries Microsoft's request IDs; one per bulk row written, each carrying
        // the client-request-id and request-id of that row's assignment — the same IDs as its audit event
        List<RecordingMetrics.Observed> observed = metrics.observations();
        for (String op : List.of(MetricNames.OP_VERIFY)) {
            assertThat(observed).filteredOn(o -> o.name.equals(op)).singleElement().satisfies(o -> {
                assertThat(o.closed).isTrue();
                assertThat(o.attributes).containsKeys(MetricNames.ATTR_CLIENT_REQUEST_ID,
                        MetricNames.ATTR_REQUEST_ID);
            });
        }
        List<RecordingMetrics.Observed> rows = observed.stream().filter(o -> o.name.equals(MetricNames.OP_BULK_ROW))
                .toList();
        assertThat(rows).extracting(o -> o.attributes.get(MetricNames.ATTR_ROW)).containsExactlyInAnyOrder("2",
                "3");
        List<String> assignRequestIds = graphEvents.stream().filter(e -> e.action() == AuditAction.NUMBER_ASSIGN)
                .map(e -> e.correlation().get(AuditEvent.REQUEST_ID)).toList();
        assertThat(rows).allSatisfy(o -> {
            assertThat(o.closed).isTrue();
            assertThat(o.attributes).containsKey(MetricNames.ATTR_CLIENT_REQUEST_ID);
            assertThat(assignRequestIds).contains(o.attributes.get(MetricNames.ATTR_REQUEST_ID));
        });
    }
}
