package dev.tenantconnect.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Token buckets by key, for simulated throttling. */
final class TokenBuckets {
    private static final class Bucket {
        double tokens;
        long lastNanos;
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock;

    TokenBuckets(Clock clock) {
        this.clock = clock;
    }

    /** @return empty if a token was taken, otherwise how long until one is available */
    Optional<Duration> take(String key, Faults.Throttling config) {
        return take(key, config, 1);
    }

    /**
     * @param cost how many tokens the request costs (at most the capacity is asked for)
     * @return empty if they were taken, otherwise how long until they are available
     */
    Optional<Duration> take(String key, Faults.Throttling config, int cost) {
        if (!config.on()) {
            return Optional.empty();
        }
        Bucket b = buckets.computeIfAbsent(key, k -> {
            Bucket nb = new Bucket();
            nb.tokens = config.capacity();
            nb.lastNanos = nanos();
            return nb;
        });
        synchronized (b) {
            long now = nanos();
            b.tokens = Math.min(config.capacity(), b.tokens + (now - b.lastNanos) / 1e9 * config.perSecond());
            b.lastNanos = now;
            double need = Math.min(cost, config.capacity());
            if (b.tokens >= need) {
                b.tokens -= need;
                return Optional.empty();
            }
            double secondsToOne = (need - b.tokens) / config.perSecond();
            return Optional.of(Duration.ofMillis((long) Math.ceil(secondsToOne * 1000)));
        }
    }

    /**
     * @return the share of the bucket in use (0 when full of tokens, 1 when empty), or 0 when throttling is off or
     *     the bucket is not yet used
     */
    double usage(String key, Faults.Throttling config) {
        Bucket b = buckets.get(key);
        if (!config.on() || b == null) {
            return 0;
        }
        synchronized (b) {
            return Math.max(0, 1 - b.tokens / config.capacity());
        }
    }

    void clear() {
        buckets.clear();
    }

    private long nanos() {
        Duration d = Duration.between(java.time.Instant.EPOCH, clock.instant());
        return d.getSeconds() * 1_000_000_000L + d.getNano();
    }
}
