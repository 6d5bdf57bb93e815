package dev.tenantconnect.core.tenant;

import java.util.Objects;
import java.util.UUID;

/**
 * An owner of an app registration.
 *
 * @param id the owner's object ID
 * @param kind a user or a service principal
 * @param name the user's UPN or the service principal's display name
 */
public record ApplicationOwner(UUID id, Kind kind, String name) {
    /** What kind of directory object owns the application. */
    public enum Kind {
        /** A user. */
        USER,
        /** A service principal (an application's identity). */
        SERVICE_PRINCIPAL,
        /** Another directory object. */
        OTHER
    }

    /** Rejects nulls. */
    public ApplicationOwner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return name + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + id + ")";
    }
}
