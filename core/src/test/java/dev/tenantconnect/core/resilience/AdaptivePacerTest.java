package dev.tenantconnect.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.testing.FakeSleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The pacing control loop against a model of Graph's throttle: a token bucket that reports usage above 80 %. */
class AdaptivePacerTest {

    /** A token bucket in simulated time, as the service keeps it for one (app, tenant) pair. */
    private static final class ServiceBucket {
        final int capacity;
        final double perSecond;
        double tokens;
        Instant last;

        ServiceBucket(int capacity, double perSecond, Instant now) {
            this.capacity = capacity;
            this.perSecond = perSecond;
            this.tokens = capacity;
            this.last = now;
        }

        /** @return -1 when throttled, otherwise the share of the limit in use after this request */
        double take(Instant now) {
            tokens = Math.min(capacity, tokens + Duration.between(last, now).toNanos() / 1e9 * perSecond);
            last = now;
            if (tokens < 1) {
                return -1;
            }
            tokens -= 1;
            return 1 - tokens / capacity;
        }
    }

    @ParameterizedTest(name = "limit {1}/s, burst {0}, starting at {2}/s")
    @CsvSource({"100, 50, 20", "200, 20, 20", "50, 200, 20", "100, 50, 500"})
    void converges_just_under_the_limit_without_bouncing_off_it(int capacity, double perSecond, double initial)
            throws InterruptedException {
        FakeClock clock = FakeClock.atEpoch2026();
        AdaptivePacer pacer = new AdaptivePacer(new AdaptivePacer.Settings(initial, 1, 2_000), clock,
                new FakeSleeper(clock));
        ServiceBucket service = new ServiceBucket(capacity, perSecond, clock.instant());
        Instant start = clock.instant();
        int sent = 0;
        int throttled = 0;
        int served = 0;
        // a caller with more work than the limit allows, for two simulated minutes
        while (Duration.between(start, clock.instant()).compareTo(Duration.ofMinutes(2)) < 0) {
            pacer.acquire();
            sent++;
            double usage = service.take(clock.instant());
            if (usage < 0) {
                throttled++;
                pacer.onThrottled(Duration.ofSeconds(1));
            } else {
                served++;
                pacer.onResponse(usage >= 0.8 ? OptionalDouble.of(usage) : OptionalDouble.empty());
            }
        }
        double seconds = Duration.between(start, clock.instant()).toNanos() / 1e9;
        double ceiling = capacity + perSecond * seconds;
        assertThat(served / ceiling).as("share of the service's ceiling used").isGreaterThan(0.90);
        assertThat((double) throttled / sent).as("share of requests answered 429").isLessThanOrEqualTo(0.02);
    }

    @Test
    void a_429_holds_every_caller_until_retry_after_and_halves_the_rate() throws InterruptedException {
        FakeClock clock = FakeClock.atEpoch2026();
        FakeSleeper sleeper = new FakeSleeper(clock);
        AdaptivePacer pacer = new AdaptivePacer(new AdaptivePacer.Settings(100, 1, 1_000), clock, sleeper);
        pacer.onThrottled(Duration.ofSeconds(7));
        pacer.onThrottled(Duration.ofSeconds(7)); // the other calls in flight come back 429 too: the same event
        pacer.onThrottled(Duration.ofSeconds(6));
        pacer.acquire();
        assertThat(sleeper.total()).isEqualTo(Duration.ofSeconds(7));
        assertThat(pacer.rate()).as("halved once for the event").isEqualTo(50);
        assertThat(pacer.throttledCount()).isEqualTo(3);
        pacer.acquire();
        assertThat(sleeper.total()).as("then one slot per 1/50 s").isEqualTo(Duration.ofMillis(7_020));
    }

    @Test
    void the_rate_stays_within_its_bounds() throws InterruptedException {
        FakeClock clock = FakeClock.atEpoch2026();
        AdaptivePacer pacer = new AdaptivePacer(new AdaptivePacer.Settings(4, 2, 8), clock, new FakeSleeper(clock));
        for (int i = 0; i < 10; i++) {
            pacer.onThrottled(Duration.ZERO);
        }
        assertThat(pacer.rate()).isEqualTo(2);
        for (int i = 0; i < 2_000; i++) {
            pacer.acquire();
            pacer.onResponse(OptionalDouble.empty());
        }
        assertThat(pacer.rate()).isEqualTo(8);
        assertThatThrownBy(() -> new AdaptivePacer.Settings(10, 20, 30)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("pacing");
    }
}
