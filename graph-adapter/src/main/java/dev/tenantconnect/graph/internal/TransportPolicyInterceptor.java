package dev.tenantconnect.graph.internal;

import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.error.TransportException;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.resilience.CallContext;
import dev.tenantconnect.core.resilience.RetryAfter;
import dev.tenantconnect.core.resilience.TransportPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Runs every Graph HTTP exchange under the tenant's {@link TransportPolicy}, in place of the Graph SDK's own retry
 * handler. A response the policy finally gives up on is handed back to the SDK unchanged, so its error (with
 * request ID) still surfaces. Not API.
 */
public final class TransportPolicyInterceptor implements Interceptor {
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
    private final TransportPolicy policy;
    private final TenantId tenant;
    private final Clock clock;

    /**
     * @param policy the tenant's policy
     * @param tenant the tenant
     * @param clock for HTTP-date {@code Retry-After}
     */
    public TransportPolicyInterceptor(TransportPolicy policy, TenantId tenant, Clock clock) {
        this.policy = policy;
        this.tenant = tenant;
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        CallContext ctx = new CallContext("graph " + request.method() + " " + request.url().encodedPath(),
                Optional.of(tenant), IDEMPOTENT.contains(request.method()));
        Response[] last = new Response[1];
        try {
            return policy.execute(ctx, () -> {
                Response r;
                try {
                    r = chain.proceed(request);
                } catch (IOException e) {
                    boolean sent = !(e instanceof ConnectException || e instanceof UnknownHostException);
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
