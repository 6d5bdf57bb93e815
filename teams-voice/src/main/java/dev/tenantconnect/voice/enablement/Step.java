package dev.tenantconnect.voice.enablement;

/** The steps of the enablement pipeline, in order. */
public enum Step {
    /** Checks before anything is written. */
    PREFLIGHT,
    /** Reserving the number in the inventory. */
    ALLOCATE,
    /** Uploading an Operator Connect number to the tenant. */
    UPLOAD,
    /** Assigning the number in Teams and waiting for the operation. */
    ASSIGN,
    /** Recording the add-ons and emitting the billing event. */
    RECORD,
    /** Releasing a disabled user's number from the tenant. */
    RELEASE
}
