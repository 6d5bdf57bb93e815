package dev.tenantconnect.core.resilience;

import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.pacing.BudgetGrant;
import dev.tenantconnect.core.pacing.BudgetKey;
import dev.tenantconnect.core.pacing.PacingBudget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces one tenant's calls just under the service's limit instead of bouncing off it. Callers take a slot with
 * {@link #acquire()} before each request ({@link #acquire(int)} for one that costs several units of the budget, such
 * as a JSON batch) and report what the service said: {@link #onResponse(OptionalDouble)} with
 * Graph's {@code x-ms-throttle-limit-percentage} (sent once more than 80 % of the limit is used) and
 * {@link #onThrottled(Duration)} on a 429.
 *
 * <p>The rate starts at {@link Settings#initialRate()} and, while callers are actually waiting for slots and the
 * service reports no pressure, grows by half every 100 ms (never beyond twice what callers really sent in the last
 * 100 ms) until the first pressure signal, which comes with at most a fifth of the budget left after the growth
 * overshot: the rate falls to a quarter of what callers really send; after that it grows by 5 % every 100 ms.
 * A faster rate applies to the slots not handed out yet (the stretch callers already wait for is rescaled to it); after
 * a cut or a 429 the callers already waiting ask again for slots at the new pace. While the
 * service reports 80 % or more of its budget used, the trend of that figure steers: rising (we send faster than the
 * budget refills) cuts the rate by 10 %, a report of 99 % or more cuts it by 20 %, falling lets it creep up by 2 %,
 * flat holds it. Cuts come at most once per round trip, since answers to calls sent before a cut still show the old
 * pressure. A 429 holds every caller until the {@code Retry-After} has passed, since retrying early only prolongs
 * the throttle, and halves the rate once per throttling event (the other calls that were in flight and come back 429
 * during the pause do not halve it again).
 *
 * <p>That trend loop only finds the limit; it does not keep it. So, while usage reports come one after the other, the
 * pacer also learns the budget's refill rate (and size) from what the service accepted against the usage it reported
 * (see {@link #learnedRate()}). Once learned, it sends at the refill rate plus what brings the usage to 90 % within a
 * second: faster while the bucket has room (no usage report means at least a fifth of it is left), slower while the
 * bucket is fuller; after a 429 it waits out the {@code Retry-After} and resumes at the refill rate instead of halving,
 * since the pause refilled the bucket. The estimate keeps being refined from every later streak of reports.
 * Thread-safe; time comes from the injected {@link Clock} and waiting goes through the injected {@link Sleeper}.
 *
 * <p><b>Shared budget.</b> Built with a {@link PacingBudget} (several instances on one tenant), the pacer steers the
 * cluster-wide rate instead of its own: after its local slot, each call also spends a permit leased from the shared
 * bucket (a small batch per round trip, about {@value #LEASE_SECONDS} s of the rate); every lease adopts the rate in
 * force and hands over the rate this pacer changed it to; the send and accept counts it learns from include what the
 * other instances were granted; and a 429 is reported to the budget at once, so every instance waits out the
 * {@code Retry-After}. Should the budget fail (database down), the pacer carries on alone and logs it.
 */
public final class AdaptivePacer {
    private static final Logger LOG = LoggerFactory.getLogger(AdaptivePacer.class);
    /** How many seconds of the rate one lease from a shared budget asks for (at least one permit, at most 16). */
    static final double LEASE_SECONDS = 0.03;
    private static final long GROW_EVERY = 100_000_000L;
    private static final long CUT_EVERY = 50_000_000L;
    private static final long WINDOW = 100_000_000L;
    /** The usage the pacer steers to once it knows the refill rate: a tenth of the bucket kept for jitter. */
    static final double TARGET = 0.9;
    static final double SETTLE_SECONDS = 1.0;
    /** A cut at least this large sends the callers already waiting back for slots at the new pace. */
    static final double REASK_CUT = 0.05;

    private final Settings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private double rate;
    private boolean slowStart = true;
    /** The first slot not handed out yet: callers waiting hold the slots before it. */
    private long nextSlot;
    /** How often the pace slowed or paused: a caller whose wait spans one asks for its slot again. */
    private long cuts;
    /** When the last caller went. */
    private long lastGrant;
    private long pausedUntil;
    private long lastGrow;
    private long lastCut = Long.MIN_VALUE / 2;
    private boolean limited;
    private long throttled;
    private long pressure;
    private long windowStart;
    private long windowCount;
    private double observed;
    private long rtt;
    private double lastUsage = Double.NaN;
    private double accepted;
    private final RefillEstimator refill = new RefillEstimator();
    private final PacingBudget budget;
    private final BudgetKey key;
    private final ReentrantLock leaseLock = new ReentrantLock();
    private int leased;
    private double shared = Double.NaN;
    private long myGranted;
    private long othersGranted;
    private long othersAtWindowStart;
    private long budgetFailedAt = Long.MIN_VALUE / 2;

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
        this(null, null, settings, clock, sleeper);
    }

    /**
     * A pacer that shares its tenant's budget with every other instance using {@code budget}.
     *
     * @param settings where the rate starts and its bounds
     * @param clock the clock
     * @param sleeper waits for slots and permits
     * @param budget the shared budget
     * @param key whose budget this pacer spends
     */
    public AdaptivePacer(Settings settings, Clock clock, Sleeper sleeper, PacingBudget budget, BudgetKey key) {
        this(Objects.requireNonNull(budget, "budget"), Objects.requireNonNull(key, "key"), settings, clock, sleeper);
    }

    private AdaptivePacer(PacingBudget budget, BudgetKey key, Settings settings, Clock clock, Sleeper sleeper) {
        this.budget = budget;
        this.key = key;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.rate = settings.initialRate();
        long now = nanos();
        this.nextSlot = now;
        this.lastGrant = now - (long) (1e9 / rate);
        this.pausedUntil = now;
        this.lastGrow = now;
        this.windowStart = now;
        this.observed = settings.initialRate();
    }

    /**
     * Waits for this caller's slot.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void acquire() throws InterruptedException {
        acquire(1);
    }

    /**
     * Waits for the slot of a call that costs the service {@code units} of its budget, e.g. a JSON batch of that many
     * requests: the call after it waits as long as after that many single calls.
     *
     * @param units what the call will cost, at least 1
     * @throws InterruptedException if interrupted while waiting
     */
    public void acquire(int units) throws InterruptedException {
        int cost = Math.max(1, units);
        boolean first = true;
        while (true) {
            long wait;
            long epoch;
            synchronized (this) {
                long now = nanos();
                long slot = Math.max(now, Math.max(nextSlot, pausedUntil));
                nextSlot = slot + (long) (cost * 1e9 / rate);
                if (first) {
                    if (now - windowStart >= WINDOW && slot >= windowStart) {
                        // the slots asked for before this one; with a shared budget, what the other instances were
                        // granted meanwhile is sent too
                        observed = (windowCount + othersGranted - othersAtWindowStart) * 1e9 / (now - windowStart);
                        windowStart = now;
                        windowCount = 0;
                        othersAtWindowStart = othersGranted;
                    }
                    windowCount += cost;
                    first = false;
                }
                wait = slot - now;
                if (wait > 0) {
                    limited = true;
                } else {
                    lastGrant = now;
                }
                epoch = cuts;
            }
            if (wait <= 0) {
                break;
            }
            sleeper.sleep(Duration.ofNanos(wait));
            synchronized (this) {
                if (cuts == epoch) {
                    lastGrant = Math.max(lastGrant, nanos());
                    break;
                }
                // slowed down or paused while this caller waited: its slot was given at the old pace, ask again
            }
        }
        if (budget != null) {
            for (int i = 0; i < cost; i++) {
                sharedPermit();
            }
        }
    }

    /** Spends a permit of the shared budget, leasing a small batch when none is left. */
    private void sharedPermit() throws InterruptedException {
        while (true) {
            synchronized (this) {
                if (leased > 0) {
                    leased--;
                    return;
                }
            }
            Duration retryIn;
            leaseLock.lockInterruptibly();
            try {
                synchronized (this) {
                    if (leased > 0) {
                        continue;
                    }
                }
                int wanted;
                OptionalDouble publish;
                synchronized (this) {
                    wanted = (int) Math.max(1, Math.min(16, Math.round(rate * LEASE_SECONDS)));
                    // a pacer joining adopts the rate in force; after that it hands over what its own steering changed
                    publish = !Double.isNaN(shared) && rate != shared ? OptionalDouble.of(rate)
                            : OptionalDouble.empty();
                }
                BudgetGrant grant;
                try {
                    grant = budget.take(key, wanted, publish, settings.initialRate());
                } catch (RuntimeException e) {
                    budgetFailed(e);
                    return;
                }
                synchronized (this) {
                    myGranted += grant.permits();
                    othersGranted = Math.max(othersGranted, grant.granted() - myGranted);
                    setRate(clamp(grant.rate()));
                    shared = rate;
                    if (grant.permits() > 0) {
                        leased += grant.permits() - 1;
                        return;
                    }
                    retryIn = grant.retryIn();
                    limited = true;
                }
            } finally {
                leaseLock.unlock();
            }
            sleeper.sleep(retryIn);
        }
    }

    private void budgetFailed(RuntimeException e) {
        long now = nanos();
        boolean log;
        synchronized (this) {
            log = now - budgetFailedAt >= 30_000_000_000L;
            if (log) {
                budgetFailedAt = now;
            }
        }
        if (log) {
            LOG.warn("shared pacing budget unavailable, pacing this instance alone meanwhile: {}",
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Reports a successful exchange whose round trip is unknown.
     *
     * @param usage the share of the limit used, when the service said (e.g. 0.85)
     */
    public void onResponse(OptionalDouble usage) {
        onResponse(usage, Duration.ZERO);
    }

    /**
     * Reports a successful exchange. The round trip matters: answers to calls sent before a cut still show the old
     * pressure, so after a cut the pacer waits one round trip before it cuts again.
     *
     * @param usage the share of the limit used, when the service said (e.g. 0.85)
     * @param roundTrip how long the exchange took
     */
    public void onResponse(OptionalDouble usage, Duration roundTrip) {
        onResponse(usage, roundTrip, 1);
    }

    /**
     * Reports a successful exchange that cost the service {@code units} of its budget (Graph's
     * {@code x-ms-resource-unit}; 1 where the service does not say).
     *
     * @param usage the share of the limit used, when the service said (e.g. 0.85)
     * @param roundTrip how long the exchange took
     * @param units what the request cost, at least 1
     */
    public synchronized void onResponse(OptionalDouble usage, Duration roundTrip, int units) {
        long now = nanos();
        rtt = rtt == 0 ? roundTrip.toNanos() : (long) (rtt * 0.9 + roundTrip.toNanos() * 0.1);
        accepted += Math.max(1, units);
        if (usage.isPresent() && usage.getAsDouble() >= 0.8) {
            pressure++;
            // the service's usage figure counts every instance's calls: so must the accepted count it is read against
            refill.sample(now, accepted + othersGranted, usage.getAsDouble());
            double u = Math.min(1, usage.getAsDouble());
            if (learned()) {
                steer(u);
                lastUsage = u;
                limited = false;
                return;
            }
            double trend = Double.isNaN(lastUsage) ? 0 : u - lastUsage;
            lastUsage = u;
            if (slowStart) {
                // the first sign of the limit comes with at most a fifth of the budget left, and the rate overshot
                // while growing fast: fall back to a quarter of what callers really send at once
                slowStart = false;
                setRate(Math.max(settings.minRate(), sending() / 4));
                lastCut = now;
            } else if (now - lastCut >= cutEvery() && (u >= 0.99 || trend > 0.005)) {
                // the budget is draining (we send faster than it refills) or gone: brake
                setRate(Math.max(settings.minRate(), sending() * (u >= 0.99 ? 0.8 : 0.9)));
                lastCut = now;
                lastGrow = now;
            } else if (trend < -0.005 && limited && now - lastGrow >= GROW_EVERY && now - lastCut >= cutEvery()) {
                // refilling: there is room, creep up
                setRate(Math.min(settings.maxRate(), rate * 1.02));
                lastGrow = now;
            }
            limited = false;
            return;
        }
        lastUsage = Double.NaN;
        refill.breakStreak();
        if (learned()) {
            // below 80 % used, at least a fifth of the bucket is left: spend it while sending at the refill rate
            steer(0);
            return;
        }
        if (limited && now - lastGrow >= GROW_EVERY && now - lastCut >= CUT_EVERY) {
            // never run far ahead of what callers actually send, or a later cut would have nothing to bite on
            double next = rate * (slowStart ? 1.5 : 1.05);
            setRate(Math.min(Math.min(settings.maxRate(), Math.max(settings.initialRate(), 2 * asked(now))), next));
            lastGrow = now;
            limited = false;
        }
    }

    /**
     * Reports a 429: everyone waits out {@code retryAfter}, and the rate halves.
     *
     * @param retryAfter what the service asked for
     */
    public void onThrottled(Duration retryAfter) {
        double resume = throttled(retryAfter);
        if (budget != null) {
            try {
                budget.throttled(key, retryAfter, resume, settings.initialRate());
            } catch (RuntimeException e) {
                budgetFailed(e);
            }
        }
    }

    private synchronized double throttled(Duration retryAfter) {
        long now = nanos();
        throttled++;
        slowStart = false;
        long wait = Math.max(0, retryAfter.toNanos());
        // the calls in flight when the limit was hit all come back 429: that is one event, so the rate halves once
        boolean sameEvent = now < pausedUntil || now - lastCut < CUT_EVERY;
        pausedUntil = Math.max(pausedUntil, now + wait);
        cuts++; // the callers waiting for slots given before the 429 wait out the pause too
        refill.breakStreak();
        if (learned()) {
            // the pause refills the bucket: resume at the refill rate, the usage reports steer from there
            setRate(clamp(refill.rate()));
        } else if (!sameEvent) {
            setRate(Math.max(settings.minRate(), sending() / 2));
        }
        // the pause is not sending: measure the rate afresh once it is over
        windowStart = pausedUntil;
        windowCount = 0;
        othersAtWindowStart = othersGranted;
        lastCut = now;
        lastGrow = now;
        // the permits leased before the 429 are void; the shared budget decides the rate to resume at
        leased = 0;
        shared = rate;
        return rate;
    }

    private boolean learned() {
        return !Double.isNaN(refill.rate());
    }

    /**
     * Once the refill rate is known: send at it, plus what brings the usage to {@value #TARGET} within
     * {@value #SETTLE_SECONDS} s — faster while there is room in the bucket, slower while it is fuller than that.
     */
    private void steer(double used) {
        double r = refill.rate();
        double size = Double.isNaN(refill.size()) ? r : refill.size();
        double want = r + size * (TARGET - used) / SETTLE_SECONDS;
        setRate(clamp(Math.max(r / 2, Math.min(2 * r + size, want))));
    }

    /**
     * Changes the rate. Faster: the stretch of slots callers already wait for is rescaled to the new rate, so a
     * caller asking next is not queued behind slots spaced at the old one. Slower by {@value #REASK_CUT} or more: the
     * callers waiting ask again once their wait is over, for slots at the new pace (so no burst at the old pace
     * follows a cut).
     */
    private void setRate(double next) {
        long now = nanos();
        if (next < rate * (1 - REASK_CUT)) {
            // slower: the callers waiting ask again for slots at the new pace, from one slot after the last call (the
            // steering's small corrections just apply to the slots asked for next)
            cuts++;
            nextSlot = lastGrant + (long) (1e9 / next);
        } else if (nextSlot > now && next > rate) {
            nextSlot = now + (long) ((nextSlot - now) * (rate / next));
        }
        rate = next;
    }

    private double clamp(double r) {
        return Math.max(settings.minRate(), Math.min(settings.maxRate(), r));
    }

    /** How soon another cut may follow: the time of a few slots, so a fast rate reacts as fast as a slow one. */
    private long cutEvery() {
        return Math.max(rtt, Math.max(5_000_000L, Math.min(CUT_EVERY, (long) (5e9 / rate))));
    }

    /** The rate callers really send at: the nominal rate, or less when they ask for fewer slots. */
    private double sending() {
        return Math.min(rate, Math.max(settings.minRate(), asked(nanos())));
    }

    /**
     * What callers ask for: what they asked in the last window, and at least the current rate while some of them
     * still wait for slots handed out (their asks came in a burst before, not spread over the window).
     */
    private double asked(long now) {
        // more than a slot's length handed out ahead of now: someone is waiting for one
        return nextSlot - now > (long) (1e9 / rate) ? Math.max(observed, rate) : observed;
    }

    /** @return the current rate, calls per second */
    public synchronized double rate() {
        return rate;
    }

    /**
     * @return the refill rate learned from the usage reports, units per second; empty until the service has reported
     *     its usage often enough to tell
     */
    public synchronized OptionalDouble learnedRate() {
        return learned() ? OptionalDouble.of(refill.rate()) : OptionalDouble.empty();
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
