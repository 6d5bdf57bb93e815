package dev.tenantconnect.core.error;

/**
 * A compare-and-set update lost: the record's version was not the one the caller read. Re-read and retry.
 */
public class ConcurrentUpdateException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final long expectedVersion;
    private final long actualVersion;

    /**
     * @param what the record, described without secrets (e.g. tenant and service)
     * @param expectedVersion the version the caller expected (0 means "absent")
     * @param actualVersion the version found (0 means "absent")
     */
    public ConcurrentUpdateException(String what, long expectedVersion, long actualVersion) {
        super(what + ": expected version " + expectedVersion + " but found " + actualVersion, null);
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /** @return the version the caller expected; 0 means the caller expected no record */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** @return the version the store holds; 0 means there is no record */
    public long actualVersion() {
        return actualVersion;
    }
}
