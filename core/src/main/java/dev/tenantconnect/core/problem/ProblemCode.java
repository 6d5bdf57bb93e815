package dev.tenantconnect.core.problem;

/** What kind of problem stopped (or would stop) a piece of work; stable, to branch on instead of message text. */
public enum ProblemCode {
    /** A value or file cell that breaks a format rule (the message names the rule). */
    INVALID_INPUT,
    /** An add-on code the catalogue does not know (the message suggests the closest known codes). */
    ADDON_UNKNOWN,
    /** Add-ons that break a catalogue rule together (mutually exclusive, a requirement missing, duplicates). */
    ADDON_RULE,
    /** Resource-account add-ons on a user, or user add-ons on a resource account. */
    ADDON_TARGET_MISMATCH,
    /** The user or resource account does not exist in the tenant. */
    USER_NOT_FOUND,
    /** A display name matched no user or several users. */
    USER_AMBIGUOUS,
    /** The same user appears twice where a user can hold one number. */
    USER_DUPLICATE,
    /** The account lacks a usable Teams Phone (or Teams Phone Resource Account) service plan. */
    LICENSE_MISSING,
    /** The user has no usage location. */
    USAGE_LOCATION_MISSING,
    /** The number is not in the operator's inventory. */
    NUMBER_NOT_IN_INVENTORY,
    /** The number is held in the inventory for another tenant. */
    NUMBER_HELD_FOR_ANOTHER_TENANT,
    /** The number is assigned to someone else in the tenant. */
    NUMBER_ASSIGNED_TO_ANOTHER_USER,
    /** The user already holds another number in the tenant. */
    USER_HAS_ANOTHER_NUMBER,
    /** No number was named and no pool to pick one from was given. */
    NUMBER_MISSING,
    /** The tenant has not consented to the operator for the number's country. */
    CONSENT_MISSING,
    /** No available number matches the criteria. */
    NO_NUMBER_AVAILABLE,
    /** The number is in a lifecycle state the step cannot start from. */
    NUMBER_STATE,
    /** Reserving the number failed. */
    ALLOCATION_FAILED,
    /** Uploading the number through the operator provisioning API failed. */
    UPLOAD_FAILED,
    /** Assigning the number in Teams failed. */
    ASSIGNMENT_FAILED,
    /** An earlier operation on the number is still in progress in Teams; run again later. */
    OPERATION_PENDING,
    /** Unassigning or releasing the number failed. */
    RELEASE_FAILED,
    /** The tenant throttled the requests beyond the retry budget. */
    THROTTLED,
    /** The stored credential was refused. */
    AUTHENTICATION_FAILED,
    /** The app lacks a directory role or Graph permission. */
    MISSING_PRIVILEGES,
    /** The network failed or an answer was lost. */
    TRANSPORT,
    /** Anything else; the message says what. */
    OTHER
}
