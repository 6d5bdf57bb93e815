package dev.tenantconnect.core.error;

/**
 * The one unchecked root of every exception this SDK throws on purpose.
 *
 * <p>Client-side problems ({@link ValidationException}, {@link ConfigurationException},
 * {@link InvalidTransitionException}, {@link StoreException}) are kept apart from problems reported by a
 * remote service ({@link ServiceException} and its subtypes) and from transport failures
 * ({@link TransportException}). Messages never contain secrets, tokens or key material.
 */
public abstract class TenantConnectException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that must not contain secrets. Messages often carry values from outside
     * (a server's answer, a file, a database row): every control character, line break and bidirectional override
     * in the message is shown as a {@code \\uXXXX} escape ({@link UntrustedText#escape}), so no message can forge a
     * log line or hide text, whatever it quotes.
     *
     * @param message what went wrong, safe to log
     * @param cause the underlying cause, or {@code null} when there is none
     */
    protected TenantConnectException(String message, Throwable cause) {
        super(message == null ? null : UntrustedText.escape(message), cause);
    }
}
