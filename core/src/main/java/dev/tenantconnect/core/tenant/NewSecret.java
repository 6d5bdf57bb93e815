package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.credential.Secret;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A client secret just added to an app registration. The secret text is only ever returned once, here.
 *
 * @param keyId the password credential's key ID (needed to remove it later)
 * @param secret the secret text
 * @param expiresAt its end date
 */
public record NewSecret(UUID keyId, Secret secret, Instant expiresAt) {
    /** Rejects nulls. */
    public NewSecret {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
