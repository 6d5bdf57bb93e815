package dev.tenantconnect.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.testing.FakeSleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.ArrayList;
import java.util.List;
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

        /**
         * @return -1 when throttled, otherwise the share of the limit in use after this request, with two decimals
         *     as the service reports it
         */
        double take(Instant now) {
            tokens = Math.min(capacity, tokens + Duration.between(last, now).toNanos() / 1e9 * perSecond);
            last = now;
            if (tokens < 1) {
                return -1;
            }
            tokens -= 1;
            return Math.round((1 - tokens / capacity) * 100) / 100.0;
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

    /** Runs a caller with more work than the limit allows against the bucket; returns {served, throttled, sent}. */
    private static long[] drive(AdaptivePacer pacer, FakeClock clock, ServiceBucket service, Duration howLong)
            throws InterruptedException {
        Instant start = clock.instant();
        long sent = 0;
        long throttled = 0;
        long served = 0;
        while (Duration.between(start, clock.instant()).compareTo(howLong) < 0) {
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
        return new long[] {served, throttled, sent};
    }

    @ParameterizedTest(name = "limit {1}/s, burst {0}")
    @CsvSource({"100, 50", "200, 20", "50, 200", "1000, 100"})
    void learns_the_refill_rate_from_what_the_service_accepted_while_it_reported_usage(int capacity,
            double perSecond) throws InterruptedException {
        FakeClock clock = FakeClock.atEpoch2026();
        AdaptivePacer pacer = new AdaptivePacer(AdaptivePacer.Settings.DEFAULT, clock, new FakeSleeper(clock));
        assertThat(pacer.learnedRate()).as("nothing known before the service said anything").isEmpty();
        ServiceBucket service = new ServiceBucket(capacity, perSecond, clock.instant());
        drive(pacer, clock, service, Duration.ofSeconds(20));
        assertThat(pacer.learnedRate()).hasValueCloseTo(perSecond, within(perSecond * 0.05));
        // from then on it keeps to the limit: the whole refill used, next to no 429
        Instant from = clock.instant();
        long[] r = drive(pacer, clock, service, Duration.ofMinutes(1));
        double seconds = Duration.between(from, clock.instant()).toNanos() / 1e9;
        assertThat(r[0] / (perSecond * seconds)).as("share of the refill used").isGreaterThan(0.97);
        assertThat((double) r[1] / r[2]).as("share answered 429").isLessThanOrEqualTo(0.005);
    }

    /** A pacer that has seen the usage stay at 90 % for a second of answers at 50/s: it has learned a refill of 50/s. */
    private static AdaptivePacer learnedAt50(FakeClock clock, FakeSleeper sleeper) throws InterruptedException {
        AdaptivePacer pacer = new AdaptivePacer(new AdaptivePacer.Settings(50, 1, 1_000), clock, sleeper);
        for (int i = 0; i < 51; i++) {
            clock.advance(Duration.ofMillis(20));
            pacer.onResponse(OptionalDouble.of(0.9));
        }
        assertThat(pacer.learnedRate()).hasValueCloseTo(50.0, within(1e-6));
        return pacer;
    }

    @Test
    void once_learned_it_spends_the_room_in_the_bucket_and_then_steers_the_usage_to_90_percent()
            throws InterruptedException {
        FakeClock clock = FakeClock.atEpoch2026();
        AdaptivePacer pacer = learnedAt50(clock, new FakeSleeper(clock));
        clock.advance(Duration.ofSeconds(5)); // what it learned from is out of its window: the estimate holds still
        pacer.onResponse(OptionalDouble.empty());
        assertThat(pacer.rate()).as("no usage report: at least a fifth of the bucket left, spend it")
                .isCloseTo(95, within(1e-9));
        pacer.onResponse(OptionalDouble.of(0.95));
        assertThat(pacer.rate()).as("fuller than 90 %: below the refill rate").isCloseTo(47.5, within(1e-9));
        pacer.onResponse(OptionalDouble.of(0.85));
        assertThat(pacer.rate()).as("below 90 %: above it").isCloseTo(52.5, within(1e-9));
        pacer.onResponse(OptionalDouble.of(1.6));
        assertThat(pacer.rate()).as("reports above 100 % count as 100 %").isCloseTo(45, within(1e-9));
    }

    @Test
    void once_learned_a_429_resumes_at_the_refill_rate_instead_of_halving() throws InterruptedException {
        FakeClock clock = FakeClock.atEpoch2026();
        FakeSleeper sleeper = new FakeSleeper(clock);
        AdaptivePacer pacer = learnedAt50(clock, sleeper);
        Duration before = sleeper.total();
        pacer.onThrottled(Duration.ofSeconds(2));
        assertThat(pacer.rate()).isCloseTo(50, within(1e-9));
        pacer.acquire();
        pacer.acquire();
        assertThat(sleeper.total().minus(before).toNanos()).as("the pause, then one slot at 50/s")
                .isCloseTo(2_020_000_000L, within(1_000L));
    }

    @Test
    void the_steered_rate_stays_within_the_settings_bounds() throws InterruptedException {
        FakeClock clock = FakeClock.atEpoch2026();
        AdaptivePacer pacer = new AdaptivePacer(new AdaptivePacer.Settings(50, 48, 60), clock,
                new FakeSleeper(clock));
        for (int i = 0; i < 51; i++) {
            clock.advance(Duration.ofMillis(20));
            pacer.onResponse(OptionalDouble.of(0.9));
        }
        assertThat(pacer.learnedRate()).hasValueCloseTo(50.0, within(1e-6));
        pacer.onResponse(OptionalDouble.empty());
        assertThat(pacer.rate()).isEqualTo(60);
        pacer.onResponse(OptionalDouble.of(1.0));
        assertThat(pacer.rate()).isEqualTo(48);
    }

    @Test
    void a_call_costing_several_units_holds_back_the_next_slot_as_long_as_that_many_single_calls()
            throws InterruptedException {
        FakeClock clock = FakeClock.atEpoch2026();
        FakeSleeper sleeper = new FakeSleeper(clock);
        AdaptivePacer pacer = new AdaptivePacer(new AdaptivePacer.Settings(10, 10, 10), clock, sleeper);
        pacer.acquire(20); // a JSON batch of 20 requests, at once
        pacer.acquire();
        pacer.acquire();
        assertThat(sleeper.sleeps()).as("20 units at 10/s, then one").containsExactly(Duration.ofSeconds(2),
                Duration.ofMillis(100));
        pacer.acquire(0);
        assertThat(sleeper.sleeps()).as("a cost below one counts as one").hasSize(3);
    }

    @Test
    void before_the_first_usage_report_it_grows_by_half_every_100_ms_while_callers_wait() throws InterruptedException {
        FakeClock clock = FakeClock.atEpoch2026();
        FakeSleeper sleeper = new FakeSleeper(clock);
        AdaptivePacer pacer = new AdaptivePacer(new AdaptivePacer.Settings(20, 1, 2_000), clock, sleeper);
        pacer.acquire();
        pacer.acquire();
        pacer.acquire();
        assertThat(sleeper.sleeps()).as("one slot every 50 ms at 20/s").containsExactly(Duration.ofMillis(50),
                Duration.ofMillis(50));
        pacer.onResponse(OptionalDouble.empty());
        assertThat(pacer.rate()).as("callers waited for 100 ms: half as fast again").isEqualTo(30);
        pacer.onResponse(OptionalDouble.empty());
        assertThat(pacer.rate()).as("no caller waited since").isEqualTo(30);
        assertThat(pacer.pressureCount()).isZero();
        assertThat(pacer).hasToString("AdaptivePacer[rate=30.0/s]");
    }

    @Test
    void before_it_knows_the_refill_rate_the_trend_of_the_usage_steers() throws InterruptedException {
        FakeClock clock = FakeClock.atEpoch2026();
        FakeSleeper sleeper = new FakeSleeper(clock);
        AdaptivePacer pacer = new AdaptivePacer(new AdaptivePacer.Settings(20, 1, 2_000), clock, sleeper);
        pacer.acquire();
        pacer.acquire();
        pacer.acquire();
        pacer.onResponse(OptionalDouble.empty());
        assertThat(pacer.rate()).isEqualTo(30);
        pacer.onResponse(OptionalDouble.of(0.85));
        assertThat(pacer.rate()).as("the first report, a fifth of the budget left at most: a quarter of the 20/s "
                + "callers really sent").isEqualTo(5);
        clock.advance(Duration.ofMillis(60));
        pacer.onResponse(OptionalDouble.of(0.87));
        assertThat(pacer.rate()).as("usage rising: 10 % less").isCloseTo(4.5, within(1e-9));
        pacer.onResponse(OptionalDouble.of(0.90));
        assertThat(pacer.rate()).as("not again within the same round trip").isCloseTo(4.5, within(1e-9));
        clock.advance(Duration.ofMillis(60));
        pacer.onResponse(OptionalDouble.of(0.995));
        assertThat(pacer.rate()).as("the budget is gone: 20 % less").isCloseTo(3.6, within(1e-9));
        clock.advance(Duration.ofMillis(300));
        pacer.acquire();
        pacer.acquire();
        pacer.onResponse(OptionalDouble.of(0.95));
        assertThat(pacer.rate()).as("usage falling while callers wait: 2 % more").isCloseTo(3.672, within(1e-9));
        pacer.onResponse(OptionalDouble.of(0.951));
        assertThat(pacer.rate()).as("flat: held").isCloseTo(3.672, within(1e-9));
        assertThat(pacer.pressureCount()).isEqualTo(6);
        assertThat(pacer.learnedRate()).as("too few reports to learn from").isEmpty();
    }

    @Test
    void a_new_rate_applies_to_the_slots_not_handed_out_yet_not_after_those_callers_already_wait_for()
            throws InterruptedException {
        FakeClock clock = FakeClock.atEpoch2026();
        List<Duration> waits = new ArrayList<>();
        // callers side by side: each is given its slot and waits for it while the others ask (the clock stands still)
        AdaptivePacer pacer = new AdaptivePacer(new AdaptivePacer.Settings(10, 1, 1_000), clock, waits::add);
        pacer.acquire();
        pacer.acquire();
        pacer.acquire();
        assertThat(waits).as("at 10/s: now, +100 ms, +200 ms").containsExactly(Duration.ofMillis(100),
                Duration.ofMillis(200));
        clock.advance(Duration.ofMillis(100));
        pacer.onResponse(OptionalDouble.empty());
        assertThat(pacer.rate()).as("callers waited: half as fast again").isEqualTo(15);
        pacer.acquire();
        // the slots still held (+200 ms, and the stretch up to +300 ms) are rescaled to 15/s: 200 ms of slots ahead
        // become 133 ms, instead of the next caller queueing behind slots spaced at the old rate
        assertThat(waits.get(2).toNanos()).as("the fourth caller's wait from +100 ms")
                .isCloseTo(133_333_333L, within(1_000L));
    }

    @Test
    void a_caller_waiting_for_its_slot_when_a_429_arrives_waits_out_the_retry_after_too() throws InterruptedException {
        FakeClock clock = FakeClock.atEpoch2026();
        List<Duration> waits = new ArrayList<>();
        AdaptivePacer[] pacer = new AdaptivePacer[1];
        boolean[] refusedMeanwhile = {true};
        // while this caller waits, another caller's answer comes back 429 with Retry-After: 2
        pacer[0] = new AdaptivePacer(new AdaptivePacer.Settings(10, 1, 1_000), clock, d -> {
            waits.add(d);
            if (refusedMeanwhile[0]) {
                refusedMeanwhile[0] = false;
                pacer[0].onThrottled(Duration.ofSeconds(2));
            }
            clock.advance(d);
        });
        pacer[0].acquire();
        pacer[0].acquire();
        assertThat(waits).as("its slot 100 ms on, then the rest of the pause: no call goes out during it")
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(1_900));
    }

    @Test
    void after_a_cut_the_callers_already_waiting_ask_again_for_slots_at_the_new_pace() throws InterruptedException {
        FakeClock clock = FakeClock.atEpoch2026();
        List<Duration> waits = new ArrayList<>();
        AdaptivePacer[] pacer = new AdaptivePacer[1];
        boolean[] cutMeanwhile = {true};
        pacer[0] = new AdaptivePacer(new AdaptivePacer.Settings(20, 1, 1_000), clock, d -> {
            waits.add(d);
            if (cutMeanwhile[0]) {
                cutMeanwhile[0] = false;
                pacer[0].onResponse(OptionalDouble.of(0.9)); // the first usage report: a quarter of the pace
            }
            clock.advance(d);
        });
        pacer[0].acquire();
        pacer[0].acquire();
        assertThat(pacer[0].rate()).isEqualTo(5);
        assertThat(waits).as("its slot at 20/s (50 ms), then one at 5/s from the cut (200 ms on, 150 ms more)")
                .containsExactly(Duration.ofMillis(50), Duration.ofMillis(150));
    }

    @Test
    void a_small_correction_of_the_learned_rate_leaves_the_callers_waiting_in_their_slots()
            throws InterruptedException {
        FakeClock clock = FakeClock.atEpoch2026();
        List<Duration> waits = new ArrayList<>();
        AdaptivePacer[] pacer = new AdaptivePacer[1];
        boolean[] correctedMeanwhile = {false};
        pacer[0] = new AdaptivePacer(new AdaptivePacer.Settings(50, 1, 1_000), clock, d -> {
            waits.add(d);
            if (correctedMeanwhile[0]) {
                correctedMeanwhile[0] = false;
                pacer[0].onResponse(OptionalDouble.of(0.91)); // a little fuller than 90 %: 1 % slower
            }
            clock.advance(d);
        });
        for (int i = 0; i < 51; i++) {
            clock.advance(Duration.ofMillis(20));
            pacer[0].onResponse(OptionalDouble.of(0.9));
        }
        assertThat(pacer[0].rate()).isCloseTo(50, within(1e-6));
        pacer[0].acquire();
        correctedMeanwhile[0] = true;
        pacer[0].acquire();
        assertThat(pacer[0].rate()).isCloseTo(49.5, within(1e-6));
        assertThat(waits).as("one wait for its slot, not asked again").singleElement().satisfies(d -> assertThat(
                d.toNanos()).isCloseTo(20_000_000L, within(1_000L)));
    }
}
