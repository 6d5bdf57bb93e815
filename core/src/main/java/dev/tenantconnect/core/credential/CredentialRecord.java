package dev.tenantconnect.core.credential;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored credential with its version for compare-and-set updates.
 *
 * @param key which tenant and service
 * @param version starts at 1, grows by 1 with every change
 * @param credential the current credential
 * @param updatedAt when the record last changed
 * @param previous the credential replaced last, until retired
 */
public record CredentialRecord(CredentialKey key, long version, TenantCredential credential, Instant updatedAt,
        Optional<PreviousCredential> previous) {

    /** Validates the components. */
    public CredentialRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(previous, "previous");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
    }
}
