package dev.tenantconnect.core.model;

import dev.tenantconnect.core.error.ValidationException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * A contiguous block of numbers for inventory imports, written {@code +6567891200..+6567891299}. Both ends have
 * the same digit count and no extension. Iterating walks the block lazily; nothing is materialised.
 *
 * @param first the first number, inclusive
 * @param last the last number, inclusive
 */
public record PhoneNumberRange(PhoneNumber first, PhoneNumber last) implements Iterable<PhoneNumber> {
    private static final String FIELD = "numberRange";

    /** Validates that the ends are comparable and ordered. */
    public PhoneNumberRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (first.hasExtension() || last.hasExtension()) {
            throw new ValidationException(FIELD, "range ends must not carry extensions");
        }
        if (first.digits().length() != last.digits().length()) {
            throw new ValidationException(FIELD, "both ends must have the same number of digits");
        }
        if (first.compareTo(last) > 0) {
            throw new ValidationException(FIELD, "first number must not be greater than the last");
        }
    }

    /**
     * Parses {@code first..last}; a single number is a range of one.
     *
     * @param raw the text
     * @return the range
     */
    public static PhoneNumberRange parse(String raw) {
        if (raw == null) {
            throw new ValidationException(FIELD, "is required");
        }
        int sep = raw.indexOf("..");
        if (sep < 0) {
            PhoneNumber single = PhoneNumber.parse(raw);
            return new PhoneNumberRange(single, single);
        }
        if (raw.indexOf("..", sep + 2) >= 0) {
            throw new ValidationException(FIELD, "must be written first..last with one '..'");
        }
        return new PhoneNumberRange(PhoneNumber.parse(raw.substring(0, sep)), PhoneNumber.parse(raw.substring(sep + 2)));
    }

    /** @return the count of numbers in the range (at least 1) */
    public long size() {
        return Long.parseLong(last.digits()) - Long.parseLong(first.digits()) + 1;
    }

    /**
     * @param number a number
     * @return whether the number (ignoring any extension) lies within the range
     */
    public boolean contains(PhoneNumber number) {
        PhoneNumber n = number.withoutExtension();
        return n.digits().length() == first.digits().length() && n.compareTo(first) >= 0 && n.compareTo(last) <= 0;
    }

    @Override
    public Iterator<PhoneNumber> iterator() {
        final int width = first.digits().length();
        final long end = Long.parseLong(last.digits());
        return new Iterator<>() {
            private long next = Long.parseLong(first.digits());

            @Override
            public boolean hasNext() {
                return next <= end;
            }

            @Override
            public PhoneNumber next() {
                if (next > end) {
                    throw new NoSuchElementException();
                }
                String d = Long.toString(next++);
                return new PhoneNumber("0".repeat(width - d.length()) + d, Optional.empty());
            }
        };
    }

    @Override
    public String toString() {
        return first + ".." + last;
    }
}
