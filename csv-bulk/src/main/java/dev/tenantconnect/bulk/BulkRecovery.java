package dev.tenantconnect.bulk;

import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.job.JobHeader;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.core.job.JobUnits;
import dev.tenantconnect.core.job.JournalEntry;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.number.NumberState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import static dev.tenantconnect.bulk.BulkResults.holderPrefix;
import static dev.tenantconnect.bulk.BulkResults.lastByLine;
import static dev.tenantconnect.bulk.BulkResults.options;

/**
 * Resumes a journalled job: finds the rows in flight and the numbers reserved for them (also those whose ALLOCATED
 * entry a crash lost), keeps a failed row's number only while the inventory still holds it for the tenant, re-plans
 * every row not done or skipped against the tenant, and runs them under the job's lease (taking it over from a
 * runner that died).
 */
final class BulkRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(BulkAssignments.class);

    private final JobJournal journal;
    private final BulkFileFormat format;
    private final NumberInventory inventory;
    private final BulkPlanner planner;
    private final BulkRunner runner;

    BulkRecovery(BulkWiring w, BulkPlanner planner, BulkRunner runner) { // built by the runner
        this.journal = w.journal;
        this.format = w.format;
        this.inventory = w.inventory;
        this.planner = planner;
        this.runner = runner;
    }

    /** See {@link BulkAssignments#resume(String, ProgressListener)}. */
    BulkReport resume(String jobId, ProgressListener listener) {
        JobJournal.JobRecord rec = journal.read(jobId).orElseThrow(() -> new ValidationException("jobId",
                "no bulk job with this ID"));
        if (journal instanceof JobUnits units && !units.units(jobId).isEmpty()) {
            // a job split into work units is resumed by joining it: the units left are worked like any joiner's
            return runner.join(jobId, listener).await();
        }
        JobHeader h = rec.header();
        Remaining r = remaining(rec, rows(h), line -> true, true);
        LOG.info("bulk job {} resumed: {} rows left, {} were in flight", jobId, r.planned().size(),
                r.inFlight().size());
        return runner.launch(h, r.planned(), r.allocated(), r.inFlight(), listener).await();
    }

    /**
     * @param h a job
     * @return the rows of its file
     * @throws ValidationException if the file changed since the job started
     */
    List<BulkRow> rows(JobHeader h) {
        List<BulkRow> rows = new ArrayList<>();
        FileReport report = format.read(h.source(), rows::add);
        if (!report.sha256().equals(h.sha256())) {
            throw new ValidationException("file", "changed since job " + h.jobId() + " started; start a new job "
                    + "with the changed file instead");
        }
        return rows;
    }

    /**
     * What is left of a job, planned again against the tenant.
     *
     * @param planned the rows to run, planned against the tenant now
     * @param allocated numbers reserved for rows earlier, by line
     * @param inFlight rows started and not concluded
     */
    record Remaining(List<PlannedRow> planned, Map<Long, PhoneNumber> allocated, Set<Long> inFlight) {
    }

    /**
     * Finds what is left of the rows {@code which} accepts: rows in flight and the numbers reserved for them (also
     * those whose ALLOCATED entry a crash lost), and re-plans every row not concluded — failed rows too when
     * {@code retryFailed} — against the tenant.
     */
    Remaining remaining(JobJournal.JobRecord rec, List<BulkRow> rows, java.util.function.LongPredicate which,
            boolean retryFailed) {
        JobHeader h = rec.header();
        String jobId = h.jobId();
        List<JournalEntry> entries = rec.entries().stream().filter(e -> which.test(e.line())).toList();
        Map<Long, JournalEntry> last = lastByLine(entries);
        Set<Long> inFlight = new LinkedHashSet<>();
        Map<Long, PhoneNumber> allocated = new HashMap<>();
        for (JournalEntry e : entries) {
            if (e.kind() == JournalEntry.Kind.ALLOCATED) {
                allocated.put(e.line(), e.number().orElseThrow());
            }
        }
        last.forEach((line, e) -> {
            if (!e.kind().terminal()) {
                inFlight.add(line);
            }
        });
        // a number reserved for a row whose ALLOCATED entry was lost in a crash is found by its holder (rows that
        // never started reserved nothing: a fresh share of a job needs no look)
        if (!entries.isEmpty()) {
            for (InventoryNumber n : inventory.byTenant(h.key().tenant())) {
                n.reservation().filter(r -> r.holder().startsWith(holderPrefix(jobId))).ifPresent(r -> {
                    long line = Long.parseLong(r.holder().substring(holderPrefix(jobId).length()));
                    if (which.test(line) && n.status().state() == NumberState.RESERVED && !last.getOrDefault(line,
                            dummy(line)).kind().terminal()) {
                        allocated.putIfAbsent(line, n.number());
                    }
                });
            }
        }
        // a failed row keeps its number only while the inventory still holds it for this tenant (reserved by this
        // row, or left in the tenant unassigned); a number released back to the pool is picked afresh
        last.forEach((line, e) -> {
            if (e.kind() == JournalEntry.Kind.FAILED && allocated.containsKey(line)) {
                boolean held = inventory.find(allocated.get(line)).map(n -> n.status().state() == NumberState.IN_TENANT
                        && n.tenant().map(h.key().tenant()::equals).orElse(false)
                        || n.status().state() == NumberState.RESERVED && n.reservation().map(r -> r.holder()
                                .equals(holderPrefix(jobId) + line)).orElse(false)).orElse(false);
                if (!held) {
                    allocated.remove(line);
                }
            }
        });
        List<BulkRow> todo = new ArrayList<>();
        for (BulkRow r : rows) {
            if (!which.test(r.line())) {
                continue;
            }
            JournalEntry e = last.get(r.line());
            if (e != null && e.kind().terminal() && (e.kind() != JournalEntry.Kind.FAILED || !retryFailed)) {
                continue;
            }
            PhoneNumber reserved = allocated.get(r.line());
            todo.add(reserved == null || r.number().isPresent() ? r : new BulkRow(r.line(), r.extKey(),
                    Optional.of(reserved), true, r.user(), r.addonCodes(), r.addons(), r.cells()));
        }
        return new Remaining(todo.isEmpty() ? List.of() : planner.planRows(h.key(), todo, options(h)), allocated,
                inFlight);
    }

    private static JournalEntry dummy(long line) {
        return new JournalEntry(line, JournalEntry.Kind.STARTED, Optional.empty(), Optional.empty(), "", "",
                Instant.EPOCH);
    }
}
