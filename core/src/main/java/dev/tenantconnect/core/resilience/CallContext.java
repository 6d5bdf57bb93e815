package dev.tenantconnect.core.resilience;

import dev.tenantconnect.core.model.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * What a resilience policy needs to know about one remote call.
 *
 * @param operation a short name for logs and metrics, e.g. {@code graph.users.get}
 * @param tenant the tenant the call is for, if any
 * @param idempotent whether repeating the call is harmless (GET, PUT, DELETE, or a POST the server deduplicates);
 *     only idempotent calls are retried after a 500/502 or after the request may have reached the server
 */
public record CallContext(String operation, Optional<TenantId> tenant, boolean idempotent) {
    /** Rejects nulls. */
    public CallContext {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(tenant, "tenant");
    }

    /**
     * @param operation the operation name
     * @param tenant the tenant
     * @return an idempotent call context
     */
    public static CallContext idempotent(String operation, TenantId tenant) {
        return new CallContext(operation, Optional.of(tenant), true);
    }

    /**
     * @param operation the operation name
     * @param tenant the tenant
     * @return a non-idempotent call context
     */
    public static CallContext nonIdempotent(String operation, TenantId tenant) {
        return new CallContext(operation, Optional.of(tenant), false);
    }
}
