package dev.tenantconnect.core.inventory;

import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * Who holds a reserved number and until when.
 *
 * @param tenant the tenant it is reserved for
 * @param holder the job or person holding it
 * @param expiresAt when an unused reservation returns the number to the pool
 */
public record Reservation(TenantId tenant, String holder, Instant expiresAt) {
    /** Rejects nulls and blank holders. */
    public Reservation {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (holder.isBlank()) {
            throw new IllegalArgumentException("holder must not be blank");
        }
    }
}
