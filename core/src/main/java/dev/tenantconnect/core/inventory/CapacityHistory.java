package dev.tenantconnect.core.inventory;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Capacity over time (capacity planning): one snapshot per day of the inventory's {@link CapacityReport},
 * the utilisation trend, and per pool ({@code COUNTRY/prefix}) the daily consumption (least-squares slope of the
 * available count over the window) and the days until it runs out. Thread-safe.
 */
public final class CapacityHistory {
    private final TreeMap<LocalDate, Snapshot> days = new TreeMap<>();

    /**
     * One day's capacity.
     *
     * @param day the day (UTC)
     * @param total numbers in the inventory
     * @param utilisation share not available (0..1)
     * @param availableByPool available numbers per {@code COUNTRY/prefix}
     */
    public record Snapshot(LocalDate day, long total, double utilisation, Map<String, Long> availableByPool) {
        /** Copies (pools sorted). */
        public Snapshot {
            Objects.requireNonNull(day, "day");
            availableByPool = java.util.Collections.unmodifiableMap(new TreeMap<>(availableByPool));
        }
    }

    /**
     * A pool's trend.
     *
     * @param pool {@code COUNTRY/prefix}
     * @param availableNow available on the last day
     * @param consumedPerDay numbers taken per day (least-squares over the window; negative when the pool grows)
     * @param daysUntilExhaustion available divided by consumption, when numbers are being consumed
     */
    public record PoolTrend(String pool, long availableNow, double consumedPerDay, OptionalDouble daysUntilExhaustion) {
        /** Rejects nulls. */
        public PoolTrend {
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(daysUntilExhaustion, "daysUntilExhaustion");
        }
    }

    /**
     * Rebuilds a history from stored snapshots (e.g. read back from a file between scheduler runs).
     *
     * @param snapshots the snapshots, in any order; a later one for the same day replaces an earlier one
     * @return the history
     */
    public static CapacityHistory of(Collection<Snapshot> snapshots) {
        CapacityHistory h = new CapacityHistory();
        for (Snapshot s : snapshots) {
            Objects.requireNonNull(s, "snapshot");
            h.days.put(s.day(), s);
        }
        return h;
    }

    /**
     * Records a day's snapshot (a second one for the same day replaces the first).
     *
     * @param day the day
     * @param report the inventory's capacity that day
     */
    public synchronized void record(LocalDate day, CapacityReport report) {
        days.put(day, new Snapshot(day, report.total(), report.utilisation(), report.availableByCountryAndPrefix()));
    }

    /** @return the snapshots, oldest first */
    public synchronized List<Snapshot> snapshots() {
        return List.copyOf(days.values());
    }

    /**
     * @param window how many of the latest days to fit
     * @return one trend per pool seen in the window, ordered by pool
     */
    public synchronized List<PoolTrend> trend(int window) {
        if (window < 2) {
            throw new dev.tenantconnect.core.error.ValidationException("window", "must be at least 2 days");
        }
        List<Snapshot> recent = new ArrayList<>(days.values());
        recent = recent.subList(Math.max(0, recent.size() - window), recent.size());
        TreeSet<String> pools = new TreeSet<>();
        recent.forEach(s -> pools.addAll(s.availableByPool().keySet()));
        List<PoolTrend> out = new ArrayList<>();
        if (recent.isEmpty()) {
            return out;
        }
        LocalDate first = recent.get(0).day();
        for (String pool : pools) {
            double n = recent.size();
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (Snapshot s : recent) {
                double x = ChronoUnit.DAYS.between(first, s.day());
                double y = s.availableByPool().getOrDefault(pool, 0L);
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
            }
            double denominator = n * sxx - sx * sx;
            double slope = denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
            long now = recent.get(recent.size() - 1).availableByPool().getOrDefault(pool, 0L);
            double consumed = Math.round(-slope * 1000) / 1000.0;
            out.add(new PoolTrend(pool, now, consumed, consumed > 0
                    ? OptionalDouble.of(Math.round(now / consumed * 10) / 10.0) : OptionalDouble.empty()));
        }
        return out;
    }

    /**
     * @param window how many of the latest days the trend fits
     * @return the snapshots and the trend as JSON (written by Jackson, every string escaped)
     */
    public synchronized String toJson(int window) {
        List<PoolTrend> trends = trend(window);
        return dev.tenantconnect.core.internal.JsonText.of(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("days");
            for (Snapshot s : days.values()) {
                g.writeStartObject();
                g.writeStringField("day", s.day().toString());
                g.writeNumberField("total", s.total());
                g.writeNumberField("utilisation", s.utilisation());
                g.writeObjectFieldStart("available");
                for (var e : s.availableByPool().entrySet()) {
                    g.writeNumberField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("trend");
            for (PoolTrend t : trends) {
                g.writeStartObject();
                g.writeStringField("pool", t.pool());
                g.writeNumberField("availableNow", t.availableNow());
                g.writeNumberField("consumedPerDay", t.consumedPerDay());
                if (t.daysUntilExhaustion().isPresent()) {
                    g.writeNumberField("daysUntilExhaustion", t.daysUntilExhaustion().getAsDouble());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
