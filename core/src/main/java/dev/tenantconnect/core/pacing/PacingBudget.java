package dev.tenantconnect.core.pacing;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * A token bucket per {@link BudgetKey} shared by every instance that paces calls to that tenant. Implementations:
 * {@link InMemoryPacingBudget} (one process) and the JDBC store's (several instances on one database). Each
 * implementation keeps the figures in a {@link BudgetBucket} and passes {@code PacingBudgetContract}.
 *
 * <p>Callers lease a small batch of permits per round trip ({@link #take}) and spend them locally; they report a 429
 * at once ({@link #throttled}), which pauses every instance until the {@code Retry-After} has passed.
 */
public interface PacingBudget {
    /**
     * Takes up to {@code wanted} permits. The first call for a key creates its bucket at {@code rate} (or
     * {@code initialRate} when empty).
     *
     * @param key whose budget
     * @param wanted how many permits the caller would like, at least 1
     * @param rate a new cluster-wide rate to put in force before taking (the caller's pacer changed it), or empty
     *     to keep the one in force; a cut is always taken, a rise at most every {@link BudgetBucket#RISE_EVERY} µs
     *     so that the rises of several instances do not compound
     * @param initialRate the rate a new bucket starts at
     * @return what was granted, with the rate in force
     */
    BudgetGrant take(BudgetKey key, int wanted, OptionalDouble rate, double initialRate);

    /**
     * Reports a 429: no instance gets a permit until {@code retryAfter} has passed and the bucket is emptied. The
     * rate becomes {@code newRate} only when this starts a new throttling event (the tenant was not already paused),
     * so the calls of several instances that come back 429 together cut it once.
     *
     * @param key whose budget
     * @param retryAfter what the service asked for
     * @param newRate the rate to resume at
     * @param initialRate the rate a new bucket starts at
     */
    void throttled(BudgetKey key, Duration retryAfter, double newRate, double initialRate);

    /**
     * @param key whose budget
     * @return its bucket as it stands (refilled to now), empty when no instance has used it yet
     */
    java.util.Optional<BudgetBucket> peek(BudgetKey key);
}
