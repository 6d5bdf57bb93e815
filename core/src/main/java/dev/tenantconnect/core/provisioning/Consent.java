package dev.tenantconnect.core.provisioning;

import dev.tenantconnect.core.model.TenantId;
import java.util.Objects;
import java.util.Set;

/**
 * A customer tenant's consent to the operator (a "request for information").
 *
 * @param tenant the customer tenant
 * @param active whether the consent is active (not suspended or removed)
 * @param countries the countries it consented to, ISO alpha-2
 */
public record Consent(TenantId tenant, boolean active, Set<String> countries) {
    /** Validates and copies. */
    public Consent {
        Objects.requireNonNull(tenant, "tenant");
        countries = Set.copyOf(countries);
    }

    /**
     * @param country an ISO alpha-2 country
     * @return whether numbers of that country may be uploaded for this tenant
     */
    public boolean allows(String country) {
        return active && countries.contains(country);
    }
}
