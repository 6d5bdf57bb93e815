package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.addon.AddonSet;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.tenant.TeamsPolicy;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;

/**
 * One user of a batch whose preflight the caller has already done (a bulk plan: the user exists, is licensed and has
 * a usage location; the number is in the inventory for this tenant, usually reserved by the caller). Built with
 * {@link #builder(long, UserRef, PhoneNumber, AddonSet)}; {@link #toBuilder()} copies one to change a field. A user
 * given by object ID costs no directory read; one given by user principal name is looked up once.
 */
public final class BatchItem {
    private final long id;
    private final UserRef user;
    private final PhoneNumber number;
    private final AddonSet addons;
    private final Optional<String> locationId;
    private final Set<TeamsPolicy> policies;

    private BatchItem(Builder b) {
        this.id = b.id;
        this.user = b.user;
        this.number = b.number;
        this.addons = b.addons;
        this.locationId = Optional.ofNullable(b.locationId);
        this.policies = b.policies;
    }

    /**
     * @param id the caller's reference (a line of a file, say), handed back with the result
     * @param user the user or resource account, by object ID (cheapest) or user principal name
     * @param number the number to assign
     * @param addons the add-ons billed with it
     * @return a builder with no emergency location and no policies
     */
    public static Builder builder(long id, UserRef user, PhoneNumber number, AddonSet addons) {
        return new Builder(id, user, number, addons);
    }

    /**
     * The batch item for a single-user request whose number and add-ons are settled: the same user, number,
     * add-on set, emergency location and Teams policies.
     *
     * @param id the caller's reference, handed back with the result
     * @param request a request naming a specific number ({@link NumberChoice.Specific}) and built with an
     *     {@link AddonSet} ({@link EnableRequest.Builder#addons})
     * @return the item
     * @throws dev.tenantconnect.core.error.ValidationException naming {@code number} when the request asks the
     *     inventory to pick one, or {@code addons} when its add-ons are codes not yet checked
     */
    public static BatchItem of(long id, EnableRequest request) {
        if (!(request.number() instanceof NumberChoice.Specific specific)) {
            throw new dev.tenantconnect.core.error.ValidationException("number", "a batch item names its number; "
                    + "pick one from the inventory first");
        }
        AddonSet addons = request.addons().orElseThrow(() -> new dev.tenantconnect.core.error.ValidationException(
                "addons", "a batch item holds a checked add-on set; build the request with addons(addonSet)"));
        Builder b = builder(id, request.user(), specific.number(), addons).teamsPolicies(request.teamsPolicies());
        request.locationId().ifPresent(b::locationId);
        return b.build();
    }

    /** @return the single-user request for this item: the same user, number, add-ons, location and policies */
    public EnableRequest toRequest() {
        EnableRequest.Builder b = EnableRequest.builder(user, new NumberChoice.Specific(number)).addons(addons)
                .teamsPolicies(policies);
        locationId.ifPresent(b::locationId);
        return b.build();
    }

    /** @return a builder holding this item's fields */
    public Builder toBuilder() {
        Builder b = new Builder(id, user, number, addons).teamsPolicies(policies);
        b.locationId = locationId.orElse(null);
        return b;
    }

    /** @return the caller's reference (a line of a file, say), handed back with the result */
    public long id() {
        return id;
    }

    /** @return the user or resource account */
    public UserRef user() {
        return user;
    }

    /** @return the number to assign */
    public PhoneNumber number() {
        return number;
    }

    /** @return the add-ons billed with it */
    public AddonSet addons() {
        return addons;
    }

    /** @return the emergency location, if any */
    public Optional<String> locationId() {
        return locationId;
    }

    /** @return the Teams policies to grant after the assignment, at most one per type, often none */
    public Set<TeamsPolicy> teamsPolicies() {
        return policies;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchItem b && id == b.id && user.equals(b.user) && number.equals(b.number)
                && addons.equals(b.addons) && locationId.equals(b.locationId) && policies.equals(b.policies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, user, number, addons, locationId, policies);
    }

    @Override
    public String toString() {
        return "BatchItem[" + id + ", " + number.redacted() + "]";
    }

    /** Configures a {@link BatchItem}. */
    public static final class Builder {
        private long id;
        private UserRef user;
        private PhoneNumber number;
        private AddonSet addons;
        private String locationId;
        private Set<TeamsPolicy> policies = Set.of();

        private Builder(long id, UserRef user, PhoneNumber number, AddonSet addons) {
            id(id).user(user).number(number).addons(addons);
        }

        /**
         * @param value the caller's reference, handed back with the result
         * @return this
         */
        public Builder id(long value) {
            this.id = value;
            return this;
        }

        /**
         * @param value the user or resource account
         * @return this
         */
        public Builder user(UserRef value) {
            this.user = Objects.requireNonNull(value, "user");
            return this;
        }

        /**
         * @param value the number to assign
         * @return this
         */
        public Builder number(PhoneNumber value) {
            this.number = Objects.requireNonNull(value, "number");
            return this;
        }

        /**
         * @param value the add-ons billed with it
         * @return this
         */
        public Builder addons(AddonSet value) {
            this.addons = Objects.requireNonNull(value, "addons");
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
         * @param value Teams policies to grant after the assignment, at most one per type (default none)
         * @return this
         * @throws dev.tenantconnect.core.error.ValidationException naming {@code policies} when a type is given twice
         */
        public Builder teamsPolicies(Collection<TeamsPolicy> value) {
            TeamsPolicy.toMap(value);
            this.policies = Set.copyOf(value);
            return this;
        }

        /** @return the item */
        public BatchItem build() {
            return new BatchItem(this);
        }
    }
}
