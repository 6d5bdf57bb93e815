package dev.tenantconnect.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** How the refill rate and bucket size are read off the accepted answers and the usage they reported. */
class RefillEstimatorTest {
    private static final long MS = 1_000_000L;

    /** Feeds answers every {@code stepMs}: accepted grows by {@code perStep}, usage by {@code usageStep}. */
    private static void feed(RefillEstimator e, int n, long fromMs, long stepMs, double accepted0, double perStep,
            double usage0, double usageStep) {
        for (int i = 0; i < n; i++) {
            e.sample((fromMs + i * stepMs) * MS, accepted0 + i * perStep, usage0 + i * usageStep);
        }
    }

    @Test
    void knows_nothing_before_the_service_has_reported_its_usage() {
        RefillEstimator e = new RefillEstimator();
        assertThat(e.rate()).isNaN();
        assertThat(e.size()).isNaN();
        assertThat(e.samples()).isZero();
    }

    @Test
    void level_usage_means_what_was_accepted_is_what_refilled() {
        RefillEstimator e = new RefillEstimator();
        // 1 accepted every 20 ms (50/s) while the usage stays at 0.90
        feed(e, 50, 0, 20, 100, 1, 0.90, 0);
        assertThat(e.rate()).as("not before a second of it").isNaN();
        e.sample(1_000 * MS, 150, 0.90);
        assertThat(e.rate()).isCloseTo(50, within(1e-6));
        assertThat(e.size()).as("a level bucket tells nothing of its size").isNaN();
    }

    @Test
    void rising_and_falling_usage_give_the_refill_rate_and_the_bucket_size() {
        RefillEstimator e = new RefillEstimator();
        // bucket of 100 refilled at 50/s: accepted = 50·t + 100·u. First 80/s (usage rises 0.3/s), then 20/s (falls)
        double t = 0;
        double u = 0.80;
        double a = 0;
        for (int i = 0; i < 20; i++) {
            e.sample((long) (t * 1e9), a, u);
            t += 0.0125;
            a += 1;
            u += (80 - 50) * 0.0125 / 100;
        }
        for (int i = 0; i < 20; i++) {
            e.sample((long) (t * 1e9), a, u);
            t += 0.05;
            a += 1;
            u -= (50 - 20) * 0.05 / 100;
        }
        assertThat(e.rate()).isCloseTo(50, within(0.5));
        assertThat(e.size()).isCloseTo(100, within(1.0));
    }

    @Test
    void usage_moving_in_step_with_time_cannot_be_told_apart_from_refill() {
        RefillEstimator e = new RefillEstimator();
        // a constant sending rate: usage rises linearly, so refill and bucket size trade off exactly
        feed(e, 40, 0, 20, 0, 1, 0.80, 0.002);
        assertThat(e.rate()).isNaN();
    }

    @Test
    void needs_enough_samples() {
        RefillEstimator e = new RefillEstimator();
        feed(e, RefillEstimator.MIN_SAMPLES - 1, 0, 200, 0, 10, 0.9, 0);
        assertThat(e.rate()).as("seven samples over 1.2 s are too few").isNaN();
        e.sample(1_400 * MS, 70, 0.9);
        assertThat(e.rate()).isCloseTo(50, within(1e-6));
    }

    @Test
    void forgets_samples_older_than_its_window() {
        RefillEstimator e = new RefillEstimator();
        feed(e, 81, 0, 100, 0, 5, 0.9, 0);
        assertThat(e.samples()).as("4 s of samples every 100 ms").isEqualTo(41);
        assertThat(e.rate()).isCloseTo(50, within(1e-6));
    }

    @Test
    void a_broken_streak_starts_afresh_from_whatever_was_accepted_in_between() {
        RefillEstimator e = new RefillEstimator();
        feed(e, 11, 0, 100, 0, 5, 0.9, 0);
        e.breakStreak();
        // 500 more were accepted while the usage went unreported; the rate within each streak is still 50/s
        feed(e, 11, 1_100, 100, 555, 5, 0.9, 0);
        assertThat(e.samples()).isEqualTo(22);
        assertThat(e.rate()).isCloseTo(50, within(1e-6));
    }

    @Test
    void two_streaks_at_different_rates_tell_the_refill_rate_from_the_bucket_size() {
        RefillEstimator e = new RefillEstimator();
        // bucket of 100 refilled at 50/s, accepted = const + 50·t + 100·u; each streak alone rises in step with time
        feed(e, 41, 0, 10, 0, 1, 0.80, 0.005); // 100/s for 0.4 s: the usage rises 0.5 a second
        assertThat(e.rate()).as("one rate alone: refill and size trade off exactly").isNaN();
        e.breakStreak();
        feed(e, 11, 1_000, 40, 300, 1, 0.95, -0.01); // 25/s for 0.4 s: the usage falls 0.25 a second
        assertThat(e.rate()).isCloseTo(50, within(0.01));
        assertThat(e.size()).isCloseTo(100, within(0.1));
    }

    @Test
    void smooths_a_changed_refill_rate_in_gradually() {
        RefillEstimator e = new RefillEstimator();
        feed(e, 21, 0, 50, 0, 2.5, 0.9, 0);
        assertThat(e.rate()).isCloseTo(50, within(1e-6));
        e.breakStreak();
        // the budget now refills at 100/s: each new fit moves the estimate a tenth of the way
        feed(e, 21, 10_000, 50, 1_000, 5, 0.9, 0);
        assertThat(e.rate()).isCloseTo(55, within(1e-6));
        e.sample(11_050 * MS, 1_105, 0.9);
        assertThat(e.rate()).isCloseTo(59.5, within(1e-6));
    }

    @Test
    void keeps_only_its_newest_samples_when_answers_come_fast() {
        RefillEstimator e = new RefillEstimator();
        feed(e, 300, 0, 5, 0, 1, 0.9, 0);
        assertThat(e.samples()).isEqualTo(256);
        assertThat(e.rate()).isCloseTo(200, within(1e-6));
    }

    @Test
    void ignores_fits_that_make_no_physical_sense() {
        RefillEstimator e = new RefillEstimator();
        // accepted going down while the usage is level: a negative refill rate is no estimate
        feed(e, 30, 0, 50, 100, -1, 0.9, 0);
        assertThat(e.rate()).isNaN();
    }
}
