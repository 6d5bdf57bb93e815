package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.addon.AddonSet;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What billing needs to know to bill accurately for the users enabled.
 *
 * @param kind enabled or disabled
 * @param tenant the tenant
 * @param user the user's object ID
 * @param number the number
 * @param addons the add-ons of the extension
 * @param at when
 */
public record BillingEvent(Kind kind, TenantId tenant, UUID user, PhoneNumber number, AddonSet addons, Instant at) {
    /** The kinds of billing events. */
    public enum Kind {
        /** Service started. */
        ENABLED,
        /** Service stopped. */
        DISABLED
    }

    /** Rejects nulls. */
    public BillingEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(addons, "addons");
        Objects.requireNonNull(at, "at");
    }

    /**
     * @return the event for a {@link dev.tenantconnect.core.billing.UsageLedger}: enabling holds the extension's
     *     add-ons, disabling ends them; wire it with {@code .billing(e -> ledger.record(e.toUsage()))}
     */
    public dev.tenantconnect.core.billing.UsageEvent toUsage() {
        return new dev.tenantconnect.core.billing.UsageEvent(tenant, user, kind == Kind.ENABLED
                ? dev.tenantconnect.core.billing.UsageEvent.Kind.HOLDS : dev.tenantconnect.core.billing.UsageEvent.Kind.ENDED,
                java.util.Optional.of(number), kind == Kind.ENABLED ? addons.addons().stream()
                        .map(dev.tenantconnect.core.addon.AddonLicense::code)
                        .collect(java.util.stream.Collectors.toSet()) : java.util.Set.of(), at,
                dev.tenantconnect.core.billing.UsageEvent.Source.PLATFORM);
    }
}
