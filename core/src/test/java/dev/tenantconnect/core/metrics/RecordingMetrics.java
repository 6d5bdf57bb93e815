package dev.tenantconnect.core.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * A metrics recorder for tests (published in the core test-jar): keeps every measurement, sums counters by name and
 * tags, keeps gauges and the observations with their attributes. Thread-safe.
 */
public final class RecordingMetrics implements MetricsRecorder {
    /** One finished or running observation. */
    public static final class Observed {
        /** Its name. */
        public final String name;
        /** Its tags. */
        public final MetricTags tags;
        /** Its attributes, last value per key. */
        public final Map<String, String> attributes = new LinkedHashMap<>();
        /** The error it ended with, if any. */
        public Throwable error;
        /** Whether it was closed. */
        public boolean closed;

        Observed(String name, MetricTags tags) {
            this.name = name;
            this.tags = tags;
        }
    }

    private final Map<String, Double> counters = new LinkedHashMap<>();
    private final Map<String, List<Duration>> timers = new LinkedHashMap<>();
    private final Map<String, List<Double>> distributions = new LinkedHashMap<>();
    private final Map<String, DoubleSupplier> gauges = new LinkedHashMap<>();
    private final List<Observed> observations = new ArrayList<>();

    private static String key(String name, MetricTags tags) {
        return name + tags.values();
    }

    @Override
    public synchronized void count(String name, MetricTags tags, double amount) {
        counters.merge(key(name, tags), amount, Double::sum);
    }

    @Override
    public synchronized void time(String name, MetricTags tags, Duration duration) {
        timers.computeIfAbsent(key(name, tags), k -> new ArrayList<>()).add(duration);
    }

    @Override
    public synchronized void observe(String name, MetricTags tags, double value) {
        distributions.computeIfAbsent(key(name, tags), k -> new ArrayList<>()).add(value);
    }

    @Override
    public synchronized void gauge(String name, MetricTags tags, DoubleSupplier value) {
        gauges.putIfAbsent(key(name, tags), value);
    }

    @Override
    public synchronized ObservationScope start(String name, MetricTags tags) {
        Observed o = new Observed(name, tags);
        observations.add(o);
        return new ObservationScope() {
            @Override
            public void attribute(String key, String value) {
                synchronized (RecordingMetrics.this) {
                    o.attributes.put(key, value);
                }
            }

            @Override
            public void error(Throwable error) {
                o.error = error;
            }

            @Override
            public void close() {
                o.closed = true;
            }
        };
    }

    /**
     * @param name a counter name
     * @param tags key, value, ...
     * @return its sum for exactly those tags (0 when never counted)
     */
    public synchronized double counter(String name, String... tags) {
        return counters.getOrDefault(key(name, MetricTags.of(tags)), 0.0);
    }

    /**
     * @param name a counter name
     * @return its sum over all tags
     */
    public synchronized double counterTotal(String name) {
        return counters.entrySet().stream().filter(e -> e.getKey().startsWith(name + "{"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** @return every counter key (name and tags) with its sum */
    public synchronized Map<String, Double> counters() {
        return Map.copyOf(counters);
    }

    /**
     * @param name a timer name
     * @param tags key, value, ...
     * @return the durations recorded for exactly those tags
     */
    public synchronized List<Duration> timer(String name, String... tags) {
        return List.copyOf(timers.getOrDefault(key(name, MetricTags.of(tags)), List.of()));
    }

    /**
     * @param name a distribution name
     * @param tags key, value, ...
     * @return the values recorded for exactly those tags
     */
    public synchronized List<Double> distribution(String name, String... tags) {
        return List.copyOf(distributions.getOrDefault(key(name, MetricTags.of(tags)), List.of()));
    }

    /**
     * @param name a gauge name
     * @param tags key, value, ...
     * @return its current value, if registered
     */
    public synchronized java.util.OptionalDouble gauge(String name, String... tags) {
        DoubleSupplier g = gauges.get(key(name, MetricTags.of(tags)));
        return g == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(g.getAsDouble());
    }

    /** @return every observation started, in order */
    public synchronized List<Observed> observations() {
        return List.copyOf(observations);
    }
}
