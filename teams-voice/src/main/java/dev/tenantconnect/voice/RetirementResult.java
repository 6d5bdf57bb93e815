package dev.tenantconnect.voice;

import dev.tenantconnect.core.credential.CredentialRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What {@link CredentialRotation#retirePrevious} did.
 *
 * @param outcome retired, not due yet, or nothing to retire
 * @param record the record after the call
 * @param removedKeyId the secret removed from the app registration, if one was
 * @param dueAt when the previous credential may be retired, when not due yet
 */
public record RetirementResult(Outcome outcome, CredentialRecord record, Optional<UUID> removedKeyId,
        Optional<Instant> dueAt) {

    /** The possible outcomes. */
    public enum Outcome {
        /** The previous credential was removed from the app registration (when it could be) and from the store. */
        RETIRED,
        /** The grace period has not passed. */
        NOT_DUE,
        /** The record has no previous credential. */
        NOTHING_TO_RETIRE
    }

    /** Rejects nulls. */
    public RetirementResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(removedKeyId, "removedKeyId");
        Objects.requireNonNull(dueAt, "dueAt");
    }
}
