package dev.tenantconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.error.StoreException;
import dev.tenantconnect.core.inventory.AllocationRequest;
import dev.tenantconnect.core.inventory.CapacityReport;
import dev.tenantconnect.core.inventory.ImportResult;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.job.JournalEntry;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.number.NumberTransition;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.voice.SimulatedConnector;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bulk run picks the pool numbers of a chunk's rows with one batch call, each number reserved for its row as
 * holder: a crash between the batch and the rows' ALLOCATED entries, or a lost answer, neither leaks a number nor
 * gives one twice, and a pool running short fails only the rows left without a number.
 */
class BulkBatchAllocationTest {
    static final int USERS = 40;
    static final int PICKED = BulkFixture.PICKED;

    @RegisterExtension
    final SimulatorExtension cloud = SimulatorExtension.create().seededWith(sim -> BulkFixture.seed(sim, USERS));

    @TempDir
    Path dir;

    /** The simulated death of the process: nothing after it runs, the journal keeps what was written. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("process killed right after the batch allocation");
        }
    }

    private BulkFixture.Wired wire(FaultyBatches faults) {
        MicrosoftCloudSimulator sim = cloud.simulator();
        return BulkFixture.wire(SimulatedConnector.forSimulator(sim, BulkFixture.policies()),
                URI.create(sim.provisioningBaseUrl()), dir.resolve("jobs"), inv -> faults.around(inv));
    }

    /** The numbers reserved for this job's rows, by line, as the inventory holds them. */
    private static Map<Long, PhoneNumber> reservedByLine(InMemoryNumberInventory inventory, String jobId) {
        Map<Long, PhoneNumber> out = new HashMap<>();
        for (InventoryNumber n : inventory.byTenant(BulkFixture.CUSTOMER)) {
            n.reservation().filter(r -> n.status().state() == NumberState.RESERVED
                    && r.holder().startsWith(BulkResults.holderPrefix(jobId))).ifPresent(r -> out.put(Long.parseLong(
                            r.holder().substring(BulkResults.holderPrefix(jobId).length())), n.number()));
        }
        return out;
    }

    @Test
    void a_crash_after_the_batch_allocation_and_before_its_journal_entries_resumes_with_the_numbers_found_by_holder()
            throws Exception {
        FaultyBatches faults = new FaultyBatches(() -> new Crash());
        BulkFixture.Wired w = wire(faults);
        BulkPlan plan = w.bulk().plan(BulkFixture.file(dir, USERS), BulkFixture.KEY, BulkFixture.options());

        BulkJob job = w.bulk().start(plan, ProgressListener.NONE);
        assertThatThrownBy(job::await).isInstanceOf(Crash.class);

        String jobId = job.jobId();
        assertThat(faults.batches.get()).as("the pool rows of the chunk in one batch call").isEqualTo(1);
        assertThat(faults.singles.get()).as("no number picked one by one").isZero();
        List<JournalEntry> entries = w.journal().read(jobId).orElseThrow().entries();
        assertThat(entries).filteredOn(e -> e.kind() == JournalEntry.Kind.ALLOCATED).as("the crash came before "
                + "any ALLOCATED entry").isEmpty();
        Map<Long, PhoneNumber> reserved = reservedByLine(w.inventory(), jobId);
        List<Long> pickingLines = java.util.stream.LongStream.range(USERS - PICKED, USERS).map(i -> i + 2).boxed()
                .toList();
        assertThat(reserved).as("one number reserved for each pool row, held by its row").hasSize(PICKED)
                .containsOnlyKeys(pickingLines);
        assertThat(entries).filteredOn(e -> e.kind() == JournalEntry.Kind.STARTED).extracting(JournalEntry::line)
                .as("each pool row journalled as started before its number was picked").containsAll(pickingLines);

        BulkReport resumed = w.bulk().resume(jobId, ProgressListener.NONE);

        assertThat(resumed.complete()).as(resumed.summary()).isTrue();
        assertThat(resumed.count(RowStatus.DONE)).isEqualTo(USERS);
        assertThat(faults.batches.get() + faults.singles.get()).as("nothing picked again on resume").isEqualTo(1);
        for (long line : pickingLines) {
            assertThat(resumed.outcomes()).filteredOn(o -> o.line() == line).singleElement()
                    .satisfies(o -> assertThat(o.number()).as("line %d keeps the number found by its holder", line)
                            .contains(reserved.get(line)));
        }
        BulkAssignmentsTest.assertEveryUserHoldsTheirNumber(cloud.simulator(), w.inventory(), USERS, USERS);
    }

    @Test
    void a_lost_answer_to_the_batch_allocation_finds_the_numbers_by_holder_and_the_run_goes_on() throws Exception {
        FaultyBatches faults = new FaultyBatches(() -> new StoreException("connection reset while allocating", null));
        BulkFixture.Wired w = wire(faults);

        BulkReport report = w.bulk().run(w.bulk().plan(BulkFixture.file(dir, USERS), BulkFixture.KEY,
                BulkFixture.options()), ProgressListener.NONE);

        assertThat(faults.thrown.get()).as("the lost answer was served").isEqualTo(1);
        assertThat(report.complete()).as(report.summary()).isTrue();
        assertThat(report.count(RowStatus.DONE)).as(report.outcomes().stream().filter(o -> o.status()
                != RowStatus.DONE).map(RowOutcome::error).toList().toString()).isEqualTo(USERS);
        assertThat(faults.batches.get() + faults.singles.get()).as("not picked again").isEqualTo(1);
        BulkAssignmentsTest.assertEveryUserHoldsTheirNumber(cloud.simulator(), w.inventory(), USERS, USERS);
    }

    @Test
    void a_pool_running_short_mid_group_fails_the_rows_left_without_a_number_and_the_others_go_on() throws Exception {
        FaultyBatches faults = new FaultyBatches(null);
        BulkFixture.Wired w = wire(faults);
        int left = 3;
        TenantId other = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000c2");
        for (long d = 6590000000L + USERS - PICKED + left; d <= 6590000499L; d++) {
            w.inventory().reserve(PhoneNumber.parse("+" + d), other, "elsewhere", Duration.ofDays(1));
        }

        BulkReport report = w.bulk().run(w.bulk().plan(BulkFixture.file(dir, USERS), BulkFixture.KEY,
                BulkFixture.options()), ProgressListener.NONE);

        assertThat(faults.batches.get()).isEqualTo(1);
        assertThat(report.count(RowStatus.DONE)).as(report.summary()).isEqualTo(USERS - PICKED + left);
        List<RowOutcome> failed = report.outcomes().stream().filter(o -> o.status() == RowStatus.FAILED).toList();
        assertThat(failed).as("the last pool rows, in file order").extracting(RowOutcome::line)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(USERS - PICKED + left, USERS)
                        .map(i -> i + 2).boxed().toList());
        assertThat(failed).allSatisfy(o -> {
            assertThat(o.error()).isEqualTo("no available number in the pool SG");
            assertThat(o.remediation()).isEqualTo("import more numbers into the inventory, then resume");
            assertThat(o.number()).isEmpty();
        });
        assertThat(reservedByLine(w.inventory(), report.jobId())).as("no number left reserved for the job").isEmpty();
        assertThat(w.inventory().byTenant(BulkFixture.CUSTOMER)).as("each number once, every one assigned")
                .hasSize(USERS - PICKED + left).allMatch(n -> n.status().state() == NumberState.ASSIGNED);
    }

    /**
     * Counts the bulk path's allocations; the first batch call, after it landed, throws what {@code fault} gives
     * (none when null).
     */
    static final class FaultyBatches {
        final AtomicInteger batches = new AtomicInteger();
        final AtomicInteger singles = new AtomicInteger();
        final AtomicInteger thrown = new AtomicInteger();
        private final Supplier<RuntimeException> fault;

        FaultyBatches(Supplier<RuntimeException> fault) {
            this.fault = fault;
        }

        NumberInventory around(NumberInventory d) {
            return new NumberInventory() {
                @Override
                public List<InventoryNumber> allocate(AllocationRequest request, List<String> holders) {
                    List<InventoryNumber> got = d.allocate(request, holders);
                    if (batches.incrementAndGet() == 1 && fault != null) {
                        thrown.incrementAndGet();
                        throw fault.get();
                    }
                    return got;
                }

                @Override
                public Optional<InventoryNumber> allocate(AllocationRequest request) {
                    singles.incrementAndGet();
                    return d.allocate(request);
                }

                @Override
                public ImportResult importNumbers(Iterable<PhoneNumber> numbers, NumberAttributes attributes,
                        String actor) {
                    return d.importNumbers(numbers, attributes, actor);
                }

                @Override
                public Optional<InventoryNumber> find(PhoneNumber number) {
                    return d.find(number);
                }

                @Override
                public InventoryNumber reserve(PhoneNumber number, TenantId tenant, String holder, Duration ttl) {
                    return d.reserve(number, tenant, holder, ttl);
                }

                @Override
                public InventoryNumber move(PhoneNumber number, NumberState to, long expectedVersion, String actor,
                        String reason) {
                    return d.move(number, to, expectedVersion, actor, reason);
                }

                @Override
                public InventoryNumber fail(PhoneNumber number, NumberState failureState, long expectedVersion,
                        String actor, String reason) {
                    return d.fail(number, failureState, expectedVersion, actor, reason);
                }

                @Override
                public InventoryNumber force(PhoneNumber number, NumberState to, String actor, String reason) {
                    return d.force(number, to, actor, reason);
                }

                @Override
                public List<NumberTransition> history(PhoneNumber number) {
                    return d.history(number);
                }

                @Override
                public int expireReservations() {
                    return d.expireReservations();
                }

                @Override
                public List<InventoryNumber> byTenant(TenantId tenant) {
                    return d.byTenant(tenant);
                }

                @Override
                public CapacityReport capacity(Duration lookBack) {
                    return d.capacity(lookBack);
                }
            };
        }
    }
}
