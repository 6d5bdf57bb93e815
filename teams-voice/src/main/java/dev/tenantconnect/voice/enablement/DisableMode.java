package dev.tenantconnect.voice.enablement;

/** What happens to a number once its user is disabled. */
public enum DisableMode {
    /** The number stays in the customer tenant, unassigned and tracked ({@code IN_TENANT}), for reuse. */
    KEEP_IN_TENANT,
    /**
     * The number is released from the tenant (Operator Connect numbers through the provisioning API) and held in
     * quarantine in the inventory before it can be reused.
     */
    RELEASE_FROM_TENANT
}
