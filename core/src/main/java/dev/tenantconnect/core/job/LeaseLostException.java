package dev.tenantconnect.core.job;

import dev.tenantconnect.core.error.StoreException;

/**
 * A journal write from a runner whose lease is no longer current: another runner took the job over (the first one
 * stalled past the lease's time, or released it), so the stale runner's write is refused and the journal stays the
 * new runner's. Names the job and both fencing tokens.
 */
public final class LeaseLostException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String jobId;
    private final long heldEpoch;
    private final long currentEpoch;

    /**
     * @param jobId the job
     * @param heldEpoch the fencing token of the stale lease
     * @param currentEpoch the current fencing token (0 when unknown)
     */
    public LeaseLostException(String jobId, long heldEpoch, long currentEpoch) {
        super("bulk job " + jobId + " was taken over by another runner (lease " + heldEpoch + ", current lease "
                + currentEpoch + "); this runner's journal write was refused: stop it, the job continues elsewhere",
                null);
        this.jobId = jobId;
        this.heldEpoch = heldEpoch;
        this.currentEpoch = currentEpoch;
    }

    /** @return the job */
    public String jobId() {
        return jobId;
    }

    /** @return the fencing token of the stale lease */
    public long heldEpoch() {
        return heldEpoch;
    }

    /** @return the current fencing token (0 when unknown) */
    public long currentEpoch() {
        return currentEpoch;
    }
}
