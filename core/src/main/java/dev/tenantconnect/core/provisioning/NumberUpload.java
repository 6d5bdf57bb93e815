package dev.tenantconnect.core.provisioning;

import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.model.PhoneNumber;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One number to upload to a customer tenant.
 *
 * @param number the number
 * @param country its ISO alpha-2 country (checked against the consent before any call)
 * @param usage user, voice application or conference
 * @param capabilities the capabilities chosen, e.g. {@code InboundCalling}, {@code OutboundCalling}
 * @param civicAddressId the emergency address, if any
 */
public record NumberUpload(PhoneNumber number, String country, NumberUsage usage, List<String> capabilities,
        Optional<String> civicAddressId) {
    /** Validates and copies. */
    public NumberUpload {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(usage, "usage");
        capabilities = List.copyOf(capabilities);
        Objects.requireNonNull(civicAddressId, "civicAddressId");
    }
}
