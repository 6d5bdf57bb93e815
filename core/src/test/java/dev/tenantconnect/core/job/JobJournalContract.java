package dev.tenantconnect.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.error.StoreException;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.testing.FakeClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link JobJournal} must pass: a job reads back in another instance exactly as written (header
 * parameters and entries, awkward characters included), a job ID is created once, jobs list oldest first, one runner
 * holds a job at a time, and a runner whose lease was taken over is fenced off. Published in the core test-jar;
 * extend it and implement {@link #newJournal(FakeClock)} and {@link #reopen(JobJournal, FakeClock)}.
 */
public abstract class JobJournalContract {
    /** The connection the jobs work on. */
    protected static final CredentialKey KEY = new CredentialKey(TenantId.parse(
            "6b17bc95-fa47-49bf-8b00-0000000000c1"), ServiceId.of("oc-main"));

    /** The clock of the test. */
    protected FakeClock clock;
    /** The journal under test. */
    protected JobJournal journal;

    /**
     * @param clock the clock of the test (lease expiry, timestamps)
     * @return a new journal over new, empty storage
     */
    protected abstract JobJournal newJournal(FakeClock clock);

    /**
     * @param journal the journal under test
     * @param clock the clock of the test
     * @return another instance over the same storage, as another process or platform instance opens it
     */
    protected abstract JobJournal reopen(JobJournal journal, FakeClock clock);

    @BeforeEach
    void freshJournal() {
        clock = FakeClock.atEpoch2026();
        journal = newJournal(clock);
    }

    /**
     * @param id the job's ID
     * @param createdAt when it started
     * @return a header with parameters of every shape a runner writes
     */
    protected static JobHeader header(String id, Instant createdAt) {
        return new JobHeader(id, KEY, Path.of("/data/users.csv"), "ab".repeat(32), Map.of("concurrency", "3",
                "numberPool.country", "SG", "policies.TeamsCallingPolicy", "Allow \"calling\" \u00e9\t\\",
                "resultsFile", "/data/out dir/users.results.csv"), createdAt);
    }

    private static JobHeader header(String id) {
        return header(id, Instant.parse("2026-11-22T10:00:00Z"));
    }

    private static JournalEntry entry(long line, JournalEntry.Kind kind) {
        return new JournalEntry(line, kind, Optional.of(PhoneNumber.parse("+6590000000;ext=12")),
                Optional.of(UUID.fromString("5b0f1a6e-0a7b-4b51-9f6e-0c1f0e7c9a11")), "", "",
                Instant.parse("2026-11-22T10:00:01Z"));
    }

    @Test
    void a_job_reads_back_in_another_instance_exactly_as_written() {
        journal.create(header("job-1"));
        JournalEntry awkward = new JournalEntry(3, JournalEntry.Kind.FAILED, Optional.empty(), Optional.empty(),
                "tab\there, newline\nthere, back\\slash, \u00fcml\u00e4ut", "fix it\r\n",
                Instant.parse("2026-11-22T10:00:02.123456Z"));
        journal.append("job-1", entry(2, JournalEntry.Kind.STARTED));
        journal.append("job-1", entry(2, JournalEntry.Kind.DONE));
        journal.append("job-1", awkward);

        JobJournal.JobRecord r = reopen(journal, clock).read("job-1").orElseThrow();
        assertThat(r.header()).isEqualTo(header("job-1"));
        assertThat(r.entries()).containsExactly(entry(2, JournalEntry.Kind.STARTED), entry(2, JournalEntry.Kind.DONE),
                awkward);
        assertThat(journal.read("no-such-job")).isEmpty();
    }

    @Test
    void a_job_id_is_created_once() {
        journal.create(header("job-1"));
        journal.append("job-1", entry(2, JournalEntry.Kind.DONE));
        assertThatThrownBy(() -> reopen(journal, clock).create(header("job-1"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("job-1").hasMessageContaining("exists already");
        assertThat(journal.read("job-1").orElseThrow().entries()).containsExactly(entry(2, JournalEntry.Kind.DONE));
    }

    @Test
    void jobs_are_listed_oldest_first() {
        assertThat(journal.jobIds()).isEmpty();
        journal.create(header("job-b", Instant.parse("2026-11-22T10:00:00Z")));
        journal.create(header("job-c", Instant.parse("2026-11-22T09:00:00Z")));
        journal.create(header("job-a", Instant.parse("2026-11-22T11:00:00Z")));
        assertThat(reopen(journal, clock).jobIds()).containsExactly("job-c", "job-b", "job-a");
    }

    @Test
    void one_runner_holds_a_job_at_a_time_and_the_lease_is_free_again_when_released() {
        journal.create(header("job-4"));
        JobJournal other = reopen(journal, clock);
        JobJournal.Lease lease = journal.lease("job-4");
        assertThatThrownBy(() -> other.lease("job-4")).isInstanceOf(JobBusyException.class)
                .hasMessageContaining("job-4");
        assertThatThrownBy(() -> journal.lease("job-4")).isInstanceOf(JobBusyException.class);
        lease.append(entry(2, JournalEntry.Kind.DONE));
        lease.close();
        try (JobJournal.Lease next = other.lease("job-4")) {
            assertThat(next.epoch()).isGreaterThan(lease.epoch());
        }
        assertThat(journal.read("job-4").orElseThrow().entries()).containsExactly(entry(2, JournalEntry.Kind.DONE));
    }

    @Test
    void a_lease_on_a_job_that_does_not_exist_is_refused_without_calling_it_busy() {
        assertThatThrownBy(() -> journal.lease("no-such-job")).isInstanceOf(StoreException.class)
                .isNotInstanceOf(JobBusyException.class);
    }

    @Test
    void a_runner_whose_lease_was_taken_over_cannot_write_and_the_job_stays_the_new_runners() {
        journal.create(header("job-5"));
        JobJournal second = reopen(journal, clock);
        JobJournal.Lease stale = journal.lease("job-5");
        stale.append(entry(2, JournalEntry.Kind.STARTED));
        stale.close(); // its lease ended (released, or lost) but one of its threads runs on
        JobJournal.Lease current = second.lease("job-5");
        assertThat(current.epoch()).isGreaterThan(stale.epoch());
        current.append(entry(2, JournalEntry.Kind.DONE));

        assertThatThrownBy(() -> stale.append(entry(2, JournalEntry.Kind.FAILED)))
                .isInstanceOfSatisfying(LeaseLostException.class, e -> {
                    assertThat(e.jobId()).isEqualTo("job-5");
                    assertThat(e.heldEpoch()).isEqualTo(stale.epoch());
                    assertThat(e.currentEpoch()).isEqualTo(current.epoch());
                });
        assertThat(second.read("job-5").orElseThrow().entries()).extracting(JournalEntry::kind)
                .containsExactly(JournalEntry.Kind.STARTED, JournalEntry.Kind.DONE);
        current.close();
    }

    @Test
    void entries_appended_together_read_back_in_order_and_a_lease_taken_over_appends_none_of_them() {
        journal.create(header("job-6"));
        JobJournal.Lease lease = journal.lease("job-6");
        lease.append(entry(1, JournalEntry.Kind.STARTED));
        lease.appendAll(List.of(entry(2, JournalEntry.Kind.STARTED), entry(3, JournalEntry.Kind.STARTED),
                entry(1, JournalEntry.Kind.DONE)));
        lease.appendAll(List.of());
        lease.close();
        assertThat(reopen(journal, clock).read("job-6").orElseThrow().entries())
                .extracting(JournalEntry::line, JournalEntry::kind).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, JournalEntry.Kind.STARTED),
                        org.assertj.core.groups.Tuple.tuple(2L, JournalEntry.Kind.STARTED),
                        org.assertj.core.groups.Tuple.tuple(3L, JournalEntry.Kind.STARTED),
                        org.assertj.core.groups.Tuple.tuple(1L, JournalEntry.Kind.DONE));

        JobJournal.Lease next = reopen(journal, clock).lease("job-6");
        assertThatThrownBy(() -> lease.appendAll(List.of(entry(2, JournalEntry.Kind.DONE),
                entry(3, JournalEntry.Kind.DONE)))).isInstanceOf(LeaseLostException.class);
        assertThat(journal.read("job-6").orElseThrow().entries()).hasSize(4);
        next.close();
    }
}
