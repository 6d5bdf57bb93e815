package dev.tenantconnect.core.audit;

import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One write to a customer tenant or to the credential store. Never carries a secret: the target names the resource
 * (a number, an object ID, a path or a service ID), the detail a status or an error type.
 *
 * @param principal who asked for it: the operator principal passed by the caller
 * @param action what was changed
 * @param tenant which customer tenant
 * @param target which resource, e.g. {@code +6590000001} or {@code /applications/{id}/addPassword}
 * @param when when it ended
 * @param result how it ended
 * @param detail e.g. {@code HTTP 201} or an error type; may be empty
 * @param correlation Microsoft's and our correlation IDs, e.g. {@value #CLIENT_REQUEST_ID} and {@value #REQUEST_ID}
 */
public record AuditEvent(String principal, AuditAction action, TenantId tenant, String target, Instant when,
        AuditResult result, String detail, Map<String, String> correlation) {
    /** The correlation key of the ID the SDK sent with the request. */
    public static final String CLIENT_REQUEST_ID = "client-request-id";
    /** The correlation key of the ID Microsoft answered with. */
    public static final String REQUEST_ID = "request-id";
    /** The correlation key of the provisioning API's repeatability ID. */
    public static final String REPEATABILITY_ID = "repeatability-request-id";

    /** Validates and copies the correlation IDs (in their given order). */
    public AuditEvent {
        Objects.requireNonNull(principal, "principal");
        if (principal.isBlank()) {
            throw new IllegalArgumentException("principal must not be blank");
        }
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(detail, "detail");
        correlation = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(correlation,
                "correlation")));
    }
}
