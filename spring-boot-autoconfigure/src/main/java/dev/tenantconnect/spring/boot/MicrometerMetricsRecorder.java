package dev.tenantconnect.spring.boot;

import dev.tenantconnect.core.metrics.MetricTags;
import dev.tenantconnect.core.metrics.MetricsRecorder;
import dev.tenantconnect.core.metrics.ObservationScope;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The SDK's metrics SPI on Micrometer: counters, timers, distribution summaries and gauges in a
 * {@link MeterRegistry}, and an {@link Observation} per public operation (connect, verify, enable, bulk row,
 * replicate) carrying Graph's {@code client-request-id} and {@code request-id} as high-cardinality key values — so
 * a tracing bridge (OpenTelemetry, Brave) turns them into span attributes.
 */
public final class MicrometerMetricsRecorder implements MetricsRecorder {
    private final MeterRegistry meters;
    private final ObservationRegistry observations;

    /**
     * @param meters where meters go
     * @param observations where observations go ({@link ObservationRegistry#NOOP} for none)
     */
    public MicrometerMetricsRecorder(MeterRegistry meters, ObservationRegistry observations) {
        this.meters = Objects.requireNonNull(meters, "meters");
        this.observations = Objects.requireNonNull(observations, "observations");
    }

    private static List<Tag> tags(MetricTags tags) {
        List<Tag> out = new ArrayList<>(tags.values().size());
        tags.values().forEach((k, v) -> out.add(Tag.of(k, v)));
        return out;
    }

    @Override
    public void count(String name, MetricTags tags, double amount) {
        meters.counter(name, tags(tags)).increment(amount);
    }

    @Override
    public void time(String name, MetricTags tags, Duration duration) {
        Timer.builder(name).tags(tags(tags)).register(meters).record(duration);
    }

    @Override
    public void observe(String name, MetricTags tags, double value) {
        DistributionSummary.builder(name).tags(tags(tags)).register(meters).record(value);
    }

    @Override
    public void gauge(String name, MetricTags tags, DoubleSupplier value) {
        Gauge.builder(name, value::getAsDouble).tags(tags(tags)).register(meters);
    }

    @Override
    public ObservationScope start(String name, MetricTags tags) {
        Observation o = Observation.createNotStarted(name, observations);
        tags.values().forEach(o::lowCardinalityKeyValue);
        o.start();
        Observation.Scope scope = o.openScope();
        return new ObservationScope() {
            @Override
            public void attribute(String key, String value) {
                o.highCardinalityKeyValue(key, value);
            }

            @Override
            public void error(Throwable error) {
                o.error(error);
            }

            @Override
            public void close() {
                scope.close();
                o.stop();
            }
        };
    }
}
