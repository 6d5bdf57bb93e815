package dev.tenantconnect.bulk;

import dev.tenantconnect.core.credential.CredentialKey;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What a bulk job is: enough to resume it in another process.
 *
 * @param jobId the job's ID
 * @param key the tenant connection
 * @param source the input file
 * @param sha256 the input file's SHA-256 when the job started (resume refuses a changed file)
 * @param options the options the job runs with
 * @param createdAt when the job started
 */
public record JobHeader(String jobId, CredentialKey key, Path source, String sha256, BulkOptions options,
        Instant createdAt) {
    /** Validates. */
    public JobHeader {
        Objects.requireNonNull(jobId, "jobId");
        if (!jobId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new dev.tenantconnect.core.error.ValidationException("jobId", "must be 1 to 64 letters, digits or '-'");
        }
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
