package dev.tenantconnect.bulk;

/**
 * Receives a job's progress after each row's outcome is journaled. Called from the job's worker threads, one call
 * at a time; keep it quick (a progress bar, a log line).
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = p -> { };

    /** @param progress where the job stands */
    void onProgress(BulkProgress progress);
}
