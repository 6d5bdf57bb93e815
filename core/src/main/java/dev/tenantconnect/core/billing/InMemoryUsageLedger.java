package dev.tenantconnect.core.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A {@link UsageLedger} in memory. */
public final class InMemoryUsageLedger implements UsageLedger {
    private final List<UsageEvent> events = new ArrayList<>();

    @Override
    public synchronized void record(UsageEvent event) {
        events.add(Objects.requireNonNull(event, "event"));
    }

    @Override
    public synchronized List<UsageEvent> eventsBefore(Instant until) {
        return events.stream().filter(e -> e.at().isBefore(until))
                .sorted(Comparator.comparing(UsageEvent::at)).toList(); // stable: same-instant order kept
    }
}
