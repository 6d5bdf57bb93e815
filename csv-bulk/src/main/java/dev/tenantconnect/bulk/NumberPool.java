package dev.tenantconnect.bulk;

import dev.tenantconnect.core.inventory.NumberType;
import java.util.Objects;
import java.util.Optional;

/**
 * Where rows without a {@code Number} but with {@code license_number} get their number from.
 *
 * @param country the ISO country of the numbers
 * @param prefix an optional number prefix (area)
 * @param type the number type
 */
public record NumberPool(String country, Optional<String> prefix, NumberType type) {
    /** Validates. */
    public NumberPool {
        Objects.requireNonNull(country, "country");
        if (!country.matches("[A-Z]{2}")) {
            throw new dev.tenantconnect.core.error.ValidationException("country", "must be two capital letters");
        }
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(type, "type");
    }

    /**
     * @param country the ISO country
     * @return Operator Connect numbers of that country, any prefix
     */
    public static NumberPool operatorConnect(String country) {
        return new NumberPool(country, Optional.empty(), NumberType.OPERATOR_CONNECT);
    }
}
