package dev.tenantconnect.core.audit;

import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Keeps audit events in memory, in the order recorded: for tests and single-process tools. Thread-safe. */
public final class InMemoryAuditSink implements AuditLog {
    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void record(AuditEvent event) {
        events.add(java.util.Objects.requireNonNull(event, "event"));
    }

    /** @return every event recorded, in order */
    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public synchronized List<AuditEvent> find(TenantId tenant, Instant since) {
        List<AuditEvent> out = new ArrayList<>();
        for (AuditEvent e : events) {
            if (e.tenant().equals(tenant) && !e.when().isBefore(since)) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparing(AuditEvent::when)); // stable: recorded order among equal times
        return out;
    }
}
