package dev.tenantconnect.core.inventory;

import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.TenantId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * "Auto-select an available number" from the operator's inventory: what kind of number, for whom, picked how.
 * Built with {@link #builder(TenantId, String)} (or {@link #lowest}); {@link #toBuilder()} copies one to change a
 * field, so a field added later breaks no caller.
 */
public final class AllocationRequest {
    private final TenantId tenant;
    private final String country;
    private final Optional<String> prefix;
    private final NumberUsage usage;
    private final Optional<NumberType> type;
    private final SelectionStrategy strategy;
    private final String holder;
    private final Duration reservationTtl;

    private AllocationRequest(Builder b) {
        if (b.holder == null) {
            throw new ValidationException("holder", "is required: who holds the reservation (a job ID or an "
                    + "operator user)");
        }
        this.tenant = b.tenant;
        this.country = b.country;
        this.prefix = Optional.ofNullable(b.prefix);
        this.usage = b.usage;
        this.type = Optional.ofNullable(b.type);
        this.strategy = b.strategy;
        this.holder = b.holder;
        this.reservationTtl = b.reservationTtl;
    }

    /**
     * @param tenant the customer tenant the number is reserved for
     * @param country ISO country the number must be in
     * @return a builder for a user number of any type and prefix, the lowest first, reserved for 30 minutes; the
     *     holder is required
     */
    public static Builder builder(TenantId tenant, String country) {
        return new Builder(tenant, country);
    }

    /**
     * @param tenant the tenant
     * @param country the country
     * @param holder who holds it
     * @return a request for the lowest user number of any type, reserved for 30 minutes
     */
    public static AllocationRequest lowest(TenantId tenant, String country, String holder) {
        return builder(tenant, country).holder(holder).build();
    }

    /** @return a builder holding this request's fields */
    public Builder toBuilder() {
        Builder b = new Builder(tenant, country).usage(usage).strategy(strategy).holder(holder)
                .reservationTtl(reservationTtl);
        b.prefix = prefix.orElse(null);
        b.type = type.orElse(null);
        return b;
    }

    /** @return the customer tenant the number is reserved for */
    public TenantId tenant() {
        return tenant;
    }

    /** @return ISO country the number must be in */
    public String country() {
        return country;
    }

    /** @return digits the number must start with (after {@code +}), if any */
    public Optional<String> prefix() {
        return prefix;
    }

    /** @return the usage the number must be imported for */
    public NumberUsage usage() {
        return usage;
    }

    /** @return the number type, if it matters */
    public Optional<NumberType> type() {
        return type;
    }

    /** @return how to pick among matches */
    public SelectionStrategy strategy() {
        return strategy;
    }

    /** @return who holds the reservation (job ID, operator user) */
    public String holder() {
        return holder;
    }

    /** @return how long the reservation lasts if not used */
    public Duration reservationTtl() {
        return reservationTtl;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AllocationRequest r && tenant.equals(r.tenant) && country.equals(r.country)
                && prefix.equals(r.prefix) && usage == r.usage && type.equals(r.type) && strategy == r.strategy
                && holder.equals(r.holder) && reservationTtl.equals(r.reservationTtl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, country, prefix, usage, type, strategy, holder, reservationTtl);
    }

    @Override
    public String toString() {
        return "AllocationRequest[tenant=" + tenant + ", country=" + country + ", prefix=" + prefix.orElse("-")
                + ", usage=" + usage + ", type=" + type.map(Enum::name).orElse("any") + ", strategy=" + strategy
                + ", holder=" + holder + ", reservationTtl=" + reservationTtl + "]";
    }

    /** Configures an {@link AllocationRequest}. */
    public static final class Builder {
        private TenantId tenant;
        private String country;
        private String prefix;
        private NumberUsage usage = NumberUsage.USER;
        private NumberType type;
        private SelectionStrategy strategy = SelectionStrategy.LOWEST;
        private String holder;
        private Duration reservationTtl = Duration.ofMinutes(30);

        private Builder(TenantId tenant, String country) {
            tenant(tenant);
            country(country);
        }

        /**
         * @param value the customer tenant the number is reserved for
         * @return this
         */
        public Builder tenant(TenantId value) {
            this.tenant = Objects.requireNonNull(value, "tenant");
            return this;
        }

        /**
         * @param value ISO country the number must be in
         * @return this
         */
        public Builder country(String value) {
            this.country = Objects.requireNonNull(value, "country");
            return this;
        }

        /**
         * @param value digits the number must start with (after {@code +})
         * @return this
         */
        public Builder prefix(String value) {
            this.prefix = Objects.requireNonNull(value, "prefix");
            return this;
        }

        /**
         * @param value the usage the number must be imported for (default {@link NumberUsage#USER})
         * @return this
         */
        public Builder usage(NumberUsage value) {
            this.usage = Objects.requireNonNull(value, "usage");
            return this;
        }

        /**
         * @param value the number type (default: any)
         * @return this
         */
        public Builder type(NumberType value) {
            this.type = Objects.requireNonNull(value, "type");
            return this;
        }

        /**
         * @param value how to pick among matches (default {@link SelectionStrategy#LOWEST})
         * @return this
         */
        public Builder strategy(SelectionStrategy value) {
            this.strategy = Objects.requireNonNull(value, "strategy");
            return this;
        }

        /**
         * @param value who holds the reservation (job ID, operator user); required
         * @return this
         */
        public Builder holder(String value) {
            this.holder = Objects.requireNonNull(value, "holder");
            return this;
        }

        /**
         * @param value how long the reservation lasts if not used (default 30 minutes)
         * @return this
         * @throws ValidationException if it is not positive
         */
        public Builder reservationTtl(Duration value) {
            Objects.requireNonNull(value, "reservationTtl");
            if (value.isNegative() || value.isZero()) {
                throw new ValidationException("reservationTtl", "must be positive");
            }
            this.reservationTtl = value;
            return this;
        }

        /**
         * @return the request
         * @throws ValidationException if no holder was set
         */
        public AllocationRequest build() {
            return new AllocationRequest(this);
        }
    }
}
