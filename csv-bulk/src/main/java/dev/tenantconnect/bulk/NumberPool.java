package dev.tenantconnect.bulk;

import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.inventory.NumberType;
import java.util.Objects;
import java.util.Optional;

/**
 * Where rows without a {@code Number} but with {@code license_number} get their number from. Built by name
 * ({@link #builder(String, NumberType)}), so a criterion added later breaks no caller.
 */
public final class NumberPool {
    private final String country;
    private final Optional<String> prefix;
    private final NumberType type;

    private NumberPool(Builder b) {
        this.country = Objects.requireNonNull(b.country, "country");
        if (!country.matches("[A-Z]{2}")) {
            throw new ValidationException("country", "must be two capital letters");
        }
        this.prefix = Optional.ofNullable(b.prefix);
        this.type = Objects.requireNonNull(b.type, "type");
    }

    /**
     * @param country the ISO country of the numbers (two capital letters)
     * @param type the number type
     * @return a builder for a pool of that country and type, any prefix
     */
    public static Builder builder(String country, NumberType type) {
        return new Builder(country, type);
    }

    /**
     * @param country the ISO country
     * @return Operator Connect numbers of that country, any prefix
     * @throws ValidationException if the country is not two capital letters
     */
    public static NumberPool operatorConnect(String country) {
        return builder(country, NumberType.OPERATOR_CONNECT).build();
    }

    /** @return a builder holding this pool */
    public Builder toBuilder() {
        Builder b = new Builder(country, type);
        b.prefix = prefix.orElse(null);
        return b;
    }

    /** @return the ISO country of the numbers */
    public String country() {
        return country;
    }

    /** @return the number prefix (area) the numbers start with, if any */
    public Optional<String> prefix() {
        return prefix;
    }

    /** @return the number type */
    public NumberType type() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumberPool p && country.equals(p.country) && prefix.equals(p.prefix) && type == p.type;
    }

    @Override
    public int hashCode() {
        return Objects.hash(country, prefix, type);
    }

    @Override
    public String toString() {
        return "NumberPool[country=" + country + ", prefix=" + prefix.orElse("-") + ", type=" + type + "]";
    }

    /** Builds a {@link NumberPool}. */
    public static final class Builder {
        private final String country;
        private final NumberType type;
        private String prefix;

        private Builder(String country, NumberType type) {
            this.country = country;
            this.type = type;
        }

        /**
         * @param value the number prefix (area) the numbers start with
         * @return this
         */
        public Builder prefix(String value) {
            this.prefix = Objects.requireNonNull(value, "prefix");
            return this;
        }

        /**
         * @return the pool
         * @throws ValidationException if the country is not two capital letters
         */
        public NumberPool build() {
            return new NumberPool(this);
        }
    }
}
