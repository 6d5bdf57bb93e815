package dev.tenantconnect.core.credential;

import dev.tenantconnect.core.model.ClientId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A delegated connection: the refresh token from a customer admin's sign-in (the "Delegated Token" connection
 * method), to be upgraded to an app registration.
 *
 * @param clientId the public client the token was issued to
 * @param refreshToken the refresh token
 * @param obtainedAt when it was obtained
 */
public record DelegatedTokenCredential(ClientId clientId, Secret refreshToken, Instant obtainedAt)
        implements TenantCredential {

    /** Rejects nulls. */
    public DelegatedTokenCredential {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(obtainedAt, "obtainedAt");
    }

    @Override
    public ConnectionMethod method() {
        return ConnectionMethod.DELEGATED_TOKEN;
    }

    /** Refresh tokens slide; their end is not known in advance. */
    @Override
    public Optional<Instant> expiresAt() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "DelegatedTokenCredential[clientId=" + clientId + ", refreshToken=" + refreshToken + ", obtainedAt="
                + obtainedAt + "]";
    }
}
