package dev.tenantconnect.core.pacing;

import dev.tenantconnect.core.error.ValidationException;
import java.time.Duration;

/**
 * The figures of one shared budget and the token-bucket arithmetic every {@link PacingBudget} applies to them, so
 * the in-memory and database budgets behave alike. Times are microseconds since the epoch, from the caller's clock.
 *
 * <p>The bucket holds at most {@link #capacity()} permits — a fifth of a second at the rate in force, at least one —
 * so an idle tenant does not bank a burst the service would answer with 429s. A 429 records the rate in force as the
 * tenant's ceiling: rises stop at 90 % of it and the cap creeps up by 0.5 % of it a second, so the cluster probes the
 * limit again about {@value #PROBE_SECONDS} s later instead of growing back into it after every pause. A ceiling not
 * met again by then is taken as stale and the cap doubles every {@value #PROBE_SECONDS} s: the rate is counted in
 * calls while the service counts resource units, so a ceiling met with one mix of calls (JSON batches: one call, up to
 * 20 units) says little about another (single writes: one unit each), and a low one must not hold the cluster down
 * for the rest of a job.
 *
 * @param rate the cluster-wide rate, calls per second
 * @param tokens the permits in the bucket at {@code refilledAt}
 * @param refilledAt when {@code tokens} was last brought up to date
 * @param pausedUntil no permits before this (a 429's {@code Retry-After})
 * @param granted permits granted in all
 * @param throttles throttling events reported in all
 * @param rateSetAt when the rate was last changed
 * @param ceiling the rate in force at the last 429, 0 before any
 * @param throttledAt when the last throttling event began
 */
public record BudgetBucket(double rate, double tokens, long refilledAt, long pausedUntil, long granted,
        long throttles, long rateSetAt, double ceiling, long throttledAt) {
    /** The bucket holds this many seconds of the rate at most. */
    public static final double BURST_SECONDS = 0.2;
    /**
     * A rise of the rate is taken at most this often (µs): each instance's pacer grows the rate it sees, and the
     * rises of several instances must not compound. Cuts are always taken.
     */
    public static final long RISE_EVERY = 100_000;
    /** Seconds after a 429 at which the cap reaches the ceiling again; from then on it doubles every as many. */
    public static final int PROBE_SECONDS = 20;

    /** Checks the figures. */
    public BudgetBucket {
        if (!(rate > 0) || !(tokens >= 0) || granted < 0 || throttles < 0 || !(ceiling >= 0)) {
            throw new ValidationException("budget", "rate must be positive; tokens, granted, throttles and ceiling not "
                    + "negative");
        }
    }

    /**
     * @param rate the starting rate
     * @param now the time, µs since the epoch
     * @return a new bucket holding one permit
     */
    public static BudgetBucket fresh(double rate, long now) {
        return new BudgetBucket(rate, 1, now, now, 0, 0, now, 0, now);
    }

    /** @return the most permits the bucket holds */
    public double capacity() {
        return Math.max(1, rate * BURST_SECONDS);
    }

    /**
     * @param now the time, µs since the epoch
     * @return this bucket refilled to {@code now} (permits do not accumulate during a pause)
     */
    public BudgetBucket refilled(long now) {
        if (now <= refilledAt) {
            return this;
        }
        long from = Math.max(refilledAt, pausedUntil);
        double add = now > from ? rate * (now - from) / 1e6 : 0;
        return new BudgetBucket(rate, Math.min(capacity(), tokens + add), now, pausedUntil, granted, throttles,
                rateSetAt, ceiling, throttledAt);
    }

    /**
     * @param now the time, µs since the epoch
     * @param wanted permits asked for
     * @param newRate a rate to put in force first (a rise only if the last change is {@link #RISE_EVERY} old), or
     *     NaN to keep this one
     * @return the bucket after the take, and the grant
     */
    public Taken take(long now, int wanted, double newRate) {
        if (wanted < 1) {
            throw new ValidationException("wanted", "must be at least 1");
        }
        BudgetBucket b = refilled(now);
        double want = Double.isNaN(newRate) || !(newRate > 0) ? b.rate
                : newRate < b.rate ? newRate : Math.min(newRate, b.cap(now));
        if (want < b.rate || (want > b.rate && now - b.rateSetAt >= RISE_EVERY)) {
            b = new BudgetBucket(want, Math.min(b.tokens, Math.max(1, want * BURST_SECONDS)), now,
                    b.pausedUntil, b.granted, b.throttles, now, b.ceiling, b.throttledAt);
        }
        if (now < b.pausedUntil) {
            return new Taken(b, new BudgetGrant(0, Duration.ofNanos((b.pausedUntil - now) * 1000), b.rate,
                    b.granted));
        }
        int n = (int) Math.min(wanted, Math.floor(b.tokens));
        if (n == 0) {
            long micros = (long) Math.ceil((1 - b.tokens) * 1e6 / b.rate);
            return new Taken(b, new BudgetGrant(0, Duration.ofNanos(Math.max(1, micros) * 1000), b.rate,
                    b.granted));
        }
        BudgetBucket after = new BudgetBucket(b.rate, b.tokens - n, now, b.pausedUntil, b.granted + n, b.throttles,
                b.rateSetAt, b.ceiling, b.throttledAt);
        return new Taken(after, new BudgetGrant(n, Duration.ZERO, after.rate, after.granted));
    }

    /**
     * @param now the time, µs since the epoch
     * @param retryAfter what the service asked for
     * @param newRate the rate to resume at, applied only if this starts a new throttling event
     * @return the bucket after the 429: emptied and paused
     */
    public BudgetBucket throttled(long now, Duration retryAfter, double newRate) {
        BudgetBucket b = refilled(now);
        boolean newEvent = now >= b.pausedUntil;
        long until = Math.max(b.pausedUntil, now + Math.max(0, retryAfter.toNanos() / 1000));
        if (!newEvent) {
            return new BudgetBucket(b.rate, 0, now, until, b.granted, b.throttles, b.rateSetAt, b.ceiling,
                    b.throttledAt);
        }
        double r = newRate > 0 ? Math.min(newRate, b.rate) : b.rate;
        return new BudgetBucket(r, 0, now, until, b.granted, b.throttles + 1, now, b.rate, now);
    }

    /**
     * @param now the time, µs since the epoch
     * @return the highest rate a rise may reach: unbounded before the first 429, then 90 % of the ceiling plus 0.5 %
     *     of it for every second since, reaching the ceiling after {@value #PROBE_SECONDS} s; after that the ceiling
     *     is stale and the cap doubles every {@value #PROBE_SECONDS} s
     */
    public double cap(long now) {
        if (ceiling == 0) {
            return Double.MAX_VALUE;
        }
        double seconds = Math.max(0, now - throttledAt) / 1e6;
        if (seconds <= PROBE_SECONDS) {
            return ceiling * (0.9 + 0.1 * seconds / PROBE_SECONDS);
        }
        return Math.min(Double.MAX_VALUE, ceiling * Math.pow(2, (seconds - PROBE_SECONDS) / PROBE_SECONDS));
    }

    /**
     * A bucket after a take and what the caller got.
     *
     * @param bucket the bucket to store
     * @param grant what to hand the caller
     */
    public record Taken(BudgetBucket bucket, BudgetGrant grant) {
    }
}
