package dev.tenantconnect.bulk;

/** A write a planned row will make, in order. */
public enum Operation {
    /** Pick an available number from the pool and reserve it for the tenant. */
    ALLOCATE,
    /** Reserve the row's number in the inventory for the tenant. */
    RESERVE,
    /**
     * Take the number from the user or resource account that holds it now (unassign it there), because the options
     * ask for it ({@link BulkOptions#takeOverNumbers()}); the holder is re-read and checked just before.
     */
    TAKE_OVER,
    /** Upload the Operator Connect number to the tenant through the operator API. */
    UPLOAD,
    /** Assign the number to the user in Teams and wait for the operation. */
    ASSIGN,
    /** Record the extension (user, number, add-ons) in the operator's platform. */
    RECORD
}
