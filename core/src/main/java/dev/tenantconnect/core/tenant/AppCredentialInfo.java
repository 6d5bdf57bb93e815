package dev.tenantconnect.core.tenant;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A credential of an app registration as Graph lists it — never the secret text or private key.
 *
 * @param keyId the credential's key ID
 * @param kind a client secret or a certificate
 * @param displayName its description ("" when none)
 * @param expiresAt its end date, when Graph reports one
 */
public record AppCredentialInfo(UUID keyId, Kind kind, String displayName, Optional<Instant> expiresAt) {
    /** The kind of credential. */
    public enum Kind {
        /** A client secret (password credential). */
        SECRET,
        /** A certificate (key credential). */
        CERTIFICATE
    }

    /** Rejects nulls. */
    public AppCredentialInfo {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
