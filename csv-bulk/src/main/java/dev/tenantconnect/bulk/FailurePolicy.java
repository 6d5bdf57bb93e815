package dev.tenantconnect.bulk;

/** What a run does when a row fails. */
public enum FailurePolicy {
    /** Keep going; every failed row is reported with its reason and remediation. */
    CONTINUE,
    /**
     * Start no new row after the first failure; rows in flight finish; the rest stay pending and
     * {@link BulkAssignments#resume} runs them once the cause is fixed.
     */
    STOP_AT_FIRST_FAILURE
}
