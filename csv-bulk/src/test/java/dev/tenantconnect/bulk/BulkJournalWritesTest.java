package dev.tenantconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.job.JobHeader;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.core.job.JournalEntry;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.voice.SimulatedConnector;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bulk run's journal writes are durable writes (a flush to disk, a transaction), so a run makes few of them: its
 * rows as started in one, each pool batch's numbers in one, and the rows' conclusions in groups (a confirmation
 * round concludes many rows at once) — not one write per row. A crash between a conclusion and its write leaves the
 * row started, which resume reconciles (BulkCrashResumeTest tears each of the first writes).
 */
class BulkJournalWritesTest {
    static final int USERS = 150;

    @RegisterExtension
    final SimulatorExtension cloud = SimulatorExtension.create().seededWith(sim -> BulkFixture.seed(sim, USERS));

    @TempDir
    Path dir;

    /** Counts the durable writes made through leases. */
    static final class CountingJournal implements JobJournal {
        final JobJournal journal;
        final AtomicInteger writes = new AtomicInteger();
        final AtomicInteger entries = new AtomicInteger();

        CountingJournal(JobJournal journal) {
            this.journal = journal;
        }

        @Override
        public void create(JobHeader header) {
            journal.create(header);
        }

        @Override
        public void append(String jobId, JournalEntry entry) {
            writes.incrementAndGet();
            entries.incrementAndGet();
            journal.append(jobId, entry);
        }

        @Override
        public Optional<JobJournal.JobRecord> read(String jobId) {
            return journal.read(jobId);
        }

        @Override
        public List<String> jobIds() {
            return journal.jobIds();
        }

        @Override
        public Lease lease(String jobId) {
            Lease lease = journal.lease(jobId);
            return new Lease() {
                @Override
                public long epoch() {
                    return lease.epoch();
                }

                @Override
                public void append(JournalEntry entry) {
                    writes.incrementAndGet();
                    entries.incrementAndGet();
                    lease.append(entry);
                }

                @Override
                public void appendAll(List<JournalEntry> all) {
                    writes.incrementAndGet();
                    entries.addAndGet(all.size());
                    lease.appendAll(all);
                }

                @Override
                public void close() {
                    lease.close();
                }
            };
        }
    }

    @Test
    void a_run_writes_its_rows_conclusions_together_not_one_durable_write_per_row() throws Exception {
        MicrosoftCloudSimulator sim = cloud.simulator();
        CountingJournal[] counting = new CountingJournal[1];
        BulkFixture.Wired w = BulkFixture.wire(SimulatedConnector.forSimulator(sim, BulkFixture.policies()),
                URI.create(sim.provisioningBaseUrl()), dir.resolve("jobs"), java.util.function.UnaryOperator.identity(),
                j -> counting[0] = new CountingJournal(j));

        BulkReport report = w.bulk().run(w.bulk().plan(BulkFixture.file(dir, USERS), BulkFixture.KEY,
                BulkFixture.options()), ProgressListener.NONE);

        assertThat(report.complete()).as(report.summary()).isTrue();
        assertThat(report.count(RowStatus.DONE)).as(report.summary()).isEqualTo(USERS);
        List<JournalEntry> written = w.journal().read(report.jobId()).orElseThrow().entries();
        assertThat(written).filteredOn(e -> e.kind() == JournalEntry.Kind.DONE).extracting(JournalEntry::line)
                .as("every row concluded once, in the journal").hasSize(USERS).doesNotHaveDuplicates();
        assertThat(counting[0].entries.get()).as("entries written").isEqualTo(written.size());
        // started (1) + the pool rows' numbers (1) + conclusions: at most 64 a write, one more per round at most
        assertThat(counting[0].writes.get()).as("durable writes for %d rows (%d entries)", USERS, written.size())
                .isLessThanOrEqualTo(USERS / 10);
        BulkAssignmentsTest.assertEveryUserHoldsTheirNumber(sim, w.inventory(), USERS, USERS);
    }
}
