package dev.tenantconnect.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.error.StoreException;
import dev.tenantconnect.core.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link JobUnits} must pass (a journal that lets several instances work one job): a unit is
 * held by one runner at a time, later stages wait for earlier ones, a unit whose runner stopped renewing its lease is
 * claimed again with a greater epoch, and the stale runner's writes and completion are refused. Published in the core
 * test-jar; extend it and implement {@link #newJournal(FakeClock, Duration)} and {@link #reopen}.
 */
public abstract class JobUnitsContract {
    /** How long a unit's lease lasts without progress, in these tests. */
    protected static final Duration LEASE = Duration.ofMinutes(5);

    /** The clock of the test. */
    protected FakeClock clock;
    private JobJournal journal;
    private JobUnits units;

    /**
     * @param clock the clock of the test
     * @param lease how long a unit's lease lasts without progress
     * @return a new journal over new, empty storage, that also splits jobs
     */
    protected abstract JobJournal newJournal(FakeClock clock, Duration lease);

    /**
     * @param journal the journal under test
     * @param clock the clock of the test
     * @return another instance over the same storage, as another platform instance opens it
     */
    protected abstract JobJournal reopen(JobJournal journal, FakeClock clock);

    @BeforeEach
    void freshJournal() {
        clock = FakeClock.atEpoch2026();
        journal = newJournal(clock, LEASE);
        units = (JobUnits) journal;
    }

    private void job(String id, List<WorkUnit> split) {
        journal.create(JobJournalContract.header(id, Instant.parse("2026-11-22T10:00:00Z")));
        units.split(id, split);
    }

    private static JournalEntry entry(long line, JournalEntry.Kind kind) {
        return new JournalEntry(line, kind, Optional.empty(), Optional.empty(), "", "",
                Instant.parse("2026-11-22T10:00:01Z"));
    }

    @Test
    void units_read_back_as_split_and_a_job_is_split_once() {
        List<WorkUnit> split = List.of(WorkUnit.of(0, 0, List.of(2L, 3L, 5L)), WorkUnit.of(1, 1, List.of(4L)),
                WorkUnit.of(2, 2, List.of()));
        job("split-1", split);
        assertThat(((JobUnits) reopen(journal, clock)).units("split-1")).isEqualTo(split);
        assertThatThrownBy(() -> units.split("split-1", split)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> units.split("no-such-job", split)).isInstanceOf(StoreException.class);
        assertThat(units.units("no-such-job")).isEmpty();
    }

    @Test
    void each_runner_claims_a_different_unit_and_a_later_stage_waits_for_the_earlier_ones() {
        job("split-2", List.of(WorkUnit.of(0, 0, List.of(2L)), WorkUnit.of(1, 0, List.of(3L)),
                WorkUnit.of(2, 1, List.of(4L))));
        JobUnits other = (JobUnits) reopen(journal, clock);
        JobUnits.UnitLease a = units.claim("split-2").orElseThrow();
        JobUnits.UnitLease b = other.claim("split-2").orElseThrow();
        assertThat(List.of(a.unit().index(), b.unit().index())).containsExactly(0, 1);
        assertThat(units.claim("split-2")).as("stage 1 waits while stage 0 runs").isEmpty();

        a.complete();
        assertThat(other.claim("split-2")).as("stage 0 not done yet").isEmpty();
        b.close(); // released unfinished: free again at once
        JobUnits.UnitLease again = units.claim("split-2").orElseThrow();
        assertThat(again.unit().index()).isEqualTo(1);
        assertThat(again.epoch()).isGreaterThan(b.epoch());
        again.complete();

        JobUnits.UnitLease last = other.claim("split-2").orElseThrow();
        assertThat(last.unit()).isEqualTo(WorkUnit.of(2, 1, List.of(4L)));
        last.complete();
        assertThat(units.claim("split-2")).isEmpty();
        assertThat(units.units("split-2")).allMatch(WorkUnit::done);
    }

    @Test
    void a_unit_whose_runner_stopped_is_claimed_again_after_its_lease_and_the_stale_runner_is_fenced_off() {
        job("split-3", List.of(WorkUnit.of(0, 0, List.of(2L, 3L))));
        JobJournal second = reopen(journal, clock);
        JobUnits.UnitLease stale = units.claim("split-3").orElseThrow();
        stale.append(entry(2, JournalEntry.Kind.STARTED));
        clock.advance(LEASE.minusSeconds(1));
        stale.append(entry(2, JournalEntry.Kind.DONE)); // progress renews the lease
        clock.advance(LEASE.minusSeconds(1));
        stale.renew(); // so does a heartbeat
        assertThat(stale.ttl()).isEqualTo(LEASE);
        clock.advance(LEASE.minusSeconds(1));
        assertThat(((JobUnits) second).claim("split-3")).as("renewed: still held").isEmpty();
        clock.advance(Duration.ofSeconds(2));

        JobUnits.UnitLease current = ((JobUnits) second).claim("split-3").orElseThrow();
        assertThat(current.epoch()).isGreaterThan(stale.epoch());
        current.append(entry(3, JournalEntry.Kind.DONE));
        assertThatThrownBy(() -> stale.append(entry(3, JournalEntry.Kind.FAILED)))
                .isInstanceOfSatisfying(LeaseLostException.class, e -> {
                    assertThat(e.jobId()).isEqualTo("split-3");
                    assertThat(e.heldEpoch()).isEqualTo(stale.epoch());
                    assertThat(e.currentEpoch()).isEqualTo(current.epoch());
                });
        assertThatThrownBy(stale::complete).isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(stale::renew).isInstanceOf(LeaseLostException.class);
        stale.close(); // releasing a lost claim changes nothing
        assertThat(units.claim("split-3")).isEmpty();

        current.complete();
        assertThat(second.read("split-3").orElseThrow().entries()).extracting(JournalEntry::line,
                JournalEntry::kind).containsExactly(org.assertj.core.groups.Tuple.tuple(2L, JournalEntry.Kind.STARTED),
                        org.assertj.core.groups.Tuple.tuple(2L, JournalEntry.Kind.DONE),
                        org.assertj.core.groups.Tuple.tuple(3L, JournalEntry.Kind.DONE));
        assertThat(units.units("split-3")).singleElement().satisfies(u -> assertThat(u.done()).isTrue());
    }
}
