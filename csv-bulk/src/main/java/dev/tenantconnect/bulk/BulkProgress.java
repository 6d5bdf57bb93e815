package dev.tenantconnect.bulk;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a bulk job stands, reported after every row.
 *
 * @param jobId the job
 * @param total the rows the job covers
 * @param done rows done
 * @param skipped rows that needed nothing
 * @param failed rows that failed
 * @param elapsed time since this run of the job began
 * @param rowsPerSecond rows finished per second in this run
 * @param eta the estimated time to finish, once there is a rate
 */
public record BulkProgress(String jobId, long total, long done, long skipped, long failed, Duration elapsed,
        double rowsPerSecond, Optional<Duration> eta) {
    /** Validates. */
    public BulkProgress {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(eta, "eta");
    }

    /** @return rows finished in any way */
    public long finished() {
        return done + skipped + failed;
    }
}
