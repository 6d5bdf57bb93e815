package dev.tenantconnect.core.pacing;

import dev.tenantconnect.core.error.ValidationException;
import java.time.Duration;

/**
 * What one round trip to the shared budget gave.
 *
 * @param permits how many calls may be sent now (0 when the bucket is empty or the tenant is paused)
 * @param retryIn when none were granted: how long until the next permit can be had; zero otherwise
 * @param rate the cluster-wide rate now in force, calls per second
 * @param granted how many permits the budget has granted in all, to every instance (a cluster-wide send counter)
 */
public record BudgetGrant(int permits, Duration retryIn, double rate, long granted) {
    /** Checks the figures. */
    public BudgetGrant {
        if (permits < 0 || retryIn.isNegative() || !(rate > 0) || granted < 0) {
            throw new ValidationException("grant", "permits, retryIn and granted must not be negative, rate positive");
        }
    }
}
