package dev.tenantconnect.core.billing;

import dev.tenantconnect.core.model.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Billing for a period {@code [from, to)}: per tenant and add-on, the user-days held (exact time held, in days) and
 * the peak number of users holding it at once, each line with the events that explain it. A user enabled before
 * the period is counted from its start; a user still enabled at its end, up to its end.
 *
 * @param from the period's start, inclusive
 * @param to the period's end, exclusive
 * @param lines one per tenant and add-on with usage in the period, ordered by tenant then add-on
 */
public record BillingReport(Instant from, Instant to, List<Line> lines) {
    private static final double DAY_MILLIS = Duration.ofDays(1).toMillis();

    /** Validates and copies. */
    public BillingReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new dev.tenantconnect.core.error.ValidationException("to", "must be after from");
        }
        lines = List.copyOf(lines);
    }

    /**
     * One billable line.
     *
     * @param tenant the tenant
     * @param addonCode the add-on
     * @param userDays the time users held it in the period, in days
     * @param peakUsers the most users holding it at one moment in the period
     * @param evidence the events of the users behind the line (including the one that started a holding before
     *     the period)
     */
    public record Line(TenantId tenant, String addonCode, double userDays, int peakUsers, List<UsageEvent> evidence) {
        /** Copies. */
        public Line {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(addonCode, "addonCode");
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * Computes the report from the ledger.
     *
     * @param ledger the usage events
     * @param from the period's start, inclusive
     * @param to the period's end, exclusive
     * @return the report
     */
    public static BillingReport compute(UsageLedger ledger, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new dev.tenantconnect.core.error.ValidationException("to", "must be after from");
        }
        record Interval(UUID user, Instant start, Instant end, UsageEvent started) {
        }
        record Key(TenantId tenant, String code) {
        }
        Map<Key, List<Interval>> intervals = new HashMap<>();
        Map<Key, Set<UsageEvent>> evidence = new HashMap<>();
        Map<TenantId, Map<UUID, Map<String, Interval>>> open = new HashMap<>();
        Map<TenantId, Map<UUID, UsageEvent>> lastEvent = new HashMap<>();
        for (UsageEvent e : ledger.eventsBefore(to)) {
            Map<String, Interval> held = open.computeIfAbsent(e.tenant(), t -> new HashMap<>())
                    .computeIfAbsent(e.user(), u -> new HashMap<>());
            lastEvent.computeIfAbsent(e.tenant(), t -> new HashMap<>()).put(e.user(), e);
            for (String code : new ArrayList<>(held.keySet())) {
                if (!e.addonCodes().contains(code)) { // the holding of this add-on ends
                    Interval i = held.remove(code);
                    Key k = new Key(e.tenant(), code);
                    intervals.computeIfAbsent(k, x -> new ArrayList<>()).add(new Interval(i.user(), i.start(),
                            e.at(), i.started()));
                    if (e.at().isAfter(from)) {
                        evidence.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(i.started());
                        evidence.get(k).add(e);
                    }
                }
            }
            for (String code : e.addonCodes()) {
                held.computeIfAbsent(code, c -> new Interval(e.user(), e.at(), null, e));
            }
        }
        open.forEach((tenant, users) -> users.forEach((user, held) -> held.forEach((code, i) -> {
            Key k = new Key(tenant, code);
            intervals.computeIfAbsent(k, x -> new ArrayList<>()).add(new Interval(user, i.start(), to, i.started()));
            evidence.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(i.started());
        })));
        List<Line> lines = new ArrayList<>();
        Map<Key, List<Interval>> sorted = new TreeMap<>(Comparator.comparing((Key k) -> k.tenant().toString())
                .thenComparing(Key::code));
        sorted.putAll(intervals);
        sorted.forEach((k, list) -> {
            long millis = 0;
            List<long[]> edges = new ArrayList<>();
            for (Interval i : list) {
                Instant s = i.start().isBefore(from) ? from : i.start();
                Instant e = i.end().isAfter(to) ? to : i.end();
                if (e.isAfter(s)) {
                    millis += Duration.between(s, e).toMillis();
                    edges.add(new long[] {s.toEpochMilli(), 1});
                    edges.add(new long[] {e.toEpochMilli(), -1});
                }
            }
            if (millis == 0) {
                return;
            }
            edges.sort(Comparator.<long[]>comparingLong(x -> x[0]).thenComparingLong(x -> x[1]));
            int cur = 0;
            int peak = 0;
            for (long[] edge : edges) {
                cur += (int) edge[1];
                peak = Math.max(peak, cur);
            }
            List<UsageEvent> why = new ArrayList<>(evidence.getOrDefault(k, Set.of()));
            why.sort(Comparator.comparing(UsageEvent::at));
            lines.add(new Line(k.tenant(), k.code(), Math.round(millis / DAY_MILLIS * 10_000) / 10_000.0, peak, why));
        });
        return new BillingReport(from, to, lines);
    }

    /** @return the report as JSON (written by Jackson, every string escaped), each line with its events */
    public String toJson() {
        return dev.tenantconnect.core.internal.JsonText.of(g -> {
            g.writeStartObject();
            g.writeStringField("from", from.toString());
            g.writeStringField("to", to.toString());
            g.writeArrayFieldStart("lines");
            for (Line l : lines) {
                g.writeStartObject();
                g.writeStringField("tenant", l.tenant().toString());
                g.writeStringField("addon", l.addonCode());
                g.writeNumberField("userDays", l.userDays());
                g.writeNumberField("peakUsers", l.peakUsers());
                g.writeArrayFieldStart("events");
                for (UsageEvent e : l.evidence()) {
                    g.writeStartObject();
                    g.writeStringField("user", e.user().toString());
                    g.writeStringField("kind", e.kind().toString());
                    g.writeStringField("at", e.at().toString());
                    g.writeStringField("source", String.valueOf(e.source()));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
