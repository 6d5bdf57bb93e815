package dev.tenantconnect.core.audit;

/** The in-memory audit sink passes the audit log contract. */
class InMemoryAuditSinkTest extends AuditLogContract {
    @Override
    protected AuditLog newLog() {
        return new InMemoryAuditSink();
    }
}
