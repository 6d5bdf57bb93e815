package dev.tenantconnect.bulk;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a bulk job stands, reported after every row. Built by name ({@link #builder(String, long)}), so a figure
 * added later breaks no caller.
 */
public final class BulkProgress {
    private final String jobId;
    private final long total;
    private final long done;
    private final long skipped;
    private final long failed;
    private final Duration elapsed;
    private final double rowsPerSecond;
    private final Optional<Duration> eta;

    private BulkProgress(Builder b) {
        this.jobId = Objects.requireNonNull(b.jobId, "jobId");
        this.total = b.total;
        this.done = b.done;
        this.skipped = b.skipped;
        this.failed = b.failed;
        this.elapsed = b.elapsed;
        this.rowsPerSecond = b.rowsPerSecond;
        this.eta = Optional.ofNullable(b.eta);
    }

    /**
     * @param jobId the job
     * @param total the rows the job covers
     * @return a builder with nothing finished yet, no time elapsed and no estimate
     */
    public static Builder builder(String jobId, long total) {
        return new Builder(jobId, total);
    }

    /** @return the job */
    public String jobId() {
        return jobId;
    }

    /** @return the rows the job covers */
    public long total() {
        return total;
    }

    /** @return rows done */
    public long done() {
        return done;
    }

    /** @return rows that needed nothing */
    public long skipped() {
        return skipped;
    }

    /** @return rows that failed */
    public long failed() {
        return failed;
    }

    /** @return time since this run of the job began */
    public Duration elapsed() {
        return elapsed;
    }

    /** @return rows finished per second in this run */
    public double rowsPerSecond() {
        return rowsPerSecond;
    }

    /** @return the estimated time to finish, once there is a rate */
    public Optional<Duration> eta() {
        return eta;
    }

    /** @return rows finished in any way */
    public long finished() {
        return done + skipped + failed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BulkProgress p && jobId.equals(p.jobId) && total == p.total && done == p.done
                && skipped == p.skipped && failed == p.failed && elapsed.equals(p.elapsed)
                && Double.compare(rowsPerSecond, p.rowsPerSecond) == 0 && eta.equals(p.eta);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobId, total, done, skipped, failed, elapsed, rowsPerSecond, eta);
    }

    @Override
    public String toString() {
        return "BulkProgress[job " + jobId + ", " + finished() + "/" + total + ": " + done + " done, " + skipped
                + " skipped, " + failed + " failed]";
    }

    /** Builds a {@link BulkProgress}. */
    public static final class Builder {
        private final String jobId;
        private final long total;
        private long done;
        private long skipped;
        private long failed;
        private Duration elapsed = Duration.ZERO;
        private double rowsPerSecond;
        private Duration eta;

        private Builder(String jobId, long total) {
            this.jobId = jobId;
            this.total = total;
        }

        /**
         * @param doneRows rows done
         * @param skippedRows rows that needed nothing
         * @param failedRows rows that failed
         * @return this
         */
        public Builder finished(long doneRows, long skippedRows, long failedRows) {
            this.done = doneRows;
            this.skipped = skippedRows;
            this.failed = failedRows;
            return this;
        }

        /**
         * @param value time since this run of the job began
         * @return this
         */
        public Builder elapsed(Duration value) {
            this.elapsed = Objects.requireNonNull(value, "elapsed");
            return this;
        }

        /**
         * @param value rows finished per second in this run
         * @return this
         */
        public Builder rowsPerSecond(double value) {
            this.rowsPerSecond = value;
            return this;
        }

        /**
         * @param value the estimated time to finish
         * @return this
         */
        public Builder eta(Duration value) {
            this.eta = Objects.requireNonNull(value, "eta");
            return this;
        }

        /** @return the progress */
        public BulkProgress build() {
            return new BulkProgress(this);
        }
    }
}
