package dev.tenantconnect.core.credential;

import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import java.util.Comparator;
import java.util.Objects;

/**
 * Which credential record: one per (tenant, service), as each service has its own secret.
 *
 * @param tenant the customer tenant
 * @param service the operator's service in that tenant
 */
public record CredentialKey(TenantId tenant, ServiceId service) implements Comparable<CredentialKey> {
    private static final Comparator<CredentialKey> ORDER =
            Comparator.comparing(CredentialKey::tenant).thenComparing(CredentialKey::service);

    /** Rejects nulls. */
    public CredentialKey {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(service, "service");
    }

    @Override
    public int compareTo(CredentialKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return tenant + "/" + service;
    }
}
