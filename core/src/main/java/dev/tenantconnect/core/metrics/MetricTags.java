package dev.tenantconnect.core.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Tags (dimensions) of a measurement, in the order given. Low cardinality only, except {@link #TENANT}, which the
 * client drops unless the tenant tag is switched on.
 *
 * @param values tag keys to values
 */
public record MetricTags(Map<String, String> values) {
    /** The tenant tag's key: dropped by default (one series per tenant can be many series). */
    public static final String TENANT = "tenant";
    private static final MetricTags EMPTY = new MetricTags(Map.of());

    /** Validates and copies. */
    public MetricTags {
        Objects.requireNonNull(values, "values");
        values.forEach((k, v) -> {
            Objects.requireNonNull(k, "tag key");
            Objects.requireNonNull(v, "tag value of " + k);
        });
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** @return no tags */
    public static MetricTags empty() {
        return EMPTY;
    }

    /**
     * @param keyValues key, value, key, value, ...
     * @return those tags
     */
    public static MetricTags of(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("tags come in key, value pairs");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return new MetricTags(m);
    }

    /**
     * @param key a key
     * @param value its value
     * @return these tags and that one (replacing a tag with the same key)
     */
    public MetricTags and(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(key, value);
        return new MetricTags(m);
    }

    /**
     * @param key a key
     * @return these tags without that key
     */
    public MetricTags without(String key) {
        if (!values.containsKey(key)) {
            return this;
        }
        Map<String, String> m = new LinkedHashMap<>(values);
        m.remove(key);
        return new MetricTags(m);
    }
}
