package dev.tenantconnect.core.inventory;

import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A number in the operator's inventory.
 *
 * @param number the number
 * @param attributes country, prefix, type, usage, tags
 * @param status its lifecycle state (with failure reason)
 * @param tenant the customer tenant it belongs to, once reserved for one
 * @param reservation the current reservation, while {@code RESERVED}
 * @param stateSince when it entered its state (quarantine is measured from here)
 * @param version grows with every change
 */
public record InventoryNumber(PhoneNumber number, NumberAttributes attributes, NumberStatus status,
        Optional<TenantId> tenant, Optional<Reservation> reservation, Instant stateSince, long version) {
    /** Rejects nulls. */
    public InventoryNumber {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(reservation, "reservation");
        Objects.requireNonNull(stateSince, "stateSince");
    }

    @Override
    public String toString() {
        return "InventoryNumber[" + number.redacted() + ", " + status.state() + ", v" + version + "]";
    }
}
