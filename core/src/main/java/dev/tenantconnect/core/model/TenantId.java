package dev.tenantconnect.core.model;

import dev.tenantconnect.core.internal.Checks;
import java.util.Objects;
import java.util.UUID;

/**
 * A Microsoft Entra tenant ID (the directory's GUID). Canonical form is lower case.
 *
 * @param id the GUID
 */
public record TenantId(UUID id) implements TenantRef, Comparable<TenantId> {

    /** Rejects null. */
    public TenantId {
        Objects.requireNonNull(id, "id");
    }

    /**
     * @param raw a GUID, with or without braces
     * @return the tenant ID
     * @throws dev.tenantconnect.core.error.ValidationException naming field {@code tenantId} when not a GUID
     */
    public static TenantId parse(String raw) {
        return new TenantId(Checks.guid("tenantId", raw));
    }

    @Override
    public String value() {
        return id.toString();
    }

    @Override
    public int compareTo(TenantId o) {
        return value().compareTo(o.value());
    }

    @Override
    public String toString() {
        return value();
    }
}
