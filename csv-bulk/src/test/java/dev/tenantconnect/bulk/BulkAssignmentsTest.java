package dev.tenantconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.extension.InMemoryExtensionStore;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.licensing.ServicePlan;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.resilience.PollingConsistencyPolicy;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.resilience.RetryingTransportPolicy;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.core.job.FileJobJournal;
import dev.tenantconnect.core.job.JournalEntry;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatedTenant;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Sku;
import dev.tenantconnect.voice.SimulatedConnector;
import dev.tenantconnect.voice.enablement.EnableRequest;
import dev.tenantconnect.voice.enablement.EnableResult;
import dev.tenantconnect.voice.enablement.NumberChoice;
import dev.tenantconnect.voice.enablement.UserEnablement;
import dev.tenantconnect.graph.provisioning.AcgProvisioningClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bulk assignment from CSV end to end against the simulated cloud: plan, run, re-run, stop and resume. */
class BulkAssignmentsTest {
    static final TenantId CUSTOMER = BulkFixture.CUSTOMER;
    static final CredentialKey KEY = BulkFixture.KEY;
    static final int USERS = 240;
    static final int PICKED = BulkFixture.PICKED;
    static final int SMALL = 40;

    @RegisterExtension
    final SimulatorExtension cloud = SimulatorExtension.create().seededWith(sim -> BulkFixture.seed(sim, USERS));

    @TempDir
    Path dir;
    private InMemoryNumberInventory inventory;
    private BulkAssignments bulk;
    private UserEnablement enablement;
    private FileJobJournal journal;
    private List<dev.tenantconnect.core.billing.UsageEvent> usage;

    @BeforeEach
    void wire() {
        MicrosoftCloudSimulator sim = cloud.simulator();
        BulkFixture.Wired w = BulkFixture.wire(SimulatedConnector.forSimulator(sim, BulkFixture.policies()),
                URI.create(sim.provisioningBaseUrl()), dir.resolve("jobs"));
        inventory = w.inventory();
        bulk = w.bulk();
        enablement = w.enablement();
        journal = w.journal();
        usage = w.usage();
    }

    private Path file(String... extraRows) throws Exception {
        return BulkFixture.file(dir, USERS, extraRows);
    }

    private Path file(int users, String... extraRows) throws Exception {
        return BulkFixture.file(dir, users, extraRows);
    }

    private static BulkOptions options() {
        return BulkFixture.options();
    }

    static Map<String, List<String>> resultsByExtKey(Path results) throws Exception {
        List<List<String>> records = new ArrayList<>();
        try (var it = new com.fasterxml.jackson.dataformat.csv.CsvMapper().readerForListOf(String.class)
                .with(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY)
                .<List<String>>readValues(results.toFile())) {
            it.forEachRemaining(records::add);
        }
        assertThat(records.get(0)).containsExactly("Ext Key", "Number", "User", "Addon license 1",
                "Addon license 2", "Status", "Assigned Number", "User ID", "Error", "Remediation");
        return records.stream().skip(1).collect(Collectors.toMap(c -> c.get(0), Function.identity()));
    }

    private void assertEveryUserHoldsTheirNumber(MicrosoftCloudSimulator sim, int assignedInAll) {
        assertEveryUserHoldsTheirNumber(sim, inventory, USERS, assignedInAll);
    }

    private void assertEveryUserHoldsTheirNumber(MicrosoftCloudSimulator sim, int users, int assignedInAll) {
        assertEveryUserHoldsTheirNumber(sim, inventory, users, assignedInAll);
    }

    static void assertEveryUserHoldsTheirNumber(MicrosoftCloudSimulator sim, InMemoryNumberInventory inventory,
            int users, int assignedInAll) {
        SimulatedTenant t = sim.tenant(CUSTOMER);
        for (int i = 0; i < users - PICKED; i++) {
            PhoneNumber n = PhoneNumber.parse("+" + (6590000000L + i));
            assertThat(t.number(n)).as("number of user %d", i).hasValueSatisfying(v ->
                    assertThat(v.assignmentStatus()).isEqualTo("userAssigned"));
            assertThat(inventory.find(n).orElseThrow().status().state()).isEqualTo(NumberState.ASSIGNED);
        }
        long assigned = inventory.byTenant(CUSTOMER).stream()
                .filter(n -> n.status().state() == NumberState.ASSIGNED).count();
        assertThat(assigned).as("file numbers + picked numbers, none twice").isEqualTo(assignedInAll);
        assertThat(inventory.byTenant(CUSTOMER)).as("no number left reserved or half-way")
                .allMatch(n -> n.status().state() == NumberState.ASSIGNED);
    }

    @Test
    void a_job_for_several_instances_needs_a_shared_journal_and_writes_nothing_without_one() throws Exception {
        Path f = file();
        BulkPlan plan = bulk.plan(f, KEY, options());
        assertThatThrownBy(() -> bulk.startJoinable(plan, 50, ProgressListener.NONE))
                .isInstanceOf(dev.tenantconnect.core.error.ConfigurationException.class)
                .hasMessageContaining("JdbcJobJournal").hasMessageContaining("FileJobJournal");
        assertThatThrownBy(() -> bulk.join("no-such-job", ProgressListener.NONE))
                .isInstanceOf(dev.tenantconnect.core.error.ConfigurationException.class);
        assertThat(journal.jobIds()).as("nothing journalled").isEmpty();
    }

    @Test
    void a_file_with_a_bad_row_writes_nothing_until_told_to_skip_it_then_a_rerun_plans_zero_writes()
            throws Exception {
        MicrosoftCloudSimulator sim = cloud.simulator();
        Path f = file("2000,6590000400,nolicence@contoso.onmicrosoft.com,device_import_msteams_OC,",
                "2001,6590000401,John,device_import_msteams_OC,",
                "2002,6590000402,Alice,device_import_msteams_OC,",
                "2003,6590009000,aa-main@contoso.onmicrosoft.com,device_import_msteams_OC_resource,",
                "2004,6590000403,user0@contoso.onmicrosoft.com,team_chat,");
        long batchesBefore = sim.journal().count("graph.batch");
        long pagesBefore = sim.journal().count("graph.users.delta");

        BulkPlan plan = bulk.plan(f, KEY, options());

        assertThat(sim.journal().count("graph.batch") - batchesBefore).as("a large file does not look users up "
                + "one by one").isZero();
        assertThat(sim.journal().count("graph.users.delta") - pagesBefore).as("it reads the directory, 999 users a "
                + "page").isEqualTo(1);
        long smallBatches = sim.journal().count("graph.batch");
        bulk.plan(BulkFixture.file(java.nio.file.Files.createDirectories(dir.resolve("small")), SMALL), KEY,
                options());
        assertThat(sim.journal().count("graph.batch") - smallBatches).as("a small file looks its users up 20 per "
                + "JSON batch").isEqualTo((SMALL + 19) / 20);
        assertThat(plan.writes()).isEqualTo(USERS + 3);
        assertThat(plan.problems()).extracting(RowProblem::toString).containsExactly(
                "line " + (USERS + 2) + ", column 'User': cannot be enabled for Teams calling: no "
                        + ServicePlan.TEAMS_PHONE + " (" + ServicePlan.TEAMS_PHONE.friendlyName().orElseThrow()
                        + ") service plan assigned",
                "line " + (USERS + 3) + ", column 'User': 2 users have this display name "
                        + "(john.a@contoso.onmicrosoft.com, john.b@contoso.onmicrosoft.com); write the user principal "
                        + "name of the one you mean");
        PlannedRow picked = plan.rows().get(USERS - 1);
        assertThat(picked.operations()).containsExactly(Operation.ALLOCATE, Operation.UPLOAD, Operation.ASSIGN,
                Operation.RECORD);
        assertThat(plan.rows().get(USERS + 4).notes()).contains("not a Teams extension: nothing is written to the "
                + "tenant");
        assertThatThrownBy(() -> bulk.run(plan, ProgressListener.NONE)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("nothing was written");
        assertThat(journal.jobIds()).isEmpty();
        assertThat(sim.tenant(CUSTOMER).number(PhoneNumber.parse("+6590000000"))).isEmpty();

        List<BulkProgress> progress = new ArrayList<>();
        BulkReport report = bulk.run(bulk.plan(f, KEY, options().withInvalidRows(InvalidRows.SKIP_ROWS)),
                progress::add);

        assertThat(report.count(RowStatus.DONE)).as(report.summary() + report.outcomes().stream()
                .filter(o -> o.status() == RowStatus.FAILED).map(o -> o.line() + ": " + o.error()).toList())
                .isEqualTo(USERS + 3);
        assertThat(report.count(RowStatus.FAILED)).isEqualTo(2);
        assertThat(report.outcomes()).extracting(RowOutcome::line).doesNotHaveDuplicates().hasSize(USERS + 5);
        assertThat(progress).last().satisfies(p -> assertThat(p.finished()).isEqualTo(USERS + 5));
        assertEveryUserHoldsTheirNumber(sim, USERS + 2);
        Map<String, List<String>> results = resultsByExtKey(report.resultsFile());
        assertThat(results).hasSize(USERS + 5);
        assertThat(results.get("1000").subList(5, 8)).containsExactly("done", "6590000000",
                report.outcomes().get(0).user().orElseThrow().toString());
        assertThat(results.get("2000").get(5)).isEqualTo("failed");
        assertThat(results.get("2000").get(9)).startsWith("assign a Teams Phone licence");
        assertThat(results.get("2003").get(5)).as("the resource account row").isEqualTo("done");
        assertThat(results.get(String.valueOf(1000 + USERS - 1)).get(6)).as("a picked number")
                .startsWith("6590000");

        long requestsBefore = sim.journal().entries().size();
        BulkPlan again = bulk.plan(f, KEY, options().withInvalidRows(InvalidRows.SKIP_ROWS));
        assertThat(again.writes()).as("re-running a finished file plans zero writes").isZero();
        assertThat(again.count(PlannedRow.Action.NOTHING)).isEqualTo(USERS + 3);
        BulkReport rerun = bulk.run(again, ProgressListener.NONE);
        assertThat(rerun.count(RowStatus.SKIPPED)).isEqualTo(USERS + 3);
        assertThat(sim.journal().entries().stream().skip(requestsBefore)
                .filter(e -> !e.method().equals("GET") && !e.endpoint().equals("graph.batch")
                        && !e.api().equals("entra")))
                .as("the re-run wrote nothing to the tenant").isEmpty();
    }

    /** Starts a plan and asks the job to stop once {@code rows} rows have finished. */
    private BulkJob startAndStopAfter(BulkPlan plan, long rows) throws InterruptedException {
        AtomicReference<BulkJob> job = new AtomicReference<>();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        BulkJob running = bulk.start(plan, p -> {
            try {
                started.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (p.finished() >= rows) {
                job.get().stop();
            }
        });
        job.set(running);
        started.countDown();
        return running;
    }

    @Test
    void a_stopped_job_resumes_to_the_same_final_state_with_every_row_exactly_once() throws Exception {
        MicrosoftCloudSimulator sim = cloud.simulator();
        Path f = file();
        BulkPlan plan = bulk.plan(f, KEY, options());
        BulkJob running = startAndStopAfter(plan, 60);
        BulkReport first = running.await();

        assertThat(first.stopped()).isTrue();
        assertThat(first.count(RowStatus.PENDING)).isPositive();
        assertThat(first.count(RowStatus.DONE)).as("writes started before the stop are confirmed and recorded; "
                + "none starts after it (the picking phase never began)").isBetween(60L, (long) USERS - PICKED);
        assertThat(resultsByExtKey(first.resultsFile()).values()).filteredOn(r -> r.get(5).equals("pending"))
                .hasSize((int) first.count(RowStatus.PENDING));

        BulkReport resumed = bulk.resume(running.jobId(), ProgressListener.NONE);

        assertThat(resumed.complete()).as(resumed.summary()).isTrue();
        assertThat(resumed.count(RowStatus.DONE)).isEqualTo(USERS);
        assertThat(resumed.outcomes()).extracting(RowOutcome::line).doesNotHaveDuplicates().hasSize(USERS);
        assertThat(resultsByExtKey(resumed.resultsFile())).hasSize(USERS)
                .allSatisfy((k, r) -> assertThat(r.get(5)).isEqualTo("done"));
        assertEveryUserHoldsTheirNumber(sim, USERS);
        assertThat(journal.read(running.jobId()).orElseThrow().entries())
                .filteredOn(e -> e.kind() == JournalEntry.Kind.DONE).extracting(JournalEntry::line)
                .as("no row was applied twice").doesNotHaveDuplicates().hasSize(USERS);
    }

    @Test
    void an_interrupted_row_is_reconciled_with_the_tenant_before_it_is_retried() throws Exception {
        MicrosoftCloudSimulator sim = cloud.simulator();
        Path f = file(SMALL);
        BulkPlan plan = bulk.plan(f, KEY, options().withConcurrency(1));
        // as if the process died between the assignment and its journal entry: run the row, then forge the journal
        BulkJob job = startAndStopAfter(plan, 1);
        BulkReport first = job.await();
        long done = first.count(RowStatus.DONE);
        assertThat(done).as("only writes started before the stop were made").isBetween(1L, (long) SMALL - PICKED);
        String jobId = job.jobId();
        long nextLine = first.outcomes().stream().filter(o -> o.status() == RowStatus.PENDING)
                .mapToLong(RowOutcome::line).min().orElseThrow();
        int userIndex = (int) (nextLine - 2);
        NumberChoice choice = userIndex < SMALL - PICKED
                ? new NumberChoice.Specific(PhoneNumber.parse("+" + (6590000000L + userIndex)))
                : new NumberChoice.Pick(dev.tenantconnect.core.inventory.AllocationRequest.lowest(CUSTOMER, "SG",
                        "test"));
        EnableResult landed = enablement.enableUser(KEY, EnableRequest.builder(UserRef.parse("user" + userIndex
                + "@contoso.onmicrosoft.com"), choice).addonCodes(List.of("device_import_msteams_OC", "call_recording")).build());
        assertThat(landed.succeeded()).as(landed.problems().toString()).isTrue();
        PhoneNumber n = landed.number().orElseThrow();
        journal.append(jobId, new JournalEntry(nextLine, JournalEntry.Kind.STARTED, Optional.of(n),
                Optional.empty(), "", "", Instant.now()));
        long assignsBefore = sim.journal().count("graph.numbers.assign");

        BulkReport resumed = bulk.resume(jobId, ProgressListener.NONE);

        assertThat(resumed.complete()).as(resumed.summary()).isTrue();
        assertThat(sim.journal().count("graph.numbers.assign") - assignsBefore)
                .as("the landed assignment is recognised, not repeated").isEqualTo(SMALL - done - 1);
        assertThat(resumed.outcomes()).filteredOn(o -> o.line() == nextLine).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(RowStatus.DONE);
            assertThat(o.number()).contains(n);
        });
        assertEveryUserHoldsTheirNumber(sim, SMALL, SMALL);
    }

    @Test
    void resume_retries_a_failed_row_once_its_cause_is_fixed_and_a_results_file_can_be_fed_back_in()
            throws Exception {
        MicrosoftCloudSimulator sim = cloud.simulator();
        dev.tenantconnect.graph.GraphConnector graph = SimulatedConnector.forSimulator(sim, BulkFixture.policies());
        java.util.UUID user3 = graph.directory(CUSTOMER, dev.tenantconnect.core.credential.ClientSecretCredential.of(
                BulkFixture.APP, BulkFixture.SECRET, java.time.Instant.now().plusSeconds(3600)))
                .user(dev.tenantconnect.core.model.UserRef.parse("user" + (SMALL - 1) + "@contoso.onmicrosoft.com"))
                .orElseThrow().id(); // a row that picks its number from the pool
        sim.tenant(CUSTOMER).planStatus(user3, ServicePlan.TEAMS_PHONE,
                dev.tenantconnect.core.licensing.CapabilityStatus.SUSPENDED);
        Path f = file(SMALL);
        BulkReport first = bulk.run(bulk.plan(f, KEY, options().withInvalidRows(InvalidRows.SKIP_ROWS)),
                ProgressListener.NONE);
        RowOutcome failed = first.outcomes().stream().filter(o -> o.status() == RowStatus.FAILED).findFirst()
                .orElseThrow();
        assertThat(first.count(RowStatus.FAILED)).isEqualTo(1);
        assertThat(failed.remediation()).as("says what resume does").contains("resume the job (resume retries "
                + "failed rows)");

        sim.tenant(CUSTOMER).planStatus(user3, ServicePlan.TEAMS_PHONE,
                dev.tenantconnect.core.licensing.CapabilityStatus.ENABLED); // the cause is fixed
        sim.journal().clear();
        BulkReport resumed = bulk.resume(first.jobId(), ProgressListener.NONE);

        assertThat(resumed.count(RowStatus.DONE)).as(resumed.outcomes().stream().filter(o -> o.status()
                != RowStatus.DONE).map(RowOutcome::error).toList().toString()).isEqualTo(SMALL);
        assertThat(resumed.complete()).as(resumed.summary()).isTrue();
        assertThat(resumed.outcomes()).extracting(RowOutcome::line).doesNotHaveDuplicates().hasSize(SMALL);
        assertThat(sim.journal().count("graph.numbers.assign")).as("only the fixed row is written").isEqualTo(1);
        assertThat(resumed.outcomes().get(SMALL - 1).number()).hasValueSatisfying(n -> assertThat(sim.tenant(
                CUSTOMER).number(n).orElseThrow().assignmentTarget()).contains(user3));
        assertEveryUserHoldsTheirNumber(sim, SMALL, SMALL);

        // the results file, with its five result columns, is a valid input: nothing left to write
        BulkPlan fedBack = bulk.plan(resumed.resultsFile(), KEY, options());
        assertThat(fedBack.problems()).isEmpty();
        assertThat(fedBack.rows()).hasSize(SMALL);
        assertThat(fedBack.writes()).as("every row is recognised as done").isZero();
    }

    @Test
    void an_add_on_change_without_a_number_is_a_usage_event_counted_in_the_billing_report() throws Exception {
        Path f = file(SMALL, "2004,,user0@contoso.onmicrosoft.com,team_chat,");

        BulkReport first = bulk.run(bulk.plan(f, KEY, options()), ProgressListener.NONE);

        assertThat(first.complete()).as(first.summary()).isTrue();
        assertThat(usage).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(dev.tenantconnect.core.billing.UsageEvent.Kind.HOLDS);
            assertThat(e.number()).isEmpty();
            assertThat(e.addonCodes()).containsExactly("team_chat");
        });
        bulk.run(bulk.plan(f, KEY, options()), ProgressListener.NONE);
        assertThat(usage).as("an unchanged row is not billed again").hasSize(1);

        dev.tenantconnect.core.billing.InMemoryUsageLedger ledger = new dev.tenantconnect.core.billing
                .InMemoryUsageLedger();
        usage.forEach(ledger::record);
        java.time.Instant at = usage.get(0).at();
        dev.tenantconnect.core.billing.BillingReport report = dev.tenantconnect.core.billing.BillingReport.compute(
                ledger, at.minus(java.time.Duration.ofDays(1)), at.plus(java.time.Duration.ofDays(1)));
        assertThat(report.lines()).singleElement().satisfies(l -> {
            assertThat(l.addonCode()).isEqualTo("team_chat");
            assertThat(l.peakUsers()).isEqualTo(1);
        });
    }
}
