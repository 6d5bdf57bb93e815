package dev.tenantconnect.core.error;

import java.util.Objects;
import java.util.Optional;

/**
 * The network failed: connection refused or reset, timeout, TLS failure. {@link #requestMayHaveBeenSent()} tells
 * the retry policy whether a non-idempotent call could have reached the server (then it is not retried blindly).
 */
public class TransportException extends TenantConnectException {
    private static final long serialVersionUID = 1L;

    private final boolean requestMayHaveBeenSent;
    private final transient ErrorContext context;

    /**
     * @param message what failed (host and operation, no tokens)
     * @param context the tenant and client request ID, where known
     * @param requestMayHaveBeenSent false only when the failure happened before any byte of the request left
     * @param cause the I/O exception
     */
    public TransportException(String message, ErrorContext context, boolean requestMayHaveBeenSent, Throwable cause) {
        super(message, cause);
        this.context = Objects.requireNonNull(context, "context");
        this.requestMayHaveBeenSent = requestMayHaveBeenSent;
    }

    /** @return whether the server may have received (and applied) the request */
    public boolean requestMayHaveBeenSent() {
        return requestMayHaveBeenSent;
    }

    /** @return the tenant, if known */
    public Optional<dev.tenantconnect.core.model.TenantId> tenant() {
        return context.tenant();
    }

    /** @return the context of the failed call */
    public ErrorContext context() {
        return context;
    }
}
