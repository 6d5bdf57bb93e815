package dev.tenantconnect.core.audit;

/** How a write ended. */
public enum AuditResult {
    /** The service (or store) accepted it. */
    SUCCEEDED,
    /** It was refused or failed; the event's detail says how (a status or an error type, never a secret). */
    FAILED
}
