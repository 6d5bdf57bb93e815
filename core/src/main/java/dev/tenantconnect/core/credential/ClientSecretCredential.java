package dev.tenantconnect.core.credential;

import dev.tenantconnect.core.model.ClientId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An app registration's client secret.
 *
 * @param clientId the application (client) ID
 * @param secret the secret text
 * @param expiresAt the secret's {@code endDateTime}, if known
 * @param keyId the secret's {@code keyId} in the app registration, if known (used to remove it later)
 */
public record ClientSecretCredential(ClientId clientId, Secret secret, Optional<Instant> expiresAt,
        Optional<UUID> keyId) implements TenantCredential {

    /** Rejects nulls. */
    public ClientSecretCredential {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(keyId, "keyId");
    }

    /**
     * @param clientId the application ID
     * @param secret the secret
     * @param expiresAt when it expires
     * @return the credential
     */
    public static ClientSecretCredential of(ClientId clientId, Secret secret, Instant expiresAt) {
        return new ClientSecretCredential(clientId, secret, Optional.of(expiresAt), Optional.empty());
    }

    @Override
    public ConnectionMethod method() {
        return ConnectionMethod.APP_REGISTRATION;
    }

    @Override
    public String toString() {
        return "ClientSecretCredential[clientId=" + clientId + ", secret=" + secret + ", expiresAt="
                + expiresAt.map(Object::toString).orElse("unknown") + ", keyId="
                + keyId.map(Object::toString).orElse("unknown") + "]";
    }
}
