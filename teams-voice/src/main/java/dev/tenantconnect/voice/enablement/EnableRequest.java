package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.model.UserRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Enable one user (or resource account) for Teams calling.
 *
 * @param user the user, by object ID or UPN
 * @param number which number
 * @param addonCodes the operator add-on codes of the extension ({@code device_import_msteams_OC_resource} makes the
 *     target a resource account)
 * @param locationId the emergency location to set on the number, if any
 * @param policies Teams policies to grant (users need an outbound calling policy), type to policy name
 */
public record EnableRequest(UserRef user, NumberChoice number, List<String> addonCodes, Optional<String> locationId,
        java.util.Map<String, String> policies) {
    /** Validates and copies. */
    public EnableRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(number, "number");
        addonCodes = List.copyOf(addonCodes);
        Objects.requireNonNull(locationId, "locationId");
        policies = java.util.Map.copyOf(policies);
    }

    /**
     * A request without policy grants.
     *
     * @param user the user
     * @param number which number
     * @param addonCodes the add-on codes
     * @param locationId the emergency location, if any
     */
    public EnableRequest(UserRef user, NumberChoice number, List<String> addonCodes, Optional<String> locationId) {
        this(user, number, addonCodes, locationId, java.util.Map.of());
    }
}
