package dev.tenantconnect.core.error;

/** The SDK was wired or configured in a way that cannot work (a missing store, an impossible policy). */
public class ConfigurationException extends TenantConnectException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong with the configuration and how to fix it
     */
    public ConfigurationException(String message) {
        super(message, null);
    }

    /**
     * @param message what is wrong with the configuration and how to fix it
     * @param cause the underlying cause
     */
    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
