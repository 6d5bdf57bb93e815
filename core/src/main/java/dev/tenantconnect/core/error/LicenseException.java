package dev.tenantconnect.core.error;

import java.util.Optional;

/** A user or tenant lacks a licence the operation needs (e.g. no enabled Teams Phone service plan). */
public class LicenseException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which licence is missing and for whom (no personal data at info level)
     * @param context where the problem was found
     */
    public LicenseException(String message, ErrorContext context) {
        super(message, context, Optional.empty(), null);
    }
}
