package dev.tenantconnect.bulk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a run (or resume) of a bulk job did.
 *
 * @param jobId the job (resume it with this ID)
 * @param outcomes every row of the file, in file order, exactly once
 * @param resultsFile where the results file was written
 * @param elapsed how long this run took
 * @param stopped whether the run stopped before every row finished (see {@link RowStatus#PENDING})
 */
public record BulkReport(String jobId, List<RowOutcome> outcomes, Path resultsFile, Duration elapsed,
        boolean stopped) {
    /** Validates and copies. */
    public BulkReport {
        Objects.requireNonNull(jobId, "jobId");
        outcomes = List.copyOf(outcomes);
        Objects.requireNonNull(resultsFile, "resultsFile");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * @param status a status
     * @return how many rows ended with it
     */
    public long count(RowStatus status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** @return whether every row is done or skipped */
    public boolean complete() {
        return count(RowStatus.FAILED) == 0 && count(RowStatus.PENDING) == 0;
    }

    /** @return one line: counts, elapsed, results file */
    public String summary() {
        return "job " + jobId + ": " + count(RowStatus.DONE) + " done, " + count(RowStatus.SKIPPED) + " skipped, "
                + count(RowStatus.FAILED) + " failed, " + count(RowStatus.PENDING) + " pending in "
                + elapsed.toMillis() + " ms; results in " + resultsFile;
    }
}
