package dev.tenantconnect.core.error;

import java.util.Optional;

/** A telephone number is already taken: assigned to someone else, reserved by another job, or not in the pool. */
public class NumberConflictException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what conflicts (the number itself only in redacted form)
     * @param context where the conflict was found
     */
    public NumberConflictException(String message, ErrorContext context) {
        super(message, context, Optional.empty(), null);
    }
}
