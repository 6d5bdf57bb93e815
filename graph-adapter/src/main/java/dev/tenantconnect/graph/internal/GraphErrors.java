package dev.tenantconnect.graph.internal;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import dev.tenantconnect.core.error.AuthenticationFailedException;
import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.error.TenantConnectException;
import dev.tenantconnect.core.error.ThrottledException;
import dev.tenantconnect.core.error.TransportException;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.resilience.RetryAfter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Turns Graph SDK failures into the SDK's exception hierarchy, keeping status, code and request IDs. Not API. */
public final class GraphErrors {
    private GraphErrors() {
    }

    /**
     * @param operation what was attempted, for the message
     * @param tenant the tenant
     * @param e the failure
     * @param clock to read an HTTP-date {@code Retry-After}
     * @return the translated exception (the original when it already is one of ours)
     */
    public static TenantConnectException translate(String operation, TenantId tenant, Throwable e, Clock clock) {
        Throwable t = e;
        while (t instanceof java.util.concurrent.CompletionException || t instanceof UncheckedIOException) {
            t = t.getCause() == null ? t : t.getCause();
            if (t == e) {
                break;
            }
        }
        if (t instanceof TenantConnectException tc) {
            return tc;
        }
        if (t instanceof ApiException api) {
            int status = api.getResponseStatusCode();
            String code = null;
            String requestId = null;
            String clientRequestId = null;
            if (api instanceof ODataError od && od.getError() != null) {
                code = od.getError().getCode();
                if (od.getError().getInnerError() != null) {
                    requestId = od.getError().getInnerError().getRequestId();
                    clientRequestId = od.getError().getInnerError().getClientRequestId();
                }
            }
            Set<String> retryAfterValues = api.getResponseHeaders() == null ? null
                    : api.getResponseHeaders().get("Retry-After");
            if (requestId == null && api.getResponseHeaders() != null
                    && api.getResponseHeaders().get("request-id") != null) {
                requestId = api.getResponseHeaders().get("request-id").stream().findFirst().orElse(null);
            }
            ErrorContext ctx = new ErrorContext(Optional.of(tenant), OptionalInt.of(status), Optional.ofNullable(code),
                    Optional.ofNullable(requestId), Optional.ofNullable(clientRequestId));
            Optional<java.time.Duration> retryAfter = retryAfterValues == null ? Optional.empty()
                    : retryAfterValues.stream().findFirst().flatMap(v -> RetryAfter.parse(v, clock));
            String message = operation + " failed";
            if (status == 429) {
                return new ThrottledException(message + ": throttled", ctx, retryAfter, api);
            }
            if (status == 401) {
                return new AuthenticationFailedException(message + ": the token was not accepted", ctx, api);
            }
            return new ServiceException(message, ctx, retryAfter, api);
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException io) {
                boolean sent = !TransportPolicyInterceptor.notSent(io);
                return new TransportException(operation + " failed: " + describe(io),
                        ErrorContext.forTenant(tenant), sent, io);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return new ServiceException(operation + " failed: " + t.getClass().getSimpleName(),
                ErrorContext.forTenant(tenant), Optional.empty(), t);
    }

    /**
     * Names a network failure for a message: its type, and for TLS failures what to do about them.
     *
     * @param io the failure
     * @return the text
     */
    public static String describe(IOException io) {
        if (io instanceof javax.net.ssl.SSLHandshakeException || io instanceof javax.net.ssl.SSLPeerUnverifiedException) {
            return io.getClass().getSimpleName() + ": the server's TLS certificate is not trusted or does not match "
                    + "its host name; for a custom endpoint add its certificate with "
                    + "GraphConnector.Builder.trustCertificates (checks are never switched off)";
        }
        return io.getClass().getSimpleName();
    }
}
