package dev.tenantconnect.core.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A remote service (Entra ID, Microsoft Graph, the operator provisioning API) refused or failed a call. Carries
 * the {@link ErrorContext} (status, service error code, request ID, tenant) and, when the service said so, how
 * long to wait before retrying.
 */
public class ServiceException extends TenantConnectException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorContext context;
    private final Duration retryAfter;

    /**
     * @param message what failed, without secrets or tokens
     * @param context where the error came from
     * @param retryAfter the wait the service demanded, if any
     * @param cause the underlying cause, or {@code null}
     */
    public ServiceException(String message, ErrorContext context, Optional<Duration> retryAfter, Throwable cause) {
        super(message + suffix(context), cause);
        this.context = Objects.requireNonNull(context, "context");
        this.retryAfter = retryAfter.orElse(null);
    }

    private static String suffix(ErrorContext context) {
        String d = context.describe();
        return d.isEmpty() ? "" : " [" + d + "]";
    }

    /** @return where the error came from */
    public ErrorContext context() {
        return context;
    }

    /** @return the wait the service asked for ({@code Retry-After}), if it asked */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** @return the HTTP status, or -1 when the error did not come from an HTTP response */
    public int status() {
        return context.httpStatus().orElse(-1);
    }
}
