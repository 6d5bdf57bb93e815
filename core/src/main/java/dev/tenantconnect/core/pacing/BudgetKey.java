package dev.tenantconnect.core.pacing;

import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import java.util.Objects;

/**
 * Whose budget: Microsoft Graph throttles per application and tenant.
 *
 * @param application the application (client) ID the calls are made with
 * @param tenant the tenant called
 */
public record BudgetKey(ClientId application, TenantId tenant) {
    /** Rejects nulls. */
    public BudgetKey {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(tenant, "tenant");
    }
}
