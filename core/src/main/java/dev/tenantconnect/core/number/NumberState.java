package dev.tenantconnect.core.number;

/**
 * Where a telephone number is in its lifecycle. The normal path is
 * {@code AVAILABLE → RESERVED → UPLOADING → IN_TENANT → ASSIGNING → ASSIGNED → UNASSIGNING → IN_TENANT →
 * RELEASING → QUARANTINED → AVAILABLE}; each step that talks to Microsoft or the operator API has a failure state
 * that records why. {@link NumberLifecycle} holds the transition table.
 */
public enum NumberState {
    /** In the operator's pool, free to allocate. */
    AVAILABLE,
    /** Held for a tenant or job; not yet in the customer tenant. */
    RESERVED,
    /** Being uploaded to the customer tenant (Operator Connect). */
    UPLOADING,
    /** In the customer tenant, not assigned to anyone. */
    IN_TENANT,
    /** Assignment to a user or resource account requested; Microsoft's operation is running. */
    ASSIGNING,
    /** Assigned to a user or resource account. */
    ASSIGNED,
    /** Unassignment requested; Microsoft's operation is running. */
    UNASSIGNING,
    /** Being released from the customer tenant. */
    RELEASING,
    /** Out of the tenant, cooling off before reuse. */
    QUARANTINED,
    /** Upload to the tenant failed; the reason is recorded. */
    UPLOAD_FAILED(true),
    /** Assignment failed; the number is still in the tenant, unassigned. */
    ASSIGNMENT_FAILED(true),
    /** Unassignment failed; the number may still be assigned. */
    UNASSIGNMENT_FAILED(true),
    /** Release from the tenant failed; the number may still be in the tenant. */
    RELEASE_FAILED(true);

    private final boolean failure;

    NumberState() {
        this(false);
    }

    NumberState(boolean failure) {
        this.failure = failure;
    }

    /** @return whether this is a failure state, which always carries a reason */
    public boolean isFailure() {
        return failure;
    }
}
