package dev.tenantconnect.core.credential;

import java.time.Instant;
import java.util.Objects;

/**
 * The credential a record held before its last replacement, kept until retired so that rotation never leaves a
 * moment without a working credential.
 *
 * @param credential the replaced credential
 * @param replacedAt when it was replaced
 */
public record PreviousCredential(TenantCredential credential, Instant replacedAt) {
    /** Rejects nulls. */
    public PreviousCredential {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(replacedAt, "replacedAt");
    }
}
