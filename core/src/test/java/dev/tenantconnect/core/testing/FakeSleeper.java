package dev.tenantconnect.core.testing;

import dev.tenantconnect.core.resilience.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that records each wait and advances a {@link FakeClock} instead of waiting. */
public final class FakeSleeper implements Sleeper {
    private final FakeClock clock;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    /** @param clock the clock to advance */
    public FakeSleeper(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        clock.advance(duration);
    }

    /** @return every wait requested, in order */
    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /** @return the sum of all waits */
    public Duration total() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
