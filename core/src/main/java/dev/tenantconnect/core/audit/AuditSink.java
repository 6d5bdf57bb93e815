package dev.tenantconnect.core.audit;

/**
 * Where audit events go. Implementations are thread-safe; one that cannot keep an event may throw (a
 * {@code StoreException}): {@link Auditor} logs that and the write it records goes on. Sinks: {@link InMemoryAuditSink},
 * {@link Slf4jAuditSink}, the JDBC sink of the {@code jdbc-store} module.
 */
public interface AuditSink {
    /** @param event a write that happened (or was refused) */
    void record(AuditEvent event);

    /** @return a sink that keeps nothing (the default) */
    static AuditSink none() {
        return event -> { };
    }

    /**
     * @param other another sink
     * @return a sink that hands each event to this one, then to the other
     */
    default AuditSink and(AuditSink other) {
        java.util.Objects.requireNonNull(other, "other");
        AuditSink self = this;
        return event -> {
            self.record(event);
            other.record(event);
        };
    }
}
