package dev.tenantconnect.core.pacing;

import java.time.Duration;

/**
 * The figures of one shared budget and the token-bucket arithmetic every {@link PacingBudget} applies to them, so
 * the in-memory and database budgets behave alike. Times are microseconds since the epoch, from the caller's clock.
 *
 * <p>The bucket holds at most {@link #capacity()} permits — a fifth of a second at the rate in force, at least one —
 * so an idle tenant does not bank a burst the service would answer with 429s.
 *
 * @param rate the cluster-wide rate, calls per second
 * @param tokens the permits in the bucket at {@code refilledAt}
 * @param refilledAt when {@code tokens} was last brought up to date
 * @param pausedUntil no permits before this (a 429's {@code Retry-After})
 * @param granted permits granted in all
 * @param throttles throttling events reported in all
 */
public record BudgetBucket(double rate, double tokens, long refilledAt, long pausedUntil, long granted,
        long throttles) {
    /** The bucket holds this many seconds of the rate at most. */
    public static final double BURST_SECONDS = 0.2;

    /** Checks the figures. */
    public BudgetBucket {
        if (!(rate > 0) || !(tokens >= 0) || granted < 0 || throttles < 0) {
            throw new IllegalArgumentException("rate must be positive; tokens, granted and throttles not negative");
        }
    }

    /**
     * @param rate the starting rate
     * @param now the time, µs since the epoch
     * @return a new bucket holding one permit
     */
    public static BudgetBucket fresh(double rate, long now) {
        return new BudgetBucket(rate, 1, now, now, 0, 0);
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
        return new BudgetBucket(rate, Math.min(capacity(), tokens + add), now, pausedUntil, granted, throttles);
    }

    /**
     * @param now the time, µs since the epoch
     * @param wanted permits asked for
     * @param newRate a rate to put in force first, or NaN to keep this one
     * @return the bucket after the take, and the grant
     */
    public Taken take(long now, int wanted, double newRate) {
        if (wanted < 1) {
            throw new IllegalArgumentException("wanted must be at least 1");
        }
        BudgetBucket b = refilled(now);
        if (!Double.isNaN(newRate) && newRate > 0) {
            b = new BudgetBucket(newRate, Math.min(b.tokens, Math.max(1, newRate * BURST_SECONDS)), now,
                    b.pausedUntil, b.granted, b.throttles);
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
        BudgetBucket after = new BudgetBucket(b.rate, b.tokens - n, now, b.pausedUntil, b.granted + n, b.throttles);
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
        double r = newEvent && newRate > 0 ? newRate : b.rate;
        return new BudgetBucket(r, 0, now, until, b.granted, b.throttles + (newEvent ? 1 : 0));
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
