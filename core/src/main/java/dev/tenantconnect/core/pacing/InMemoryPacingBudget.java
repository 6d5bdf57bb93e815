package dev.tenantconnect.core.pacing;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link PacingBudget} for the clients of one process (e.g. several client objects in one JVM). Thread-safe. */
public final class InMemoryPacingBudget implements PacingBudget {
    private final Clock clock;
    private final ConcurrentHashMap<BudgetKey, BudgetBucket> buckets = new ConcurrentHashMap<>();

    /** @param clock the time the buckets refill by */
    public InMemoryPacingBudget(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public BudgetGrant take(BudgetKey key, int wanted, OptionalDouble rate, double initialRate) {
        long now = micros(clock);
        BudgetGrant[] out = new BudgetGrant[1];
        buckets.compute(Objects.requireNonNull(key, "key"), (k, b) -> {
            BudgetBucket.Taken t = (b == null ? BudgetBucket.fresh(initialRate, now) : b).take(now, wanted,
                    rate.orElse(Double.NaN));
            out[0] = t.grant();
            return t.bucket();
        });
        return out[0];
    }

    @Override
    public void throttled(BudgetKey key, Duration retryAfter, double newRate, double initialRate) {
        long now = micros(clock);
        buckets.compute(Objects.requireNonNull(key, "key"), (k, b) -> (b == null ? BudgetBucket.fresh(initialRate,
                now) : b).throttled(now, retryAfter, newRate));
    }

    @Override
    public Optional<BudgetBucket> peek(BudgetKey key) {
        long now = micros(clock);
        return Optional.ofNullable(buckets.get(key)).map(b -> b.refilled(now));
    }

    /**
     * @param clock a clock
     * @return its time in microseconds since the epoch, the unit budgets keep time in
     */
    public static long micros(Clock clock) {
        java.time.Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }
}
