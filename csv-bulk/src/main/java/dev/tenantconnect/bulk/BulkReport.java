package dev.tenantconnect.bulk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a run (or resume) of a bulk job did. Built by name ({@link #builder(String, Path)}), so a field added later
 * breaks no caller.
 */
public final class BulkReport {
    private final String jobId;
    private final List<RowOutcome> outcomes;
    private final Path resultsFile;
    private final Duration elapsed;
    private final boolean stopped;

    private BulkReport(Builder b) {
        this.jobId = Objects.requireNonNull(b.jobId, "jobId");
        this.outcomes = List.copyOf(b.outcomes);
        this.resultsFile = Objects.requireNonNull(b.resultsFile, "resultsFile");
        this.elapsed = b.elapsed;
        this.stopped = b.stopped;
    }

    /**
     * @param jobId the job
     * @param resultsFile where the results file was written
     * @return a builder without outcomes, no time elapsed, not stopped
     */
    public static Builder builder(String jobId, Path resultsFile) {
        return new Builder(jobId, resultsFile);
    }

    /** @return the job (resume it with this ID) */
    public String jobId() {
        return jobId;
    }

    /** @return every row of the file, in file order, exactly once */
    public List<RowOutcome> outcomes() {
        return outcomes;
    }

    /** @return where the results file was written */
    public Path resultsFile() {
        return resultsFile;
    }

    /** @return how long this run took */
    public Duration elapsed() {
        return elapsed;
    }

    /** @return whether the run stopped before every row finished (see {@link RowStatus#PENDING}) */
    public boolean stopped() {
        return stopped;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof BulkReport r && jobId.equals(r.jobId) && outcomes.equals(r.outcomes)
                && resultsFile.equals(r.resultsFile) && elapsed.equals(r.elapsed) && stopped == r.stopped;
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobId, outcomes, resultsFile, elapsed, stopped);
    }

    @Override
    public String toString() {
        return "BulkReport[" + summary() + (stopped ? ", stopped" : "") + "]";
    }

    /** Builds a {@link BulkReport}. */
    public static final class Builder {
        private final String jobId;
        private final Path resultsFile;
        private List<RowOutcome> outcomes = List.of();
        private Duration elapsed = Duration.ZERO;
        private boolean stopped;

        private Builder(String jobId, Path resultsFile) {
            this.jobId = jobId;
            this.resultsFile = resultsFile;
        }

        /**
         * @param value every row of the file, in file order, exactly once
         * @return this
         */
        public Builder outcomes(List<RowOutcome> value) {
            this.outcomes = List.copyOf(value);
            return this;
        }

        /**
         * @param value how long this run took
         * @return this
         */
        public Builder elapsed(Duration value) {
            this.elapsed = Objects.requireNonNull(value, "elapsed");
            return this;
        }

        /**
         * @param value whether the run stopped before every row finished
         * @return this
         */
        public Builder stopped(boolean value) {
            this.stopped = value;
            return this;
        }

        /** @return the report */
        public BulkReport build() {
            return new BulkReport(this);
        }
    }
}
