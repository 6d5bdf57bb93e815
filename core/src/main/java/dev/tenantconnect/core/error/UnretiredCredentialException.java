package dev.tenantconnect.core.error;

import java.time.Instant;
import java.util.Objects;

/**
 * A rotation was asked for while the credential replaced by the last rotation is still live and recorded as previous.
 * Rotating again would forget it while it still works (it could then never be retired), so the SDK refuses: retire
 * the previous credential first.
 */
public class UnretiredCredentialException extends TenantConnectException {
    private static final long serialVersionUID = 1L;

    private final String connection;
    private final Instant replacedAt;

    /**
     * @param connection the connection (tenant and service)
     * @param replacedAt when the previous credential was replaced
     */
    public UnretiredCredentialException(String connection, Instant replacedAt) {
        super("connection " + Objects.requireNonNull(connection, "connection") + " still holds the credential it "
                + "replaced at " + Objects.requireNonNull(replacedAt, "replacedAt") + "; retire it (retirePrevious) "
                + "before rotating again", null);
        this.connection = connection;
        this.replacedAt = replacedAt;
    }

    /** @return the connection, as named in the message */
    public String connection() {
        return connection;
    }

    /** @return when the unretired credential was replaced */
    public Instant replacedAt() {
        return replacedAt;
    }
}
