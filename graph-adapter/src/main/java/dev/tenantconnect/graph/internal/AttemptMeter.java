package dev.tenantconnect.graph.internal;

import dev.tenantconnect.core.metrics.MetricNames;
import dev.tenantconnect.core.metrics.MetricTags;
import dev.tenantconnect.core.metrics.MetricsRecorder;
import dev.tenantconnect.core.metrics.Observations;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Counts every HTTP attempt by service, method and outcome ({@code 2xx}, {@code 4xx}, {@code 429}, {@code 5xx},
 * {@code io_error}), counts 429s and the {@code Retry-After} they ask for, and hands the Graph
 * {@code client-request-id} and {@code request-id} to the observation running on the calling thread. Sits after the
 * transport policy, so it sees each attempt. Not API.
 */
public final class AttemptMeter implements Interceptor {
    private final MetricsRecorder metrics;
    private final Function<Request, String> service;
    private final Optional<String> tenant;

    /**
     * @param metrics where counts go
     * @param service names the service a request goes to ({@code graph}, {@code entra}, {@code provisioning})
     * @param tenant the tenant, when the client serves one
     */
    public AttemptMeter(MetricsRecorder metrics, Function<Request, String> service, Optional<String> tenant) {
        this.metrics = metrics;
        this.service = service;
        this.tenant = tenant;
    }

    private MetricTags tags(String... kv) {
        MetricTags t = MetricTags.of(kv);
        return tenant.isPresent() ? t.and(MetricTags.TENANT, tenant.get()) : t;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        TenantWriteAudit.Attempts attempts = request.tag(TenantWriteAudit.Attempts.class);
        if (attempts != null) {
            attempts.count.incrementAndGet();
        }
        String svc = service.apply(request);
        String sent = request.header("client-request-id");
        if (sent != null) {
            Observations.attribute(MetricNames.ATTR_CLIENT_REQUEST_ID, sent);
        }
        Response r;
        try {
            r = chain.proceed(request);
        } catch (IOException e) {
            metrics.count(MetricNames.HTTP_REQUESTS, tags("service", svc, "method", request.method(), "outcome",
                    "io_error"), 1);
            throw e;
        }
        int code = r.code();
        String outcome = code == 429 ? "429" : (code / 100) + "xx";
        metrics.count(MetricNames.HTTP_REQUESTS, tags("service", svc, "method", request.method(), "outcome",
                outcome), 1);
        String answered = r.header("request-id");
        if (answered != null) {
            Observations.attribute(MetricNames.ATTR_REQUEST_ID, answered);
        }
        if (code == 429) {
            metrics.count(MetricNames.HTTP_THROTTLED, tags("service", svc), 1);
            String retryAfter = r.header("Retry-After");
            if (retryAfter != null && retryAfter.strip().matches("\\d{1,6}")) {
                metrics.observe(MetricNames.HTTP_RETRY_AFTER, tags("service", svc),
                        Double.parseDouble(retryAfter.strip()));
            }
        }
        return r;
    }
}
