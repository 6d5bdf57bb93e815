package dev.tenantconnect.bulk;

import dev.tenantconnect.core.model.UserRef;
import java.util.Objects;

/** The {@code User} cell of a row: a UPN or object ID, or a display name that must be looked up. */
public sealed interface RowUser permits RowUser.Ref, RowUser.DisplayName {

    /**
     * A user named precisely.
     *
     * @param ref the UPN or object ID
     */
    record Ref(UserRef ref) implements RowUser {
        /** Rejects null. */
        public Ref {
            Objects.requireNonNull(ref, "ref");
        }

        @Override
        public String toString() {
            return ref.redacted();
        }
    }

    /**
     * A user named by display name (the operator's sample bulk file writes "John"); resolving it must find exactly one
     * user.
     *
     * @param name the display name
     */
    record DisplayName(String name) implements RowUser {
        /** Rejects blank names. */
        public DisplayName {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
        }

        @Override
        public String toString() {
            return "DisplayName[" + name.charAt(0) + "***]";
        }
    }
}
