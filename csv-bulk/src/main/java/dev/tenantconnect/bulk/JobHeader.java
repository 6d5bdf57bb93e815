package dev.tenantconnect.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return the header as JSON: what another process needs to resume the job */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("jobId", jobId);
        o.put("tenant", key.tenant().toString());
        o.put("service", key.service().value());
        o.put("source", source.toAbsolutePath().toString());
        o.put("sha256", sha256);
        o.put("createdAt", createdAt.toString());
        BulkOptions opt = options;
        ObjectNode op = o.putObject("options");
        op.put("concurrency", opt.concurrency());
        op.put("failurePolicy", opt.failurePolicy().name());
        op.put("invalidRows", opt.invalidRows().name());
        opt.numberPool().ifPresent(p -> {
            ObjectNode pool = op.putObject("numberPool");
            pool.put("country", p.country());
            p.prefix().ifPresent(x -> pool.put("prefix", x));
            pool.put("type", p.type().name());
        });
        opt.locationId().ifPresent(x -> op.put("locationId", x));
        ObjectNode pol = op.putObject("policies");
        opt.policies().forEach(pol::put);
        opt.resultsFile().ifPresent(x -> op.put("resultsFile", x.toAbsolutePath().toString()));
        if (opt.takeOverNumbers()) {
            op.put("takeOverNumbers", true);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a job header always serialises", e);
        }
    }

    /**
     * @param json what {@link #toJson()} wrote
     * @return the header
     * @throws IllegalArgumentException if the JSON is not a job header
     */
    public static JobHeader fromJson(String json) {
        JsonNode o;
        try {
            o = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a job header", e);
        }
        JsonNode op = o.path("options");
        JsonNode pool = op.path("numberPool");
        Map<String, String> policies = new HashMap<>();
        op.path("policies").fields().forEachRemaining(x -> policies.put(x.getKey(), x.getValue().asText()));
        BulkOptions options = new BulkOptions(op.path("concurrency").asInt(), FailurePolicy.valueOf(
                op.path("failurePolicy").asText()), InvalidRows.valueOf(op.path("invalidRows").asText()),
                pool.isObject() ? Optional.of(new NumberPool(pool.path("country").asText(),
                        Optional.ofNullable(pool.path("prefix").textValue()), NumberType.valueOf(pool.path("type")
                                .asText()))) : Optional.empty(),
                Optional.ofNullable(op.path("locationId").textValue()), policies,
                Optional.ofNullable(op.path("resultsFile").textValue()).map(Path::of))
                .withTakeOverNumbers(op.path("takeOverNumbers").asBoolean(false));
        return new JobHeader(o.path("jobId").asText(), new CredentialKey(TenantId.parse(o.path("tenant").asText()),
                ServiceId.of(o.path("service").asText())), Path.of(o.path("source").asText()),
                o.path("sha256").asText(), options, Instant.parse(o.path("createdAt").asText()));
    }

}
