package dev.tenantconnect.voice;

/** The outcome of one verification check, from best to worst. */
public enum CheckStatus {
    /** The check passed. */
    PASS,
    /** Works, but needs attention (e.g. a secret expiring soon, more privileges than needed). */
    WARN,
    /** Could not run because an earlier check failed (e.g. no token); listed so nothing is silently missing. */
    SKIPPED,
    /** Broken: the operator or the customer admin must act. */
    FAIL
}
