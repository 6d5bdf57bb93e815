package dev.tenantconnect.core.metrics;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The metrics SPI: what the SDK measures, by name ({@link MetricNames}) and tags. Implementations map it onto a
 * metrics library (the Spring Boot autoconfigure module: Micrometer, meters and observations); the default,
 * {@link #noop()}, records nothing. Implementations are thread-safe and never throw.
 */
public interface MetricsRecorder {
    /**
     * @param name a counter name
     * @param tags its tags
     * @param amount how much to add (positive)
     */
    void count(String name, MetricTags tags, double amount);

    /**
     * @param name a timer name
     * @param tags its tags
     * @param duration one measured duration
     */
    void time(String name, MetricTags tags, Duration duration);

    /**
     * @param name a distribution name (e.g. seconds of {@code Retry-After})
     * @param tags its tags
     * @param value one observed value
     */
    void observe(String name, MetricTags tags, double value);

    /**
     * Registers a gauge read whenever the metrics are scraped (registering the same name and tags again replaces
     * nothing: the first registration stays).
     *
     * @param name a gauge name
     * @param tags its tags
     * @param value reads the current value
     */
    void gauge(String name, MetricTags tags, DoubleSupplier value);

    /**
     * Starts an observation of a public operation; use {@link Observations#observe} rather than this directly, so
     * Graph correlation IDs find it.
     *
     * @param name the operation, e.g. {@value MetricNames#OP_ENABLE}
     * @param tags its low-cardinality tags
     * @return the running observation
     */
    default ObservationScope start(String name, MetricTags tags) {
        return ObservationScope.NONE;
    }

    /**
     * @return whether the {@link MetricTags#TENANT} tag reaches the metrics library (false for a recorder from
     *     {@link #withoutTenantTag}), so a measurement that has one series per tenant can fall back to one series
     *     for all (the pacer's rate: per tenant, or the lowest of all)
     */
    default boolean keepsTenantTag() {
        return true;
    }

    /** @return a recorder that records nothing */
    static MetricsRecorder noop() {
        return Noop.INSTANCE;
    }

    /**
     * @param recorder a recorder
     * @return a recorder that drops the {@link MetricTags#TENANT} tag before handing measurements on
     */
    static MetricsRecorder withoutTenantTag(MetricsRecorder recorder) {
        if (recorder == Noop.INSTANCE) {
            return recorder;
        }
        return new MetricsRecorder() {
            @Override
            public void count(String name, MetricTags tags, double amount) {
                recorder.count(name, tags.without(MetricTags.TENANT), amount);
            }

            @Override
            public void time(String name, MetricTags tags, Duration duration) {
                recorder.time(name, tags.without(MetricTags.TENANT), duration);
            }

            @Override
            public void observe(String name, MetricTags tags, double value) {
                recorder.observe(name, tags.without(MetricTags.TENANT), value);
            }

            @Override
            public void gauge(String name, MetricTags tags, DoubleSupplier value) {
                recorder.gauge(name, tags.without(MetricTags.TENANT), value);
            }

            @Override
            public ObservationScope start(String name, MetricTags tags) {
                return recorder.start(name, tags.without(MetricTags.TENANT));
            }

            @Override
            public boolean keepsTenantTag() {
                return false;
            }
        };
    }

    /** The recorder that records nothing. */
    enum Noop implements MetricsRecorder {
        /** The one instance. */
        INSTANCE;

        @Override
        public void count(String name, MetricTags tags, double amount) {
        }

        @Override
        public void time(String name, MetricTags tags, Duration duration) {
        }

        @Override
        public void observe(String name, MetricTags tags, double value) {
        }

        @Override
        public void gauge(String name, MetricTags tags, DoubleSupplier value) {
        }
    }
}
