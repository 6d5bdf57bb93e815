package dev.tenantconnect.core.error;

import java.time.Duration;
import java.util.Optional;

/**
 * The service throttled us (HTTP 429, or 503 with {@code Retry-After}) and the retry budget could not absorb the
 * wait. {@link #retryAfter()} says how long the service asked to wait; schedule the work again after it.
 */
public class ThrottledException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was throttled
     * @param context where the error came from
     * @param retryAfter the wait the service demanded, if it named one
     * @param cause the last throttled response, or {@code null}
     */
    public ThrottledException(String message, ErrorContext context, Optional<Duration> retryAfter, Throwable cause) {
        super(message, context, retryAfter, cause);
    }
}
