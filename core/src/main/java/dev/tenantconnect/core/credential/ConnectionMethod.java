package dev.tenantconnect.core.credential;

import dev.tenantconnect.core.error.ValidationException;
import java.util.Optional;

/**
 * How the operator connects to a customer tenant, in upgrade order: a legacy admin password, then a
 * delegated token, then an app registration. Upgrades go one step at a time; password customers must first move to
 * a delegated token.
 */
public enum ConnectionMethod {
    /** A customer admin's user name and password (legacy, read-only, kept only to upgrade from). */
    PASSWORD,
    /** A delegated refresh token from an admin's sign-in. */
    DELEGATED_TOKEN,
    /** An app registration with a client secret or certificate: the target state. */
    APP_REGISTRATION;

    /** @return the next step up, if any */
    public Optional<ConnectionMethod> next() {
        return this == APP_REGISTRATION ? Optional.empty() : Optional.of(values()[ordinal() + 1]);
    }

    /**
     * @param target the method to move to
     * @return whether moving from this method to {@code target} is allowed: the next step, or staying on an
     *     app registration (rotation, or secret to certificate)
     */
    public boolean canMoveTo(ConnectionMethod target) {
        return next().map(target::equals).orElse(false) || (this == APP_REGISTRATION && target == APP_REGISTRATION);
    }

    /**
     * @param target the method to move to
     * @throws ValidationException naming field {@code connectionMethod} when the move skips a step or goes back
     */
    public void requireMoveTo(ConnectionMethod target) {
        if (!canMoveTo(target)) {
            String rule = next().map(n -> "from " + this + " the next step is " + n + ", not " + target)
                    .orElse("an app registration can only be replaced by another app registration credential");
            throw new ValidationException("connectionMethod", rule);
        }
    }
}
