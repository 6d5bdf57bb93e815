package dev.tenantconnect.core.resilience;

import dev.tenantconnect.core.error.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Paces one tenant's calls just under the service's limit instead of bouncing off it. Callers take a slot with
 * {@link #acquire()} before each request and report what the service said: {@link #onResponse(OptionalDouble)} with
 * Graph's {@code x-ms-throttle-limit-percentage} (sent once more than 80 % of the limit is used) and
 * {@link #onThrottled(Duration)} on a 429.
 *
 * <p>The rate starts at {@link Settings#initialRate()} and, while callers are actually waiting for slots and the
 * service reports no pressure, grows by half every 100 ms until the first pressure signal, then by 5 % every 100 ms.
 * A usage report of 80 % or more cuts it by 8 % (by 20 % at 95 % or more), at most once per 50 ms; a 429 halves it
 * and holds every caller until the {@code Retry-After} has passed, since retrying early only prolongs the throttle.
 * Thread-safe; time comes from the injected {@link Clock} and waiting goes through the injected {@link Sleeper}.
 */
public final class AdaptivePacer {
    private static final long GROW_EVERY = 100_000_000L;
    private static final long CUT_EVERY = 50_000_000L;
    private final Settings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private double rate;
    private boolean slowStart = true;
    private long nextSlot;
    private long pausedUntil;
    private long lastGrow;
    private long lastCut = Long.MIN_VALUE / 2;
    private boolean limited;
    private long throttled;
    private long pressure;

    /**
     * How a pacer starts and where it stays.
     *
     * @param initialRate calls per second before the service has said anything
     * @param minRate the rate never goes below this
     * @param maxRate the rate never goes above this
     */
    public record Settings(double initialRate, double minRate, double maxRate) {
        /** The defaults: start at 20 calls/s, stay between 1 and 2,000. */
        public static final Settings DEFAULT = new Settings(20, 1, 2_000);

        /** Checks 0 &lt; min ≤ initial ≤ max. */
        public Settings {
            if (!(minRate > 0) || !(initialRate >= minRate) || !(maxRate >= initialRate)) {
                throw new ValidationException("pacing", "must satisfy 0 < minRate <= initialRate <= maxRate");
            }
        }
    }

    /**
     * @param settings where the rate starts and its bounds
     * @param clock the clock
     * @param sleeper waits for slots
     */
    public AdaptivePacer(Settings settings, Clock clock, Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.rate = settings.initialRate();
        long now = nanos();
        this.nextSlot = now;
        this.pausedUntil = now;
        this.lastGrow = now;
    }

    /**
     * Waits for this caller's slot.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = nanos();
            long slot = Math.max(now, Math.max(nextSlot, pausedUntil));
            nextSlot = slot + (long) (1e9 / rate);
            wait = slot - now;
            if (wait > 0) {
                limited = true;
            }
        }
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }

    /**
     * Reports a successful exchange.
     *
     * @param usage the share of the limit used, when the service said (e.g. 0.85)
     */
    public synchronized void onResponse(OptionalDouble usage) {
        long now = nanos();
        if (usage.isPresent() && usage.getAsDouble() >= 0.8) {
            pressure++;
            slowStart = false;
            if (now - lastCut >= CUT_EVERY) {
                rate = Math.max(settings.minRate(), rate * (usage.getAsDouble() >= 0.95 ? 0.8 : 0.92));
                lastCut = now;
                lastGrow = now;
            }
            limited = false;
            return;
        }
        if (limited && now - lastGrow >= GROW_EVERY && now - lastCut >= CUT_EVERY) {
            rate = Math.min(settings.maxRate(), rate * (slowStart ? 1.5 : 1.05));
            lastGrow = now;
            limited = false;
        }
    }

    /**
     * Reports a 429: everyone waits out {@code retryAfter}, and the rate halves.
     *
     * @param retryAfter what the service asked for
     */
    public synchronized void onThrottled(Duration retryAfter) {
        long now = nanos();
        throttled++;
        slowStart = false;
        pausedUntil = Math.max(pausedUntil, now + Math.max(0, retryAfter.toNanos()));
        rate = Math.max(settings.minRate(), rate / 2);
        lastCut = now;
        lastGrow = now;
    }

    /** @return the current rate, calls per second */
    public synchronized double rate() {
        return rate;
    }

    /** @return how many 429s were reported */
    public synchronized long throttledCount() {
        return throttled;
    }

    /** @return how many responses reported 80 % or more of the limit used */
    public synchronized long pressureCount() {
        return pressure;
    }

    private long nanos() {
        Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Override
    public synchronized String toString() {
        return "AdaptivePacer[rate=" + String.format(java.util.Locale.ROOT, "%.1f", rate) + "/s]";
    }
}
