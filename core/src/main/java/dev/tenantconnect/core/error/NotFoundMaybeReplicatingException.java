package dev.tenantconnect.core.error;

import java.time.Duration;
import java.util.Optional;

/**
 * An object was not found although it should exist — typically just created and not yet replicated across the
 * directory. Thrown when the consistency policy's polling budget ran out; safe to retry later.
 */
public class NotFoundMaybeReplicatingException extends ResourceNotFoundException {
    private static final long serialVersionUID = 1L;

    private final int attempts;
    private final Duration waited;

    /**
     * @param message what was not found
     * @param context where
     * @param attempts how many times it was looked for
     * @param waited how long was spent waiting between looks
     */
    public NotFoundMaybeReplicatingException(String message, ErrorContext context, int attempts, Duration waited) {
        super(message + " (not visible after " + attempts + " attempts, " + waited.toMillis() + " ms)", context,
                Optional.empty(), null);
        this.attempts = attempts;
        this.waited = waited;
    }

    /** @return the number of lookups made */
    public int attempts() {
        return attempts;
    }

    /** @return the total time spent waiting between lookups */
    public Duration waited() {
        return waited;
    }
}
