package dev.tenantconnect.bulk;

import dev.tenantconnect.bulk.internal.JobParameters;
import dev.tenantconnect.bulk.internal.Remediation;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.job.JobHeader;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.core.job.JobUnits;
import dev.tenantconnect.core.job.WorkUnit;
import dev.tenantconnect.core.job.JournalEntry;
import dev.tenantconnect.core.model.PhoneNumber;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts jobs: a new job from a runnable plan (run here, or split into work units any instance can join), or another
 * run of a journalled job over the rows it has left.
 */
final class BulkRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BulkAssignments.class);

    private final BulkWiring w;
    private final BulkResults results;
    private final JobJournal journal;
    private final Clock clock;

    private final BulkRecovery recovery;

    BulkRunner(BulkWiring w, BulkResults results, BulkPlanner planner) {
        this.w = w;
        this.results = results;
        this.journal = w.journal;
        this.clock = w.clock;
        this.recovery = new BulkRecovery(w, planner, this);
    }

    /** @return the recovery of this runner's jobs */
    BulkRecovery recovery() {
        return recovery;
    }

    /** Journals a new job for a runnable plan (rows the file checks rejected fail up front) and starts it. */
    BulkJob start(BulkPlan plan, ProgressListener listener) {
        JobHeader header = create(plan);
        return launch(header, plan.rows(), Map.of(), Set.of(), listener);
    }

    /** See {@link BulkAssignments#startJoinable}. */
    BulkJob startJoinable(BulkPlan plan, int unitRows, ProgressListener listener) {
        JobUnits units = units();
        if (unitRows < 1) {
            throw new ValidationException("unitRows", "must be at least 1");
        }
        if (plan.options().failurePolicy() == FailurePolicy.STOP_AT_FIRST_FAILURE) {
            throw new ValidationException("failurePolicy", "a job several instances work runs with CONTINUE: "
                    + "stopping at the first failure would stop only the instance that met it");
        }
        if (!plan.runnable()) {
            refuse(plan);
        }
        JobHeader header = create(plan);
        units.split(header.jobId(), split(plan.rows(), unitRows));
        LOG.info("bulk job {} split into work units of up to {} rows: any instance can join it", header.jobId(),
                unitRows);
        return join(header.jobId(), listener);
    }

    /** See {@link BulkAssignments#join}. */
    BulkJob join(String jobId, ProgressListener listener) {
        JobUnits units = units();
        JobHeader h = journal.read(jobId).orElseThrow(() -> new ValidationException("jobId",
                "no bulk job with this ID")).header();
        if (units.units(jobId).isEmpty()) {
            throw new ValidationException("jobId", "bulk job " + jobId + " was not started to be joined "
                    + "(startJoinable); resume it instead");
        }
        BulkShared shared = new BulkShared(w, results, recovery, units, h, listener);
        shared.begin();
        return shared;
    }

    private JobUnits units() {
        if (journal instanceof JobUnits units) {
            return units;
        }
        throw new ConfigurationException("a job several instances work needs a job journal they share that splits "
                + "jobs into work units (JdbcJobJournal); " + journal.getClass().getSimpleName() + " does not");
    }

    /**
     * The work units of a job's rows: rows that name their number first (stage 0), then rows that pick one from the
     * pool (stage 1), so that a picked number is never one a row of the file names, then the results file (a unit
     * without rows, last).
     */
    static List<WorkUnit> split(List<PlannedRow> rows, int unitRows) {
        List<WorkUnit> units = new ArrayList<>();
        List<List<Long>> stages = List.of(rows.stream().filter(r -> !r.operations().contains(Operation.ALLOCATE))
                .map(r -> r.row().line()).sorted().toList(), rows.stream().filter(r -> r.operations().contains(
                        Operation.ALLOCATE)).map(r -> r.row().line()).sorted().toList());
        for (int stage = 0; stage < stages.size(); stage++) {
            List<Long> lines = stages.get(stage);
            for (int from = 0; from < lines.size(); from += unitRows) {
                units.add(WorkUnit.of(units.size(), stage, lines.subList(from, Math.min(lines.size(),
                        from + unitRows))));
            }
        }
        units.add(WorkUnit.of(units.size(), stages.size(), List.of()));
        return units;
    }

    private static void refuse(BulkPlan plan) {
        List<RowProblem> problems = plan.problems();
        throw new ValidationException("file", "the file has " + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + " and nothing was written; first: "
                + problems.stream().limit(5).map(RowProblem::toString).toList());
    }

    private JobHeader create(BulkPlan plan) {
        if (!plan.runnable()) {
            refuse(plan);
        }
        String jobId = UUID.randomUUID().toString();
        JobHeader header = new JobHeader(jobId, plan.key(), plan.source().toAbsolutePath(), plan.file().sha256(),
                JobParameters.of(plan.options()), clock.instant());
        journal.create(header);
        Map<Long, List<RowProblem>> invalid = new LinkedHashMap<>();
        plan.file().problems().stream().filter(p -> p.line() > 0)
                .forEach(p -> invalid.computeIfAbsent(p.line(), l -> new ArrayList<>()).add(p));
        // rows the file checks rejected (run with InvalidRows.SKIP_ROWS) are failed up front, with every problem
        invalid.forEach((line, ps) -> journal.append(jobId, new JournalEntry(line, JournalEntry.Kind.FAILED,
                Optional.empty(), Optional.empty(), String.join("; ", ps.stream().map(p -> p.column() + ": "
                        + p.rule()).toList()), Remediation.forCodes(ps.stream().map(RowProblem::code).toList()),
                clock.instant())));
        LOG.info("bulk job {} created for tenant {}: {} rows, {} to apply", jobId, plan.key().tenant(),
                plan.file().rows(), plan.writes());
        return header;
    }

    /** Takes the job's lease and runs the given rows in the background. */
    BulkJob launch(JobHeader h, List<PlannedRow> rows, Map<Long, PhoneNumber> allocated, Set<Long> inFlight,
            ProgressListener listener) {
        JobJournal.Lease lease = journal.lease(h.jobId());
        BulkRun run = new BulkRun(w, results, h, rows, allocated, inFlight, listener, lease, false);
        run.begin();
        return run;
    }
}
