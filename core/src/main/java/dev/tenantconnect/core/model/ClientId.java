package dev.tenantconnect.core.model;

import dev.tenantconnect.core.internal.Checks;
import java.util.Objects;
import java.util.UUID;

/**
 * The application (client) ID of an Entra app registration.
 *
 * @param id the GUID
 */
public record ClientId(UUID id) {

    /** Rejects null. */
    public ClientId {
        Objects.requireNonNull(id, "id");
    }

    /**
     * @param raw a GUID
     * @return the client ID
     * @throws dev.tenantconnect.core.error.ValidationException naming field {@code clientId} when not a GUID
     */
    public static ClientId parse(String raw) {
        return new ClientId(Checks.guid("clientId", raw));
    }

    /** @return the canonical lower-case GUID text */
    public String value() {
        return id.toString();
    }

    @Override
    public String toString() {
        return value();
    }
}
