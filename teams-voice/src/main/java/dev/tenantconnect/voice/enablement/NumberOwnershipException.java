package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.NumberConflictException;
import dev.tenantconnect.core.model.PhoneNumber;
import java.util.Objects;
import java.util.Optional;

/**
 * A request about a user and a number that do not belong together: the number is not the user's (disable, change
 * number, move), or the user already holds a different number (enable with a named number). Nothing was changed.
 * Names the user, the number asked about and, when known, the number the user holds or who holds the number.
 */
public final class NumberOwnershipException extends NumberConflictException {
    private static final long serialVersionUID = 1L;

    private final String user;
    private final PhoneNumber number;
    private final transient Optional<PhoneNumber> userHolds;

    NumberOwnershipException(String message, String user, PhoneNumber number, Optional<PhoneNumber> userHolds,
            ErrorContext context) {
        super(message, context);
        this.user = Objects.requireNonNull(user, "user");
        this.number = Objects.requireNonNull(number, "number");
        this.userHolds = Objects.requireNonNull(userHolds, "userHolds");
    }

    /** @return the user the request named (as given, or its object ID) */
    public String user() {
        return user;
    }

    /** @return the number the request named */
    public PhoneNumber number() {
        return number;
    }

    /** @return the number the user holds in the tenant, if any */
    public Optional<PhoneNumber> userHolds() {
        return userHolds;
    }
}
