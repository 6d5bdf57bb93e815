package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.addon.AddonLicense;
import dev.tenantconnect.core.addon.AddonSet;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.tenant.TeamsPolicy;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Enable one user (or resource account) for Teams calling. Build it with {@link #builder(UserRef, NumberChoice)};
 * {@link #toBuilder()} copies one to change a field.
 *
 * <p>The add-ons are held as given: an {@link AddonSet} already validated against a catalogue ({@link #addons()}),
 * or operator add-on codes still to be checked, every bad one reported at once by the enablement's preflight
 * against its own catalogue. {@link #addonCodes()} gives the codes either way; two requests with the same codes are
 * equal however they were given.
 */
public final class EnableRequest {
    private final UserRef user;
    private final NumberChoice number;
    private final List<String> addonCodes;
    private final Optional<AddonSet> addons;
    private final Optional<String> locationId;
    private final Set<TeamsPolicy> policies;

    private EnableRequest(UserRef user, NumberChoice number, List<String> addonCodes, Optional<AddonSet> addons,
            Optional<String> locationId, Set<TeamsPolicy> policies) {
        this.user = Objects.requireNonNull(user, "user");
        this.number = Objects.requireNonNull(number, "number");
        this.addons = Objects.requireNonNull(addons, "addons");
        this.addonCodes = addons.map(EnableRequest::codes).orElseGet(() -> List.copyOf(addonCodes));
        this.locationId = Objects.requireNonNull(locationId, "locationId");
        TeamsPolicy.toMap(policies); // one per type
        this.policies = Set.copyOf(policies);
    }

    /**
     * @param user the user, by object ID or UPN
     * @param number which number
     * @return a builder with no add-ons, no emergency location and no policies
     */
    public static Builder builder(UserRef user, NumberChoice number) {
        return new Builder(user, number);
    }

    /** @return a builder holding this request's fields (its add-on set, when it was given one) */
    public Builder toBuilder() {
        Builder b = new Builder(user, number).teamsPolicies(policies);
        if (addons.isPresent()) {
            b.addons(addons.get());
        } else {
            b.addonCodes(addonCodes);
        }
        locationId.ifPresent(b::locationId);
        return b;
    }

    private static List<String> codes(AddonSet set) {
        return set.addons().stream().map(AddonLicense::code).toList();
    }

    /** @return the user, by object ID or UPN */
    public UserRef user() {
        return user;
    }

    /** @return which number */
    public NumberChoice number() {
        return number;
    }

    /**
     * @return the operator add-on codes of the extension ({@code device_import_msteams_OC_resource} makes the target a
     *     resource account): those given, or those of the add-on set given
     */
    public List<String> addonCodes() {
        return addonCodes;
    }

    /** @return the add-on set, when the request was given a validated one rather than codes */
    public Optional<AddonSet> addons() {
        return addons;
    }

    /** @return the emergency location to set on the number, if any */
    public Optional<String> locationId() {
        return locationId;
    }

    /** @return the Teams policies to grant (users need an outbound calling policy), at most one per type */
    public Set<TeamsPolicy> teamsPolicies() {
        return policies;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnableRequest r && user.equals(r.user) && number.equals(r.number)
                && addonCodes.equals(r.addonCodes) && locationId.equals(r.locationId) && policies.equals(r.policies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, number, addonCodes, locationId, policies);
    }

    /** @return the request with the user and a specific number redacted */
    @Override
    public String toString() {
        return "EnableRequest[user=" + user.redacted() + ", number=" + (number instanceof NumberChoice.Specific sp
                ? sp.number().redacted() : number) + ", addonCodes=" + addonCodes
                + ", locationId=" + locationId.orElse("-") + ", policies=" + policies + "]";
    }

    /** Configures an {@link EnableRequest}. */
    public static final class Builder {
        private UserRef user;
        private NumberChoice number;
        private List<String> addonCodes = List.of();
        private AddonSet addons;
        private String locationId;
        private Set<TeamsPolicy> policies = Set.of();

        private Builder(UserRef user, NumberChoice number) {
            user(user).number(number);
        }

        /**
         * @param value the user
         * @return this
         */
        public Builder user(UserRef value) {
            this.user = Objects.requireNonNull(value, "user");
            return this;
        }

        /**
         * @param value which number
         * @return this
         */
        public Builder number(NumberChoice value) {
            this.number = Objects.requireNonNull(value, "number");
            return this;
        }

        /**
         * @param value the operator add-on codes, checked by the preflight (every bad one reported); replaces an
         *     add-on set given before
         * @return this
         */
        public Builder addonCodes(List<String> value) {
            this.addonCodes = List.copyOf(value);
            this.addons = null;
            return this;
        }

        /**
         * @param value add-ons already validated against a catalogue; replaces codes given before
         * @return this
         */
        public Builder addons(AddonSet value) {
            this.addons = Objects.requireNonNull(value, "addons");
            this.addonCodes = List.of();
            return this;
        }

        /**
         * @param value the emergency location to set on the number
         * @return this
         */
        public Builder locationId(String value) {
            this.locationId = Objects.requireNonNull(value, "locationId");
            return this;
        }

        /**
         * @param value Teams policies to grant, at most one per type
         * @return this
         * @throws dev.tenantconnect.core.error.ValidationException naming {@code policies} when a type is given twice
         */
        public Builder teamsPolicies(Collection<TeamsPolicy> value) {
            TeamsPolicy.toMap(value);
            this.policies = Set.copyOf(value);
            return this;
        }

        /** @return the request */
        public EnableRequest build() {
            return new EnableRequest(user, number, addonCodes, Optional.ofNullable(addons),
                    Optional.ofNullable(locationId), policies);
        }
    }
}
