package dev.tenantconnect.core.onboarding;

/** Where an invitation stands. */
public enum InvitationStatus {
    /** Created; waiting for the customer admin. */
    PENDING,
    /** The app registration was created and the connection stored. */
    COMPLETED,
    /** The last attempt failed; completing it again continues where it stopped. */
    FAILED
}
