package dev.tenantconnect.core.error;

/**
 * A store's data failed its integrity check: the file was tampered with, truncated, or encrypted with a
 * different key. The store refuses to continue rather than silently start empty.
 */
public class StoreIntegrityException extends StoreException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed the check
     * @param cause the underlying cause, or {@code null}
     */
    public StoreIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
