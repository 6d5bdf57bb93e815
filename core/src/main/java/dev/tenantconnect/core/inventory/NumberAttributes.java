package dev.tenantconnect.core.inventory;

import dev.tenantconnect.core.error.ValidationException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the operator knows about an imported number.
 *
 * @param country ISO 3166-1 alpha-2 country, upper case (e.g. {@code SG})
 * @param prefix the area or block prefix, digits after the {@code +} (e.g. {@code 656789}); grouping for capacity
 * @param type how it reaches Teams
 * @param usage what it is for
 * @param tags free operator labels (letters, digits, {@code -_.:}), e.g. {@code premium}
 */
public record NumberAttributes(String country, String prefix, NumberType type, NumberUsage usage, Set<String> tags) {
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern PREFIX = Pattern.compile("[1-9][0-9]{0,14}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.:-]{1,40}");

    /** Validates every attribute. */
    public NumberAttributes {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(usage, "usage");
        tags = Set.copyOf(tags);
        if (!COUNTRY.matcher(country).matches()) {
            throw new ValidationException("country", "must be an ISO 3166-1 alpha-2 code in upper case, e.g. SG");
        }
        if (!PREFIX.matcher(prefix).matches()) {
            throw new ValidationException("prefix", "must be 1 to 15 digits, not starting with 0");
        }
        for (String t : tags) {
            if (!TAG.matcher(t).matches()) {
                throw new ValidationException("tags", "each tag must be 1-40 letters, digits or _ . : -");
            }
        }
    }

    /**
     * @param country two letters, any case
     * @param prefix digits
     * @param type number type
     * @param usage usage
     * @return attributes without tags
     */
    public static NumberAttributes of(String country, String prefix, NumberType type, NumberUsage usage) {
        return new NumberAttributes(country == null ? null : country.toUpperCase(Locale.ROOT), prefix, type, usage,
                Set.of());
    }

    /**
     * Checks that a number may be imported with these attributes: it starts with the prefix, and only Direct
     * Routing numbers carry an extension.
     *
     * @param n a number
     * @throws ValidationException naming the rule broken
     */
    public void requireImportable(dev.tenantconnect.core.model.PhoneNumber n) {
        if (n.hasExtension() && type != NumberType.DIRECT_ROUTING) {
            throw new ValidationException("phoneNumber", "only Direct Routing numbers may carry an extension");
        }
        if (!n.digits().startsWith(prefix)) {
            throw new ValidationException("prefix", "every imported number must start with the prefix " + prefix);
        }
    }
}
