package dev.tenantconnect.graph.internal;

import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.error.TransportException;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.resilience.AdaptivePacer;
import dev.tenantconnect.core.resilience.CallContext;
import dev.tenantconnect.core.resilience.RetryAfter;
import dev.tenantconnect.core.resilience.TenantGuards;
import dev.tenantconnect.core.resilience.TransportPolicy;
import io.github.resilience4j.bulkhead.Bulkhead;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Runs every Graph HTTP exchange under the tenant's {@link TransportPolicy}, in place of the Graph SDK's own retry
 * handler, and under the tenant's guards: each attempt takes a slot from the tenant's {@link AdaptivePacer} and a
 * permit from its bulkhead, and reports {@code x-ms-throttle-limit-percentage}, {@code x-ms-resource-unit} and 429s
 * back to the pacer. A response
 * the policy finally gives up on is handed back to the SDK unchanged, so its error (with request ID) still surfaces.
 * Not API.
 */
public final class TransportPolicyInterceptor implements Interceptor {
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
    private final TransportPolicy policy;
    private final TenantId tenant;
    private final Clock clock;
    private final AdaptivePacer pacer;
    private final Bulkhead bulkhead;

    /**
     * @param policy the tenant's policy
     * @param guards where the tenant's pacer and bulkhead come from
     * @param tenant the tenant
     * @param clock for HTTP-date {@code Retry-After}
     */
    public TransportPolicyInterceptor(TransportPolicy policy, TenantGuards guards, TenantId tenant, Clock clock) {
        this.policy = policy;
        this.tenant = tenant;
        this.clock = clock;
        this.pacer = guards.pacer(tenant);
        this.bulkhead = guards.bulkhead(tenant);
    }

    private Response send(Chain chain, Request request, int units) throws IOException {
        try {
            pacer.acquire(units);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotSent("interrupted while waiting for the tenant's pace");
        }
        try {
            bulkhead.acquirePermission();
        } catch (io.github.resilience4j.bulkhead.BulkheadFullException e) {
            throw new NotSent("too many calls in flight for the tenant");
        }
        Response r;
        long sent = System.nanoTime();
        try {
            r = chain.proceed(request);
        } finally {
            bulkhead.onComplete();
        }
        report(pacer, r, Duration.ofNanos(System.nanoTime() - sent), clock, units);
        return r;
    }

    /**
     * What a request will cost the tenant's budget, at least: a JSON batch ({@code POST $batch}) as many units as it
     * holds requests, each of which Graph counts on its own (https://learn.microsoft.com/graph/json-batching,
     * https://learn.microsoft.com/graph/throttling: "each individual request in a batch is evaluated against the
     * throttling limits"); any other request 1.
     */
    static int units(Request request) {
        okhttp3.RequestBody body = request.body();
        java.util.List<String> segments = request.url().pathSegments();
        if (!request.method().equals("POST") || body == null || body.isOneShot() || segments.isEmpty()
                || !segments.get(segments.size() - 1).equals("$batch")) {
            return 1;
        }
        try {
            okio.Buffer copy = new okio.Buffer();
            body.writeTo(copy);
            // the Graph SDK's compression handler may have gzipped the body already
            java.io.InputStream in = "gzip".equalsIgnoreCase(request.header("Content-Encoding"))
                    ? new java.util.zip.GZIPInputStream(copy.inputStream()) : copy.inputStream();
            com.fasterxml.jackson.databind.JsonNode requests = BATCH_READER.readTree(in).path("requests");
            return requests.isArray() ? Math.max(1, requests.size()) : 1;
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper BATCH_READER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * Tells the tenant's pacer what an answer said: a 429's {@code Retry-After}, or the share of the budget used
     * ({@code x-ms-throttle-limit-percentage}) and what the request cost ({@code x-ms-resource-unit}: a list of users
     * costs 2 units, so it drains the budget twice as fast as a write; 1 where the header is absent or unreadable).
     * Both headers: https://learn.microsoft.com/graph/throttling-limits ("Identity and access service limits").
     *
     * @param pacer the tenant's pacer
     * @param r the answer
     * @param roundTrip how long the exchange took
     * @param clock for an HTTP-date {@code Retry-After}
     * @param sent what the request was known to cost when sent: the units when the answer does not say (a JSON
     *     batch's answer carries its requests' costs in its body, not in its headers)
     */
    static void report(AdaptivePacer pacer, Response r, Duration roundTrip, Clock clock, int sent) {
        if (r.code() == 429) {
            pacer.onThrottled(RetryAfter.parse(r.header("Retry-After"), clock).orElse(Duration.ofSeconds(1)));
        } else {
            pacer.onResponse(usage(r.header("x-ms-throttle-limit-percentage")), roundTrip,
                    units(r.header("x-ms-resource-unit"), sent));
        }
    }

    /** Graph's {@code x-ms-resource-unit} (a positive integer); {@code otherwise} when absent or not one. */
    static int units(String header, int otherwise) {
        if (header == null) {
            return otherwise;
        }
        try {
            return Math.max(1, Integer.parseInt(header.strip()));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /**
     * Failures that happened before any byte of the request reached the service, so even a POST may be repeated:
     * no connection, no such host, waiting for the tenant's pace or bulkhead, and HTTP/2 {@code REFUSED_STREAM}
     * (the server declares it did not process the stream, RFC 9113 §8.7).
     */
    static boolean notSent(IOException e) {
        return e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NotSent
                || (e instanceof okhttp3.internal.http2.StreamResetException reset
                        && reset.errorCode == okhttp3.internal.http2.ErrorCode.REFUSED_STREAM);
    }

    /** The request never left: the tenant's guards did not let it. */
    private static final class NotSent extends java.io.InterruptedIOException {
        private static final long serialVersionUID = 1L;

        NotSent(String message) {
            super(message);
        }
    }

    private static OptionalDouble usage(String header) {
        if (header == null) {
            return OptionalDouble.empty();
        }
        try {
            double v = Double.parseDouble(header.strip());
            return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        CallContext ctx = new CallContext("graph " + request.method() + " " + request.url().encodedPath(),
                Optional.of(tenant), IDEMPOTENT.contains(request.method()));
        Response[] last = new Response[1];
        int units = units(request); // once per exchange, not per attempt
        try {
            return policy.execute(ctx, () -> {
                Response r;
                try {
                    // Microsoft asks for a new client-request-id on every request (the Graph SDK's telemetry
                    // handler would send one per client): https://learn.microsoft.com/graph/best-practices-concept
                    r = send(chain, request.newBuilder().header("client-request-id", java.util.UUID.randomUUID()
                            .toString()).build(), units);
                } catch (IOException e) {
                    boolean sent = !notSent(e);
                    throw new TransportException(ctx.operation() + ": " + e.getClass().getSimpleName(),
                            ErrorContext.forTenant(tenant), sent, e);
                }
                if (!RETRYABLE.contains(r.code())) {
                    return r;
                }
                ResponseBody body = r.body();
                MediaType type = body == null ? null : body.contentType();
                byte[] bytes;
                try {
                    bytes = body == null ? new byte[0] : body.bytes();
                } catch (IOException e) {
                    throw new TransportException(ctx.operation() + ": response body lost", ErrorContext.forTenant(
                            tenant), true, e);
                } finally {
                    r.close();
                }
                last[0] = r.newBuilder().body(ResponseBody.create(bytes, type)).build();
                throw new ServiceException(ctx.operation() + " answered " + r.code(),
                        ErrorContext.http(r.code(), null, r.header("request-id")).withTenant(tenant),
                        RetryAfter.parse(r.header("Retry-After"), clock), null);
            });
        } catch (ServiceException e) {
            if (last[0] != null) {
                return last[0];
            }
            throw e;
        } catch (TransportException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }
}
