package dev.tenantconnect.core.error;

import java.util.Optional;

/**
 * Entra ID refused to issue a token: unknown tenant or application, wrong or expired secret, certificate not
 * registered, disabled application. {@link ErrorContext#serviceErrorCode()} carries the Entra error and the AADSTS
 * code (e.g. {@code invalid_client AADSTS7000215}).
 */
public class AuthenticationFailedException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was refused (no secrets)
     * @param context the tenant, status and Entra error code
     * @param cause the client library's exception, or {@code null}
     */
    public AuthenticationFailedException(String message, ErrorContext context, Throwable cause) {
        super(message, context, Optional.empty(), cause);
    }
}
