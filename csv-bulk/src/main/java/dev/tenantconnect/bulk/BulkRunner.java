package dev.tenantconnect.bulk;

import dev.tenantconnect.bulk.internal.JobParameters;
import dev.tenantconnect.bulk.internal.Remediation;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.job.JobHeader;
import dev.tenantconnect.core.job.JobJournal;
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

/** Starts jobs: a new job from a runnable plan, or another run of a journalled job over the rows it has left. */
final class BulkRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BulkAssignments.class);

    private final BulkWiring w;
    private final BulkResults results;
    private final JobJournal journal;
    private final Clock clock;

    BulkRunner(BulkWiring w, BulkResults results) {
        this.w = w;
        this.results = results;
        this.journal = w.journal;
        this.clock = w.clock;
    }

    /** Journals a new job for a runnable plan (rows the file checks rejected fail up front) and starts it. */
    BulkJob start(BulkPlan plan, ProgressListener listener) {
        if (!plan.runnable()) {
            List<RowProblem> problems = plan.problems();
            throw new ValidationException("file", "the file has " + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + " and nothing was written; first: "
                    + problems.stream().limit(5).map(RowProblem::toString).toList());
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
        return launch(header, plan.rows(), Map.of(), Set.of(), listener);
    }

    /** Takes the job's lease and runs the given rows in the background. */
    BulkJob launch(JobHeader h, List<PlannedRow> rows, Map<Long, PhoneNumber> allocated, Set<Long> inFlight,
            ProgressListener listener) {
        JobJournal.Lease lease = journal.lease(h.jobId());
        BulkRun run = new BulkRun(w, results, h, rows, allocated, inFlight, listener, lease);
        run.begin();
        return run;
    }
}
