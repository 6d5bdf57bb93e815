package dev.tenantconnect.core.error;

import java.time.Duration;
import java.util.Optional;

/**
 * The service answered that the object asked for does not exist (HTTP 404): a user, number, application, domain or
 * operation that is not in the tenant — or not visible yet, since a directory object just created may take a while
 * to replicate. Read operations whose answer is naturally "none" (finding a user or a number) return an empty
 * {@link Optional} instead of throwing this.
 */
public class ResourceNotFoundException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was not found, without secrets
     * @param context where the answer came from (status, service error code, request ID, tenant)
     * @param cause the underlying cause, or {@code null}
     */
    public ResourceNotFoundException(String message, ErrorContext context, Throwable cause) {
        super(message, context, Optional.empty(), cause);
    }

    /**
     * For subtypes that add their own detail.
     *
     * @param message what was not found
     * @param context where
     * @param retryAfter a wait the service asked for, if any
     * @param cause the underlying cause, or {@code null}
     */
    protected ResourceNotFoundException(String message, ErrorContext context, Optional<Duration> retryAfter,
            Throwable cause) {
        super(message, context, retryAfter, cause);
    }
}
