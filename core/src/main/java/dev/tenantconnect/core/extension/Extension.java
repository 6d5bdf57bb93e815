package dev.tenantconnect.core.extension;

import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One extension of a customer tenant as the operator's platform holds it.
 *
 * @param tenant the customer tenant
 * @param extKey the extension key (the bulk file's "Ext Key" column), unique per tenant
 * @param user the user's (or resource account's) object ID
 * @param number the number assigned to the extension, if any
 * @param addonCodes the add-on codes held, in the order given
 * @param updatedAt when the record was last written
 */
public record Extension(TenantId tenant, String extKey, UUID user, Optional<PhoneNumber> number,
        List<String> addonCodes, Instant updatedAt) {
    /** Validates and copies. */
    public Extension {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(extKey, "extKey");
        if (extKey.isBlank()) {
            throw new IllegalArgumentException("extKey must not be blank");
        }
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(number, "number");
        addonCodes = List.copyOf(addonCodes);
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * @param other another extension
     * @return whether both hold the same user, number and add-ons (the timestamp is ignored; add-on order too)
     */
    public boolean sameHoldings(Extension other) {
        return tenant.equals(other.tenant) && extKey.equals(other.extKey) && user.equals(other.user)
                && number.equals(other.number)
                && new java.util.HashSet<>(addonCodes).equals(new java.util.HashSet<>(other.addonCodes));
    }

    @Override
    public String toString() {
        return "Extension[" + extKey + ", number=" + number.map(PhoneNumber::redacted).orElse("-") + ", addons="
                + addonCodes + "]";
    }
}
