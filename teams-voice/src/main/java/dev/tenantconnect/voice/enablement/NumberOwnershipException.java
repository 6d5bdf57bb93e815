package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.NumberConflictException;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.UserRef;
import java.util.Objects;
import java.util.Optional;

/**
 * A request about a user and a number that do not belong together: the number is not the user's (disable, change
 * number, move), or the user already holds a different number (enable with a named number). Nothing was changed.
 * Names the user, the number asked about and, when known, the number the user holds or who holds the number.
 */
public final class NumberOwnershipException extends NumberConflictException {
    private static final long serialVersionUID = 1L;

    private final UserRef user;
    private final PhoneNumber number;
    private final transient Optional<PhoneNumber> userHolds;

    NumberOwnershipException(String message, UserRef user, PhoneNumber number, Optional<PhoneNumber> userHolds,
            ErrorContext context) {
        super(message, context);
        this.user = Objects.requireNonNull(user, "user");
        this.number = Objects.requireNonNull(number, "number");
        this.userHolds = Objects.requireNonNull(userHolds, "userHolds");
    }

    /** @return the user the request named, as it named them (a UPN is personal data: log {@code redacted()}) */
    public UserRef user() {
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
