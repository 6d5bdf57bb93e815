package dev.tenantconnect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.job.JobBusyException;
import dev.tenantconnect.core.job.JobHeader;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.core.job.JournalEntry;
import dev.tenantconnect.core.job.LeaseLostException;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.error.StoreException;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.testing.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the database journal adds to the journal contract ({@link JdbcContractTests}): leases run out, progress renews
 * them, and a runner that stalled past its lease is fenced off.
 */
class JdbcJobJournalTest {
    static final CredentialKey KEY = new CredentialKey(TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e1"),
            ServiceId.of("oc-main"));

    private static DataSource db(String name) {
        Supplier<DataSource> s = name.equals("postgres") ? Databases::postgres : Databases::h2;
        return s.get();
    }

    private static JobHeader header(String id) {
        return new JobHeader(id, KEY, Path.of("/data/users.csv"), "cd".repeat(32), Map.of("concurrency", "4"),
                Instant.parse("2026-11-22T10:00:00Z"));
    }

    private static JournalEntry entry(long line, JournalEntry.Kind kind) {
        return new JournalEntry(line, kind, Optional.of(PhoneNumber.parse("+6590000000;ext=7")),
                Optional.of(UUID.fromString("5b0f1a6e-0a7b-4b51-9f6e-0c1f0e7c9a11")), "error\twith\ttabs", "fix",
                Instant.parse("2026-11-22T10:00:01Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void one_runner_per_job_and_a_crashed_runners_lease_is_taken_over_when_it_runs_out(String database) {
        DataSource ds = db(database);
        FakeClock clock = FakeClock.atEpoch2026();
        JdbcJobJournal instanceA = new JdbcJobJournal(ds, clock, Duration.ofMinutes(5));
        JdbcJobJournal instanceB = new JdbcJobJournal(ds, clock, Duration.ofMinutes(5));
        instanceA.create(header("job-3"));

        JobJournal.Lease held = instanceA.lease("job-3");
        assertThatThrownBy(() -> instanceB.lease("job-3")).isInstanceOf(JobBusyException.class);
        clock.advance(Duration.ofMinutes(4));
        instanceA.append("job-3", entry(2, JournalEntry.Kind.DONE)); // progress renews the lease
        clock.advance(Duration.ofMinutes(4));
        assertThatThrownBy(() -> instanceB.lease("job-3")).as("8 minutes in, renewed at 4")
                .isInstanceOf(JobBusyException.class);

        // instance A crashes: it never releases; its lease runs out 5 minutes after its last progress
        clock.advance(Duration.ofMinutes(2));
        JobJournal.Lease takenOver = instanceB.lease("job-3");
        held.close(); // A's late release does not free B's lease
        assertThatThrownBy(() -> instanceA.lease("job-3")).isInstanceOf(JobBusyException.class);
        takenOver.close();
        instanceA.lease("job-3").close();
        assertThatThrownBy(() -> instanceA.lease("no-such-job")).isInstanceOf(StoreException.class)
                .isNotInstanceOf(JobBusyException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_runner_paused_past_its_lease_is_fenced_off_and_the_job_stays_the_new_runners(String database) {
        DataSource ds = db(database);
        FakeClock clock = FakeClock.atEpoch2026();
        JdbcJobJournal instanceA = new JdbcJobJournal(ds, clock, Duration.ofMinutes(5));
        JdbcJobJournal instanceB = new JdbcJobJournal(ds, clock, Duration.ofMinutes(5));
        instanceA.create(header("job-5"));
        JobJournal.Lease a = instanceA.lease("job-5");
        a.append(entry(2, JournalEntry.Kind.STARTED));

        clock.advance(Duration.ofMinutes(6)); // A stalls (a long GC pause, a frozen VM) past its lease
        JobJournal.Lease b = instanceB.lease("job-5");
        assertThat(b.epoch()).isGreaterThan(a.epoch());
        b.append(entry(2, JournalEntry.Kind.STARTED));
        b.append(entry(2, JournalEntry.Kind.DONE));

        // A wakes up and carries on writing as if nothing happened
        assertThatThrownBy(() -> a.append(entry(2, JournalEntry.Kind.FAILED)))
                .isInstanceOfSatisfying(LeaseLostException.class, e -> {
                    assertThat(e.heldEpoch()).isEqualTo(a.epoch());
                    assertThat(e.currentEpoch()).isEqualTo(b.epoch());
                });
        a.close(); // nor does its late release free B's lease
        assertThatThrownBy(() -> instanceA.lease("job-5")).isInstanceOf(JobBusyException.class);
        assertThat(instanceA.read("job-5").orElseThrow().entries()).extracting(JournalEntry::kind).containsExactly(
                JournalEntry.Kind.STARTED, JournalEntry.Kind.STARTED, JournalEntry.Kind.DONE);
        b.append(entry(3, JournalEntry.Kind.DONE));
        b.close();
    }
}
