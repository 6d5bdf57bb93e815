package dev.tenantconnect.core.resilience;

import java.time.Duration;

/**
 * Waits. Injected wherever the SDK waits (retries, polling) so tests advance a fake clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * @param duration how long to wait; zero or negative returns at once
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /** @return a sleeper that really waits, with {@link Thread#sleep(long, int)} */
    static Sleeper system() {
        return d -> {
            if (!d.isNegative() && !d.isZero()) {
                Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
            }
        };
    }
}
