package dev.tenantconnect.bulk;

/** A bulk job running in the background: wait for it, or ask it to stop. */
public interface BulkJob {
    /** @return the job's ID */
    String jobId();

    /**
     * Asks the job to start no new row; rows in flight finish and are journaled. The unstarted rows stay pending
     * for {@link BulkAssignments#resume}.
     */
    void stop();

    /**
     * Waits for the job to finish or stop.
     *
     * @return the report
     */
    BulkReport await();
}
