package dev.tenantconnect.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when told to. Thread-safe. Shipped in the core test-jar for downstream tests. */
public final class FakeClock extends Clock {
    private final AtomicReference<Instant> now;

    /** @param start the initial instant */
    public FakeClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** @return a clock at 2026-01-01T00:00:00Z */
    public static FakeClock atEpoch2026() {
        return new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** @param d how far to move forward */
    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
