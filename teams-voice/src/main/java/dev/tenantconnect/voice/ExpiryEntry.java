package dev.tenantconnect.voice;

import dev.tenantconnect.core.credential.ConnectionMethod;
import dev.tenantconnect.core.credential.CredentialKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored credential in an expiry report.
 *
 * @param key tenant and service
 * @param method the connection method
 * @param expiresAt when it expires, if known
 * @param daysLeft whole days until then, if known (negative when expired)
 * @param status PASS, WARN (soon or unknown) or FAIL (expired)
 */
public record ExpiryEntry(CredentialKey key, ConnectionMethod method, Optional<Instant> expiresAt,
        Optional<Long> daysLeft, CheckStatus status) {
    /** Rejects nulls. */
    public ExpiryEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(daysLeft, "daysLeft");
        Objects.requireNonNull(status, "status");
    }
}
