package dev.tenantconnect.bulk;

import dev.tenantconnect.bulk.internal.JobParameters;
import dev.tenantconnect.bulk.internal.ResultsWriter;
import dev.tenantconnect.core.job.JobHeader;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.core.job.JournalEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds a job's report and results file from its journal: every row of the file exactly once. */
final class BulkResults {
    private static final Logger LOG = LoggerFactory.getLogger(BulkAssignments.class);

    private final JobJournal journal;
    private final BulkFileFormat format;

    BulkResults(BulkWiring w) {
        this.journal = w.journal;
        this.format = w.format;
    }

    /** Builds the report and the results file of a job from its journal: every row of the file exactly once. */
    BulkReport results(JobHeader h, Duration elapsed, boolean stopped) {
        List<JournalEntry> entries = journal.read(h.jobId()).orElseThrow().entries();
        Map<Long, JournalEntry> last = lastByLine(entries);
        List<RowOutcome> outcomes = new ArrayList<>();
        Path results = options(h).resultsFile().orElseGet(() -> defaultResults(h.source()));
        String sha = ResultsWriter.write(records -> format.readRaw(h.source(), records::accept).sha256(), results,
                line -> {
                    RowOutcome o = outcome(line, last.get(line));
                    outcomes.add(o);
                    return new ResultsWriter.Row(o.status().text(), o.number().map(n -> n.digits()
                            + n.extension().map(x -> ";ext=" + x).orElse("")).orElse(""),
                            o.user().map(UUID::toString).orElse(""), o.error(), o.remediation());
                });
        if (!sha.equals(h.sha256())) {
            LOG.warn("bulk job {}: the input file changed while the job ran; the results follow the new file",
                    h.jobId());
        }
        BulkReport r = BulkReport.builder(h.jobId(), results).outcomes(outcomes).elapsed(elapsed).stopped(stopped).build();
        LOG.info("{}", r.summary());
        return r;
    }

    /**
     * The report of a job several runners worked, from its journal, without writing the results file (the runner of
     * the job's last work unit writes it, once).
     *
     * @param h the job
     * @param lines every line of the job's rows
     * @param elapsed how long this runner worked on it
     * @param stopped whether this runner stopped before the job was done
     * @return the report: every line exactly once
     */
    BulkReport report(JobHeader h, java.util.Collection<Long> lines, Duration elapsed, boolean stopped) {
        Map<Long, JournalEntry> last = lastByLine(journal.read(h.jobId()).orElseThrow().entries());
        java.util.SortedSet<Long> all = new java.util.TreeSet<>(lines);
        all.addAll(last.keySet());
        List<RowOutcome> outcomes = all.stream().map(line -> outcome(line, last.get(line))).toList();
        return BulkReport.builder(h.jobId(), options(h).resultsFile().orElseGet(() -> defaultResults(h.source())))
                .outcomes(outcomes).elapsed(elapsed).stopped(stopped).build();
    }

    private static RowOutcome outcome(long line, JournalEntry e) {
        if (e == null || !e.kind().terminal()) {
            return RowOutcome.builder(line, RowStatus.PENDING).build();
        }
        RowOutcome.Builder b = RowOutcome.builder(line, switch (e.kind()) {
            case DONE -> RowStatus.DONE;
            case SKIPPED -> RowStatus.SKIPPED;
            default -> RowStatus.FAILED;
        }).error(e.error()).remediation(e.remediation());
        e.number().ifPresent(b::number);
        e.user().ifPresent(b::user);
        return b.build();
    }

    private static Path defaultResults(Path source) {
        String name = source.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4)
                : name;
        return source.toAbsolutePath().resolveSibling(stem + ".results.csv");
    }

    /** The last entry of every line that has one (allocations aside: they record a number, not a row's state). */
    static Map<Long, JournalEntry> lastByLine(List<JournalEntry> entries) {
        Map<Long, JournalEntry> last = new LinkedHashMap<>();
        for (JournalEntry e : entries) {
            if (e.kind() != JournalEntry.Kind.ALLOCATED) {
                last.put(e.line(), e);
            }
        }
        return last;
    }

    /** @return the options a job runs with, from its header */
    static BulkOptions options(JobHeader h) {
        return JobParameters.options(h.parameters());
    }

    /** @return the reservation holder prefix of a job's rows (the row's line follows) */
    static String holderPrefix(String jobId) {
        return "bulk:" + jobId + ":";
    }
}
