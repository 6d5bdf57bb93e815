package dev.tenantconnect.core.billing;

import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * Where usage events are kept, append-only. Implementations: {@link InMemoryUsageLedger}; a database one shares it
 * between instances. Thread-safe.
 */
public interface UsageLedger {
    /** @param event the event, appended */
    void record(UsageEvent event);

    /**
     * @param until exclusive end
     * @return every event before {@code until}, oldest first (events at the same instant in the order recorded)
     */
    List<UsageEvent> eventsBefore(Instant until);

    /**
     * @param tenant a tenant
     * @param until exclusive end
     * @return the tenant's events before {@code until}, oldest first
     */
    default List<UsageEvent> eventsBefore(TenantId tenant, Instant until) {
        return eventsBefore(until).stream().filter(e -> e.tenant().equals(tenant)).toList();
    }
}
