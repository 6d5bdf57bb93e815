package dev.tenantconnect.core.error;

/**
 * Work leased per tenant (e.g. a replication pass) is held by another instance, or this instance's lease was taken
 * over after it expired: the other instance does the work. Held elsewhere: nothing was written; taken over during
 * the work: a subtype says so (e.g. {@code ReplicationLeaseLostException}).
 */
public class LeaseHeldException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** @param what the work and tenant, without secrets */
    public LeaseHeldException(String what) {
        super(what, null);
    }
}
