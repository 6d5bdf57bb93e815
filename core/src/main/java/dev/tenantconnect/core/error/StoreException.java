package dev.tenantconnect.core.error;

/** A store could not read or write its records (I/O, database, or a corrupted file). */
public class StoreException extends TenantConnectException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, without secret material
     * @param cause the underlying cause, or {@code null}
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
