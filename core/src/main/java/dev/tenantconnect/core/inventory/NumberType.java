package dev.tenantconnect.core.inventory;

/** How a number reaches Microsoft Teams. */
public enum NumberType {
    /** Uploaded by the operator through Operator Connect. */
    OPERATOR_CONNECT,
    /** Routed through the customer's SBC (Direct Routing); may carry an extension. */
    DIRECT_ROUTING,
    /** A Microsoft Calling Plan number (read and assign only). */
    CALLING_PLAN
}
