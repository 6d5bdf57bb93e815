package dev.tenantconnect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.pacing.BudgetKey;
import dev.tenantconnect.core.resilience.AdaptivePacer;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.resilience.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Three client instances working one tenant on one database share one pacing budget: the tenant's limit is met by the
 * two together, so the 429s stay rare, where instances pacing alone each spend what they learn is the tenant's
 * budget and keep running into it. Simulated time (a fake clock the instances and the service read), so the run is
 * exact and fast; the service is a token bucket that answers as Graph documents
 * (https://learn.microsoft.com/graph/throttling: {@code x-ms-throttle-limit-percentage} past 80 % of the budget, a
 * 429 with {@code Retry-After} in seconds once it is gone).
 */
class SharedPacingAcrossInstancesTest {
    private static final BudgetKey KEY = new BudgetKey(ClientId.parse("5a1b2c3d-0000-4000-8000-0000000000a1"),
            TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e1"));
    private static final double LIMIT = 60;
    private static final double BUCKET = 120;
    private static final Duration RUN = Duration.ofSeconds(120);
    /**
     * Graph's Teams endpoints (most of an enablement) send no usage figure: the pacers learn the limit from 429s
     * alone, where sharing matters most.
     */
    private static final boolean REPORTS_USAGE = false;
    private static final int INSTANCES = 3;
    private static final int WORKERS = 8;
    private static final Duration ROUND_TRIP = Duration.ofMillis(150);
    private static final AdaptivePacer.Settings SETTINGS = new AdaptivePacer.Settings(20, 1, 2_000);

    /** The tenant's budget at the service: refills at {@link #LIMIT}/s, holds {@link #BUCKET}. */
    private static final class Service {
        private final FakeClock clock;
        private double tokens = BUCKET;
        private long last;
        int accepted;
        int refused;

        Service(FakeClock clock) {
            this.clock = clock;
            this.last = nanos(clock);
        }

        /** @return the Retry-After of a 429, or empty (with the usage to report) when accepted */
        Object call() {
            long now = nanos(clock);
            tokens = Math.min(BUCKET, tokens + LIMIT * (now - last) / 1e9);
            last = now;
            if (tokens < 1) {
                refused++;
                return Duration.ofSeconds((long) Math.max(1, Math.ceil((1 - tokens) / LIMIT)));
            }
            tokens -= 1;
            accepted++;
            double used = 1 - tokens / BUCKET;
            return REPORTS_USAGE && used >= 0.8 ? OptionalDouble.of(used) : OptionalDouble.empty();
        }
    }

    private record Outcome(int accepted, int refused, double seconds) {
        double throttledShare() {
            return (double) refused / (accepted + refused);
        }

        double ceilingShare() {
            return accepted / (seconds * LIMIT + BUCKET);
        }
    }

    /**
     * Virtual time for several workers on real threads: a worker's wait blocks it until every worker is waiting (or
     * done), then the clock jumps to the earliest wake-up and those workers go on. So the instances run side by side
     * as they would in real time, exactly and without waiting.
     */
    private static final class VirtualTime implements Sleeper {
        private final FakeClock clock;
        private final PriorityQueue<Long> wakes = new PriorityQueue<>();
        private int running;

        VirtualTime(FakeClock clock, int workers) {
            this.clock = clock;
            this.running = workers;
        }

        @Override
        public synchronized void sleep(Duration d) throws InterruptedException {
            long wake = nanos(clock) + Math.max(1, d.toNanos());
            wakes.add(wake);
            running--;
            advanceIfAllWait();
            while (nanos(clock) < wake) {
                wait();
            }
        }

        synchronized void done() {
            running--;
            advanceIfAllWait();
        }

        private void advanceIfAllWait() {
            if (running > 0 || wakes.isEmpty()) {
                return;
            }
            long next = wakes.peek();
            clock.advance(Duration.ofNanos(Math.max(0, next - nanos(clock))));
            while (!wakes.isEmpty() && wakes.peek() <= next) {
                wakes.poll();
                running++;
            }
            notifyAll();
        }
    }

    /** Each instance has {@link #WORKERS} workers sending as fast as its pacer lets it, all instances side by side. */
    private static Outcome run(FakeClock clock, VirtualTime time, List<AdaptivePacer> instances) throws Exception {
        Service service = new Service(clock);
        long start = nanos(clock);
        long end = start + RUN.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(instances.size() * WORKERS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < instances.size() * WORKERS; w++) {
                AdaptivePacer pacer = instances.get(w % instances.size());
                workers.add(pool.submit(() -> {
                    try {
                        while (nanos(clock) < end) {
                            pacer.acquire();
                            Object answer;
                            synchronized (service) {
                                answer = service.call();
                            }
                            // the answer travels back for a while: the instance learns of it late
                            time.sleep(ROUND_TRIP);
                            if (answer instanceof Duration retryAfter) {
                                pacer.onThrottled(retryAfter);
                            } else {
                                pacer.onResponse((OptionalDouble) answer, ROUND_TRIP);
                            }
                        }
                    } finally {
                        time.done();
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(service.accepted, service.refused, (nanos(clock) - start) / 1e9);
    }

    @Test
    void threeInstancesOnOneDatabaseStayUnderTheTenantsLimitTogether() throws Exception {
        DataSource db = Databases.h2();
        FakeClock clock = FakeClock.atEpoch2026();
        VirtualTime time = new VirtualTime(clock, INSTANCES * WORKERS);
        List<AdaptivePacer> shared = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            // each instance has its own budget object on the one database, as separate JVMs would
            shared.add(new AdaptivePacer(SETTINGS, clock, time, new JdbcPacingBudget(db, clock), KEY));
        }
        Outcome together = run(clock, time, shared);

        FakeClock clock2 = FakeClock.atEpoch2026();
        VirtualTime time2 = new VirtualTime(clock2, INSTANCES * WORKERS);
        List<AdaptivePacer> separate = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            separate.add(new AdaptivePacer(SETTINGS, clock2, time2));
        }
        Outcome alone = run(clock2, time2, separate);

        System.out.printf("shared: %s 429 share %.4f ceiling share %.3f; alone: %s 429 share %.4f ceiling share "
                + "%.3f%n", together, together.throttledShare(), together.ceilingShare(), alone,
                alone.throttledShare(), alone.ceilingShare());
        assertThat(alone.refused()).as("pacing alone, the instances meet the limit").isGreaterThan(0);
        assertThat(together.throttledShare()).as("429 share, shared").isLessThanOrEqualTo(0.02);
        assertThat(together.refused()).as("429s, shared vs alone").isLessThan(alone.refused() / 2);
        assertThat(together.ceilingShare()).as("share of the ceiling, shared").isGreaterThanOrEqualTo(0.85);
    }

    private static long nanos(FakeClock clock) {
        return clock.instant().getEpochSecond() * 1_000_000_000L + clock.instant().getNano();
    }
}
