package dev.tenantconnect.core.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a job is: enough to resume it in another process.
 *
 * @param jobId the job's ID: 1 to 64 letters, digits or {@code -}
 * @param key the tenant connection the job works on
 * @param source the input file
 * @param sha256 the input file's SHA-256 when the job started (resume refuses a changed file)
 * @param parameters the settings the job runs with, as the job's runner wrote them (the journal keeps them verbatim
 *     and never interprets them; the bulk module stores its {@code BulkOptions} here)
 * @param createdAt when the job started
 */
public record JobHeader(String jobId, CredentialKey key, Path source, String sha256, Map<String, String> parameters,
        Instant createdAt) {
    private static final JsonFactory JSON = new JsonFactory();

    /** Validates and copies. */
    public JobHeader {
        Objects.requireNonNull(jobId, "jobId");
        if (!jobId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new ValidationException("jobId", "must be 1 to 64 letters, digits or '-'");
        }
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** @return the header as JSON: what another process needs to resume the job */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("jobId", jobId);
            g.writeStringField("tenant", key.tenant().toString());
            g.writeStringField("service", key.service().value());
            g.writeStringField("source", source.toAbsolutePath().toString());
            g.writeStringField("sha256", sha256);
            g.writeStringField("createdAt", createdAt.toString());
            g.writeObjectFieldStart("parameters");
            for (Map.Entry<String, String> p : new TreeMap<>(parameters).entrySet()) {
                g.writeStringField(p.getKey(), p.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a job header always serialises", e);
        }
        return out.toString();
    }

    /**
     * Reads what {@link #toJson()} wrote. Nested objects in the parameters (as older versions wrote them, under
     * {@code options}) are read as dotted names: {@code {"numberPool": {"country": "SG"}}} is
     * {@code numberPool.country=SG}.
     *
     * @param json the header's JSON
     * @return the header
     * @throws IllegalArgumentException if the JSON is not a job header
     */
    public static JobHeader fromJson(String json) {
        Map<String, String> fields = new HashMap<>();
        Map<String, String> parameters = new HashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a job header: not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT && (name.equals("parameters") || name.equals("options"))) {
                    flatten(p, "", parameters);
                } else if (value.isStructStart()) {
                    p.skipChildren();
                } else {
                    fields.put(name, p.getText());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a job header", e);
        }
        try {
            return new JobHeader(required(fields, "jobId"), new CredentialKey(TenantId.parse(required(fields,
                    "tenant")), ServiceId.of(required(fields, "service"))), Path.of(required(fields, "source")),
                    required(fields, "sha256"), parameters, Instant.parse(required(fields, "createdAt")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a job header: " + e.getMessage(), e);
        }
    }

    private static void flatten(JsonParser p, String prefix, Map<String, String> out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = prefix + p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_OBJECT) {
                flatten(p, name + ".", out);
            } else if (value == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else if (value != JsonToken.VALUE_NULL) {
                out.put(name, p.getText());
            }
        }
    }

    private static String required(Map<String, String> fields, String name) {
        String v = fields.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the field " + name + " is missing");
        }
        return v;
    }
}
