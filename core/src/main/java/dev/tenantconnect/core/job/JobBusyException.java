package dev.tenantconnect.core.job;

import dev.tenantconnect.core.error.StoreException;

/** Another runner holds the job's lease: the job is running elsewhere. */
public final class JobBusyException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** @param jobId the job */
    public JobBusyException(String jobId) {
        super("bulk job " + jobId + " is being run by another runner", null);
    }
}
