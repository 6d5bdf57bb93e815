package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.addon.AddonSet;
import dev.tenantconnect.core.model.PhoneNumber;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One user of a batch whose preflight the caller has already done (a bulk plan: the user exists, is licensed and has
 * a usage location; the number is in the inventory for this tenant, usually reserved by the caller).
 *
 * @param id the caller's reference (a line of a file, say), handed back with the result
 * @param user the user's or resource account's object ID
 * @param number the number to assign
 * @param addons the add-ons billed with it
 * @param locationId the emergency location, if any
 * @param policies Teams policies to grant after the assignment (policy type → name), often none
 */
public record BatchItem(long id, UUID user, PhoneNumber number, AddonSet addons, Optional<String> locationId,
        Map<String, String> policies) {
    /** Rejects nulls and copies. */
    public BatchItem {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(addons, "addons");
        Objects.requireNonNull(locationId, "locationId");
        policies = Map.copyOf(policies);
    }

    @Override
    public String toString() {
        return "BatchItem[" + id + ", " + number.redacted() + "]";
    }
}
