package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.model.UserRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Enable one user (or resource account) for Teams calling. Build it with {@link #builder(UserRef, NumberChoice)};
 * {@link #toBuilder()} copies one to change a field.
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

    /**
     * @param user the user, by object ID or UPN
     * @param number which number
     * @return a builder with no add-ons, no emergency location and no policies
     */
    public static Builder builder(UserRef user, NumberChoice number) {
        return new Builder(user, number);
    }

    /** @return a builder holding this request's fields */
    public Builder toBuilder() {
        Builder b = new Builder(user, number).addonCodes(addonCodes).policies(policies);
        locationId.ifPresent(b::locationId);
        return b;
    }

    /** Configures an {@link EnableRequest}. */
    public static final class Builder {
        private UserRef user;
        private NumberChoice number;
        private List<String> addonCodes = List.of();
        private Optional<String> locationId = Optional.empty();
        private java.util.Map<String, String> policies = java.util.Map.of();

        private Builder(UserRef user, NumberChoice number) {
            this.user = Objects.requireNonNull(user, "user");
            this.number = Objects.requireNonNull(number, "number");
        }

        /**
         * @param value the user
         * @return this
         */
        public Builder user(UserRef value) {
            this.user = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value which number
         * @return this
         */
        public Builder number(NumberChoice value) {
            this.number = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the operator add-on codes, checked by the preflight (every bad one reported)
         * @return this
         */
        public Builder addonCodes(List<String> value) {
            this.addonCodes = List.copyOf(value);
            return this;
        }

        /**
         * @param value add-ons already validated against a catalogue
         * @return this
         */
        public Builder addons(dev.tenantconnect.core.addon.AddonSet value) {
            this.addonCodes = value.addons().stream().map(dev.tenantconnect.core.addon.AddonLicense::code).toList();
            return this;
        }

        /**
         * @param value the emergency location to set on the number
         * @return this
         */
        public Builder locationId(String value) {
            this.locationId = Optional.of(value);
            return this;
        }

        /**
         * @param value Teams policies to grant, policy type to policy name
         * @return this
         */
        public Builder policies(java.util.Map<String, String> value) {
            this.policies = java.util.Map.copyOf(value);
            return this;
        }

        /** @return the request */
        public EnableRequest build() {
            return new EnableRequest(user, number, addonCodes, locationId, policies);
        }
    }
}
