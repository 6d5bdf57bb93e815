package dev.tenantconnect.graph.internal;

import dev.tenantconnect.core.audit.AuditAction;
import dev.tenantconnect.core.audit.AuditEvent;
import dev.tenantconnect.core.audit.AuditResult;
import dev.tenantconnect.core.audit.Auditor;
import dev.tenantconnect.core.metrics.MetricNames;
import dev.tenantconnect.core.metrics.MetricTags;
import dev.tenantconnect.core.metrics.MetricsRecorder;
import dev.tenantconnect.core.model.TenantId;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The outermost interceptor of a tenant's Graph client: records one audit event per write to the tenant (every
 * request that is not a read, after the transport policy has finished with it, with the last attempt's
 * {@code client-request-id} and Microsoft's {@code request-id}) and counts the request's retries. The action is
 * read from the Graph path (the write paths the adapter uses, see {@link #classify}); the target is the path, or
 * the phone number for number operations — never a body, which may hold a secret or key material. Not API.
 */
public final class TenantWriteAudit implements Interceptor {
    private static final Pattern NUMBER = Pattern.compile("\"telephoneNumber\"\\s*:\\s*\"([+0-9;=a-z]{4,40})\"");
    private final TenantId tenant;
    private final Auditor auditor;
    private final MetricsRecorder metrics;

    /**
     * @param tenant the tenant the client writes to
     * @param auditor where events go
     * @param metrics where retries are counted
     */
    public TenantWriteAudit(TenantId tenant, Auditor auditor, MetricsRecorder metrics) {
        this.tenant = tenant;
        this.auditor = auditor;
        this.metrics = metrics;
    }

    /** Counts the attempts of one request (a tag on the request, kept across the policy's retries). */
    public static final class Attempts {
        final AtomicInteger count = new AtomicInteger();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Attempts attempts = new Attempts();
        Request request = chain.request().newBuilder().tag(Attempts.class, attempts).build();
        Optional<AuditAction> action = classify(request.method(), path(request));
        Response r;
        try {
            r = chain.proceed(request);
        } catch (IOException | RuntimeException e) {
            retries(attempts);
            action.ifPresent(a -> auditor.record(a, tenant, target(request), AuditResult.FAILED,
                    e.getClass().getSimpleName(), Map.of()));
            throw e;
        }
        retries(attempts);
        if (action.isPresent()) {
            Map<String, String> corr = new LinkedHashMap<>();
            String sent = r.request().header("client-request-id");
            if (sent != null) {
                corr.put(AuditEvent.CLIENT_REQUEST_ID, sent);
            }
            String answered = r.header("request-id");
            if (answered != null) {
                corr.put(AuditEvent.REQUEST_ID, answered);
            }
            auditor.record(action.get(), tenant, target(request), r.isSuccessful() ? AuditResult.SUCCEEDED
                    : AuditResult.FAILED, "HTTP " + r.code(), corr);
        }
        return r;
    }

    private void retries(Attempts attempts) {
        int n = attempts.count.get();
        if (n > 1) {
            metrics.count(MetricNames.HTTP_RETRIES, MetricTags.of("service", "graph", MetricTags.TENANT,
                    tenant.value()), n - 1);
        }
    }

    private static String path(Request request) {
        String p = request.url().encodedPath();
        int v = p.indexOf("/v1.0/");
        return v >= 0 ? p.substring(v + 5) : p;
    }

    private static String target(Request request) {
        String path = path(request);
        if (path.endsWith("ssignNumber") || path.endsWith("pdateNumber")) {
            try {
                okio.Buffer buf = new okio.Buffer();
                if (request.body() != null && request.body().contentLength() < 4096) {
                    request.body().writeTo(buf);
                    Matcher m = NUMBER.matcher(buf.readUtf8());
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            } catch (IOException e) {
                return path;
            }
        }
        return path;
    }

    /**
     * The audit action of a Graph request, empty for reads (GET, and POSTs that only read, such as {@code $batch}
     * of GETs). Paths as the Graph SDK v6 sends them (namespace-qualified actions) and as Microsoft documents them.
     *
     * @param method the HTTP method
     * @param path the path after {@code /v1.0}
     * @return the action, if the request writes
     */
    public static Optional<AuditAction> classify(String method, String path) {
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || path.endsWith("/$batch")) {
            return Optional.empty();
        }
        boolean post = method.equals("POST");
        boolean delete = method.equals("DELETE");
        AuditAction a;
        if (path.endsWith("unassignNumber")) {
            a = AuditAction.NUMBER_UNASSIGN;
        } else if (path.endsWith("assignNumber")) {
            a = AuditAction.NUMBER_ASSIGN;
        } else if (path.endsWith("updateNumber")) {
            a = AuditAction.NUMBER_UPDATE;
        } else if (path.contains("/policy/userAssignments/")) {
            a = AuditAction.POLICY_GRANT;
        } else if (path.endsWith("/addPassword")) {
            a = AuditAction.SECRET_ADD;
        } else if (path.endsWith("/removePassword")) {
            a = AuditAction.SECRET_REMOVE;
        } else if (path.endsWith("/addKey")) {
            a = AuditAction.CERTIFICATE_ADD;
        } else if (path.endsWith("/removeKey")) {
            a = AuditAction.CERTIFICATE_REMOVE;
        } else if (path.contains("/appRoleAssignments") || path.contains("/appRoleAssignedTo")) {
            a = delete ? AuditAction.PERMISSION_REVOKE : AuditAction.PERMISSION_GRANT;
        } else if (path.contains("/roleManagement/directory/roleAssignments")) {
            a = delete ? AuditAction.ROLE_REMOVE : AuditAction.ROLE_ASSIGN;
        } else if (path.contains("/owners/")) {
            a = AuditAction.APP_OWNER_ADD;
        } else if (path.endsWith("/servicePrincipals") && post) {
            a = AuditAction.SERVICE_PRINCIPAL_CREATE;
        } else if (path.startsWith("/applications")) {
            a = path.equals("/applications") && post ? AuditAction.APP_REGISTRATION_CREATE
                    : delete ? AuditAction.APP_REGISTRATION_DELETE : AuditAction.APP_REGISTRATION_UPDATE;
        } else if (path.endsWith("/verify") && path.startsWith("/domains")) {
            a = AuditAction.DOMAIN_VERIFY;
        } else if (path.equals("/domains") && post) {
            a = AuditAction.DOMAIN_ADD;
        } else if (path.endsWith("/assignLicense")) {
            a = AuditAction.LICENSE_ASSIGN;
        } else if (path.equals("/users") && post) {
            a = AuditAction.USER_CREATE;
        } else if (path.startsWith("/users/") && delete) {
            a = AuditAction.USER_DELETE;
        } else {
            a = AuditAction.TENANT_WRITE_OTHER;
        }
        return Optional.of(a);
    }
}
