package dev.tenantconnect.core.licensing;

import java.util.Locale;

/**
 * The {@code capabilityStatus} of an assigned plan in Microsoft Graph, ordered from most to least usable.
 */
public enum CapabilityStatus {
    /** The plan works. */
    ENABLED,
    /** The subscription is in its grace period: the plan still works, but will stop. */
    WARNING,
    /** The plan is suspended (subscription lapsed): it does not work. */
    SUSPENDED,
    /** The subscription is locked out. */
    LOCKED_OUT,
    /** The plan was removed. */
    DELETED,
    /** A status this SDK does not know; treated as not usable. */
    UNKNOWN;

    /**
     * @param graphValue Graph's text, e.g. {@code Enabled}, {@code LockedOut}
     * @return the status; {@link #UNKNOWN} for anything else
     */
    public static CapabilityStatus fromGraph(String graphValue) {
        if (graphValue == null) {
            return UNKNOWN;
        }
        return switch (graphValue.strip().toLowerCase(Locale.ROOT)) {
            case "enabled" -> ENABLED;
            case "warning" -> WARNING;
            case "suspended" -> SUSPENDED;
            case "lockedout" -> LOCKED_OUT;
            case "deleted" -> DELETED;
            default -> UNKNOWN;
        };
    }

    /** @return whether a plan in this status can be used now */
    public boolean usable() {
        return this == ENABLED || this == WARNING;
    }
}
