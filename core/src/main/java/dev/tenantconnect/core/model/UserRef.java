package dev.tenantconnect.core.model;

import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.internal.Checks;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A user (or resource account) of a customer tenant, named by Entra object ID or by user principal name.
 * UPNs are personal data: log them only at debug level ({@link #redacted()} is safe at any level).
 */
public sealed interface UserRef permits UserRef.ObjectId, UserRef.Upn {

    /** @return the text Graph accepts in {@code /users/{id|upn}} */
    String value();

    /** @return a form safe to log at info level */
    String redacted();

    /**
     * Parses an object ID (GUID) or a UPN ({@code local@domain}).
     *
     * @param raw the text
     * @return the reference
     */
    static UserRef parse(String raw) {
        String s = Checks.present("user", raw).strip();
        if (Checks.looksLikeGuid(s)) {
            return new ObjectId(Checks.guid("user", s));
        }
        if (s.indexOf('@') >= 0) {
            return Upn.parse(s);
        }
        throw new ValidationException("user", "must be an object ID (GUID) or a user principal name (name@domain)");
    }

    /**
     * An Entra object ID.
     *
     * @param id the GUID
     */
    record ObjectId(UUID id) implements UserRef {
        /** Rejects null. */
        public ObjectId {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String value() {
            return id.toString();
        }

        @Override
        public String redacted() {
            return value();
        }

        @Override
        public String toString() {
            return value();
        }
    }

    /**
     * A user principal name, canonical lower case.
     *
     * @param upn {@code local@domain}
     */
    record Upn(String upn) implements UserRef {
        private static final String LOCAL_SPECIALS = "!#$%&'*+/=?^_`{|}~.-";

        /** Validates the UPN shape (RFC 5322 local part without quotes, a dotted domain, at most 113 chars). */
        public Upn {
            Objects.requireNonNull(upn, "upn");
            if (upn.length() > 113 || !wellFormed(upn) || upn.startsWith(".")
                    || upn.contains("..") || upn.contains(".@")) {
                throw new ValidationException("user",
                        "must be a user principal name: name@domain, at most 113 characters, no blanks or quotes");
            }
        }

        /** {@code local@domain}: 1 to 64 RFC 5322 atom characters, then at least two dot-separated labels. */
        private static boolean wellFormed(String s) {
            int at = s.indexOf('@');
            if (at < 1 || at > 64) {
                return false;
            }
            for (int i = 0; i < at; i++) {
                char c = s.charAt(i);
                if (!asciiAlnum(c) && LOCAL_SPECIALS.indexOf(c) < 0) {
                    return false;
                }
            }
            int labels = 0;
            int labelLength = 0;
            for (int i = at + 1; i <= s.length(); i++) {
                char c = i == s.length() ? '.' : s.charAt(i);
                if (c == '.') {
                    if (labelLength == 0) {
                        return false;
                    }
                    labels++;
                    labelLength = 0;
                } else if (asciiAlnum(c) || c == '-') {
                    labelLength++;
                } else {
                    return false;
                }
            }
            return labels >= 2;
        }

        private static boolean asciiAlnum(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }

        /**
         * @param raw the text
         * @return the UPN in lower case
         */
        public static Upn parse(String raw) {
            return new Upn(Checks.present("user", raw).strip().toLowerCase(Locale.ROOT));
        }

        @Override
        public String value() {
            return upn;
        }

        @Override
        public String redacted() {
            int at = upn.indexOf('@');
            return upn.charAt(0) + "***" + upn.substring(at);
        }

        @Override
        public String toString() {
            return upn;
        }
    }
}
