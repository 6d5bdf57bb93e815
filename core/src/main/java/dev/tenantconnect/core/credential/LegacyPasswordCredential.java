package dev.tenantconnect.core.credential;

import dev.tenantconnect.core.model.UserRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A legacy connection with a customer admin's user name and password (the "Password" connection method). The SDK
 * never signs in with it; it exists so that stores can hold what operators import from older systems until the
 * connection is upgraded to a delegated token.
 *
 * @param username the admin's UPN (personal data; never shown in {@code toString})
 * @param password the password
 */
public record LegacyPasswordCredential(UserRef.Upn username, Secret password) implements TenantCredential {

    /** Rejects nulls. */
    public LegacyPasswordCredential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public ConnectionMethod method() {
        return ConnectionMethod.PASSWORD;
    }

    @Override
    public Optional<Instant> expiresAt() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "LegacyPasswordCredential[username=" + username.redacted() + ", password=" + password + "]";
    }
}
