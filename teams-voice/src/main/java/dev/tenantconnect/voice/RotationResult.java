package dev.tenantconnect.voice;

import dev.tenantconnect.core.credential.CredentialRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A rotated secret: the new one is stored as current and proven to work; the old one is kept as previous until
 * {@link CredentialRotation#retirePrevious} removes it.
 *
 * @param record the updated record
 * @param newKeyId the new secret's key ID in the app registration
 * @param expiresAt the new secret's end date
 */
public record RotationResult(CredentialRecord record, UUID newKeyId, Instant expiresAt) {
    /** Rejects nulls. */
    public RotationResult {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(newKeyId, "newKeyId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
