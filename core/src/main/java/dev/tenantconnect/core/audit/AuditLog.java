package dev.tenantconnect.core.audit;

import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * An audit sink that can be read back: the events of one tenant since a moment, oldest first. Every implementation
 * passes the published {@code AuditLogContract} (core test-jar): {@link InMemoryAuditSink}, the JDBC audit log.
 */
public interface AuditLog extends AuditSink {
    /**
     * @param tenant a tenant
     * @param since the earliest moment wanted (inclusive)
     * @return that tenant's events at or after {@code since}, oldest first (in the order recorded when equal)
     */
    List<AuditEvent> find(TenantId tenant, Instant since);
}
