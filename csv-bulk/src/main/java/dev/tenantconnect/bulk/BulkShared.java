package dev.tenantconnect.bulk;

import dev.tenantconnect.core.job.JobHeader;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.core.job.JobUnits;
import dev.tenantconnect.core.job.LeaseLostException;
import dev.tenantconnect.core.job.WorkUnit;
import dev.tenantconnect.core.resilience.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One runner's part in a job split into work units: it claims a unit, re-plans that unit's rows against the tenant
 * (rows another runner concluded are not redone; rows it left in flight are reconciled, its reserved numbers reused),
 * runs them under the unit's fenced lease and completes the unit, then claims the next — until every unit is done.
 * When nothing can be claimed (the rest held by other runners, or in a later stage), it waits and looks again, so the
 * unit of a runner that died is taken over once its lease has run out. The results file is the job's last unit:
 * written by exactly one runner, after every row unit is done.
 */
final class BulkShared implements BulkJob {
    private static final Logger LOG = LoggerFactory.getLogger(BulkAssignments.class);
    /** How long a runner with nothing to claim waits before it looks again. */
    static final Duration POLL = Duration.ofMillis(200);

    private final BulkWiring w;
    private final BulkResults results;
    private final BulkRecovery recovery;
    private final JobJournal journal;
    private final JobUnits units;
    private final JobHeader h;
    private final ProgressListener listener;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Instant started;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final CompletableFuture<BulkReport> result = new CompletableFuture<>();
    private volatile BulkRun current;

    BulkShared(BulkWiring w, BulkResults results, BulkRecovery recovery, JobUnits units, JobHeader h,
            ProgressListener listener) {
        this.w = w;
        this.results = results;
        this.recovery = recovery;
        this.journal = w.journal;
        this.units = units;
        this.h = h;
        this.listener = listener;
        this.sleeper = w.sleeper;
        this.clock = w.clock;
        this.started = clock.instant();
    }

    void begin() {
        // the rows this instance writes are audited as the operator who started or joined the job here
        Thread runner = new Thread(dev.tenantconnect.core.audit.Auditor.carrying(this::work),
                "tenantconnect-bulk-join-" + h.jobId().substring(0, 8));
        runner.setDaemon(true);
        runner.start();
    }

    private void work() {
        try {
            List<BulkRow> rows = recovery.rows(h);
            int worked = 0;
            while (!stop.get()) {
                Optional<JobUnits.UnitLease> claim = units.claim(h.jobId());
                if (claim.isEmpty()) {
                    if (units.units(h.jobId()).stream().allMatch(WorkUnit::done)) {
                        break;
                    }
                    sleeper.sleep(POLL);
                    continue;
                }
                try (JobUnits.UnitLease lease = claim.get()) {
                    if (work(lease, rows)) {
                        worked++;
                    }
                } catch (LeaseLostException e) {
                    LOG.warn("bulk job {}: work unit {} was taken over by another runner (this one stalled past "
                            + "its lease); going on with another unit", h.jobId(), claim.get().unit().index());
                }
            }
            List<Long> lines = units.units(h.jobId()).stream().flatMap(u -> u.lines().stream()).toList();
            BulkReport r = results.report(h, lines, Duration.between(started, clock.instant()), stop.get());
            LOG.info("bulk job {}: this runner completed {} work units; {}", h.jobId(), worked, r.summary());
            result.complete(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(new java.util.concurrent.CancellationException("interrupted"));
        } catch (RuntimeException e) {
            LOG.error("bulk job {}: this runner stopped: {}", h.jobId(), e.toString());
            result.completeExceptionally(e);
        }
    }

    /**
     * Works one claimed unit, its lease renewed by a heartbeat from the claim to the end (planning the unit against
     * the tenant included); true when it was completed.
     */
    private boolean work(JobUnits.UnitLease lease, List<BulkRow> rows) {
        AtomicBoolean lost = new AtomicBoolean();
        Thread beat = heartbeat(lease, lost);
        try {
            return workHeld(lease, rows, lost);
        } finally {
            beat.interrupt();
            try {
                beat.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean workHeld(JobUnits.UnitLease lease, List<BulkRow> rows, AtomicBoolean lost) {
        WorkUnit unit = lease.unit();
        if (unit.lines().isEmpty()) { // the job's last unit: the results file, once every row is concluded
            results.results(h, Duration.between(started, clock.instant()), false);
            lease.complete();
            return true;
        }
        Set<Long> lines = Set.copyOf(unit.lines());
        JobJournal.JobRecord rec = journal.read(h.jobId()).orElseThrow();
        BulkRecovery.Remaining left = recovery.remaining(rec, rows, lines::contains, false);
        BulkRun run = new BulkRun(w, results, h, left.planned(), left.allocated(), left.inFlight(), listener, lease,
                true);
        current = run;
        if (stop.get() || lost.get()) {
            run.stop();
        }
        run.drive();
        run.await(); // rethrows what stopped the unit (a lost lease among others)
        if (lost.get()) {
            throw new LeaseLostException(h.jobId(), lease.epoch(), 0);
        }
        if (run.stop.get() || run.finished.get() < run.rows.size()) {
            // stopped (asked to): the unit's rows left stay for a runner that resumes or joins
            stop.set(true);
            return false;
        }
        lease.complete();
        return true;
    }

    /**
     * Renews the unit's lease every third of its time while the unit runs, so that a slow row (confirmation rounds,
     * throttling) never lets another runner take over a unit this one is still working; a runner that dies stops
     * renewing. A renewal refused (the unit was taken over after all: this process stalled) stops the run and
     * marks the unit {@code lost}.
     */
    private Thread heartbeat(JobUnits.UnitLease lease, AtomicBoolean lost) {
        Duration every = lease.ttl().dividedBy(3);
        Thread beat = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    sleeper.sleep(every);
                    lease.renew();
                } catch (InterruptedException e) {
                    return;
                } catch (LeaseLostException e) {
                    LOG.warn("bulk job {}: work unit {} was taken over by another runner; stopping it here",
                            h.jobId(), lease.unit().index());
                    lost.set(true);
                    BulkRun run = current;
                    if (run != null) {
                        run.stop();
                    }
                    return;
                } catch (RuntimeException e) { // the database, briefly: the next beat tries again
                    LOG.warn("bulk job {}: renewing work unit {} failed: {}", h.jobId(), lease.unit().index(),
                            e.toString());
                }
            }
        }, "tenantconnect-bulk-heartbeat-" + h.jobId().substring(0, 8));
        beat.setDaemon(true);
        beat.start();
        return beat;
    }

    @Override
    public String jobId() {
        return h.jobId();
    }

    @Override
    public void stop() {
        stop.set(true);
        BulkRun run = current;
        if (run != null) {
            run.stop();
        }
    }

    @Override
    public BulkReport await() {
        try {
            return result.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}
