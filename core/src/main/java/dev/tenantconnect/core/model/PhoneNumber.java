package dev.tenantconnect.core.model;

import dev.tenantconnect.core.error.ValidationException;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A telephone number in E.164 form, with an optional Direct Routing extension. Canonical text:
 * {@code +<digits>[;ext=<digits>]}.
 *
 * <p>{@link #parse(String)} accepts what operators and spreadsheets produce: {@code +6567891230}, {@code 6567891230}
 * (digits with country code, as in the operator's sample bulk file), {@code tel:+6567891230}, blanks, dashes, dots and
 * parentheses as separators, and a leading apostrophe that spreadsheets add to keep digits as text. Phone numbers are
 * personal data: log {@link #redacted()} above debug level.
 *
 * @param digits country code and national number, 7 to 15 ASCII digits, not starting with 0
 * @param extension the extension digits, if any (1 to 10 digits)
 */
public record PhoneNumber(String digits, Optional<String> extension) implements Comparable<PhoneNumber> {
    /** E.164 allows at most 15 digits. */
    public static final int MAX_DIGITS = 15;
    /** The shortest number we accept, country code included. */
    public static final int MIN_DIGITS = 7;
    /** The longest extension we accept. */
    public static final int MAX_EXTENSION_DIGITS = 10;

    private static final String FIELD = "phoneNumber";
    private static final Comparator<PhoneNumber> ORDER = Comparator.comparingInt((PhoneNumber p) -> p.digits.length())
            .thenComparing(PhoneNumber::digits)
            .thenComparing(p -> p.extension.orElse(""));

    /** Validates the canonical components. */
    public PhoneNumber {
        Objects.requireNonNull(digits, "digits");
        Objects.requireNonNull(extension, "extension");
        checkDigits(digits);
        extension.ifPresent(PhoneNumber::checkExtension);
    }

    /**
     * Parses a number written in any of the accepted forms.
     *
     * @param raw the text
     * @return the canonical number
     * @throws ValidationException naming field {@code phoneNumber} and the rule broken
     */
    public static PhoneNumber parse(String raw) {
        if (raw == null) {
            throw new ValidationException(FIELD, "is required");
        }
        String s = raw.strip();
        if (s.startsWith("'")) {
            s = s.substring(1).strip();
        }
        if (s.regionMatches(true, 0, "tel:", 0, 4)) {
            s = s.substring(4);
        }
        String ext = null;
        int e = s.toLowerCase(Locale.ROOT).indexOf(";ext=");
        if (e >= 0) {
            ext = s.substring(e + 5).strip();
            s = s.substring(0, e);
            if (ext.isEmpty()) {
                throw new ValidationException(FIELD, "extension after ';ext=' must not be empty");
            }
            for (int i = 0; i < ext.length(); i++) {
                if (!isAsciiDigit(ext.charAt(i))) {
                    throw new ValidationException(FIELD, "extension must contain digits only");
                }
            }
        }
        StringBuilder d = new StringBuilder(16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isAsciiDigit(c)) {
                d.append(c);
            } else if (c == '+') {
                if (d.length() > 0 || !onlyBlanksOrParentheses(s, i)) {
                    throw new ValidationException(FIELD, "'+' may only appear before the country code");
                }
            } else if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.' || c == '\u00A0' || c == '\t') {
                continue;
            } else if (Character.isLetter(c)) {
                throw new ValidationException(FIELD, "must not contain letters");
            } else {
                throw new ValidationException(FIELD,
                        "may contain only digits, a leading '+', blanks, dashes, dots and parentheses");
            }
        }
        return new PhoneNumber(d.toString(), Optional.ofNullable(ext));
    }

    private static boolean onlyBlanksOrParentheses(String s, int end) {
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) != ' ' && s.charAt(i) != '(') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static void checkDigits(String digits) {
        if (digits.isEmpty()) {
            throw new ValidationException(FIELD, "must contain digits");
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!isAsciiDigit(digits.charAt(i))) {
                throw new ValidationException(FIELD, "must contain digits only");
            }
        }
        if (digits.length() > MAX_DIGITS) {
            throw new ValidationException(FIELD, "must have at most " + MAX_DIGITS + " digits (E.164)");
        }
        if (digits.length() < MIN_DIGITS) {
            throw new ValidationException(FIELD,
                    "must have at least " + MIN_DIGITS + " digits including the country code");
        }
        if (digits.charAt(0) == '0') {
            throw new ValidationException(FIELD,
                    "country code must not start with 0 (E.164): write +<country code><number>");
        }
    }

    private static void checkExtension(String ext) {
        if (ext.isEmpty() || ext.length() > MAX_EXTENSION_DIGITS) {
            throw new ValidationException(FIELD, "extension must be 1 to " + MAX_EXTENSION_DIGITS + " digits");
        }
        for (int i = 0; i < ext.length(); i++) {
            if (!isAsciiDigit(ext.charAt(i))) {
                throw new ValidationException(FIELD, "extension must contain digits only");
            }
        }
    }

    /** @return {@code +<digits>} without extension, the form Microsoft Graph and the operator API use */
    public String e164() {
        return "+" + digits;
    }

    /** @return whether this number carries a Direct Routing extension */
    public boolean hasExtension() {
        return extension.isPresent();
    }

    /** @return the number without its extension */
    public PhoneNumber withoutExtension() {
        return extension.isEmpty() ? this : new PhoneNumber(digits, Optional.empty());
    }

    /** @return a form safe to log above debug level: country prefix and last two digits kept */
    public String redacted() {
        int keepHead = Math.min(4, digits.length() - 2);
        return "+" + digits.substring(0, keepHead) + "*".repeat(digits.length() - keepHead - 2)
                + digits.substring(digits.length() - 2);
    }

    /** Orders by digit count, then digits, then extension: numeric order within one numbering plan. */
    @Override
    public int compareTo(PhoneNumber o) {
        return ORDER.compare(this, o);
    }

    /** @return the canonical text, {@code +<digits>[;ext=<digits>]} */
    @Override
    public String toString() {
        return extension.map(x -> e164() + ";ext=" + x).orElseGet(this::e164);
    }
}
