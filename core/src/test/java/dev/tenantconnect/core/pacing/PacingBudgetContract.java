package dev.tenantconnect.core.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link PacingBudget} must pass: one token bucket per (application, tenant) that every instance
 * draws from — permits at the rate in force and never more than a fifth of a second of it banked, a rate any instance
 * may change, a 429 that pauses every instance and cuts the rate once per throttling event, no permit granted twice
 * under concurrency, and keys kept apart. Published in the core test-jar; extend it and implement
 * {@link #newBudget(FakeClock)} and {@link #reopen(PacingBudget, FakeClock)}.
 */
public abstract class PacingBudgetContract {
    /** The key used throughout. */
    protected static final BudgetKey KEY = new BudgetKey(ClientId.parse("5a1b2c3d-0000-4000-8000-0000000000a1"),
            TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e1"));
    private static final BudgetKey OTHER_TENANT = new BudgetKey(KEY.application(),
            TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e3"));
    private static final BudgetKey OTHER_APP = new BudgetKey(ClientId.parse("5a1b2c3d-0000-4000-8000-0000000000a2"),
            KEY.tenant());
    private static final OptionalDouble KEEP = OptionalDouble.empty();

    /** The clock every instance shares. */
    protected final FakeClock clock = FakeClock.atEpoch2026();
    /** The budget under test, as one instance sees it. */
    protected PacingBudget budget;

    /**
     * @param clock the clock the budget must keep time by
     * @return a new, empty budget
     */
    protected abstract PacingBudget newBudget(FakeClock clock);

    /**
     * @param budget the budget under test
     * @param clock its clock
     * @return the same budget as another instance sees it (the same object for memory budgets)
     */
    protected PacingBudget reopen(PacingBudget budget, FakeClock clock) {
        return budget;
    }

    @BeforeEach
    void freshBudget() {
        budget = newBudget(clock);
    }

    @Test
    void aNewBucketGrantsOnePermitThenSaysWhenTheNextIsDue() {
        BudgetGrant first = budget.take(KEY, 5, KEEP, 20);
        BudgetGrant second = budget.take(KEY, 5, KEEP, 20);

        assertThat(first.permits()).isEqualTo(1);
        assertThat(first.rate()).isEqualTo(20);
        assertThat(second.permits()).isZero();
        assertThat(second.retryIn()).isEqualTo(Duration.ofMillis(50));
        assertThat(second.granted()).isEqualTo(1);
    }

    @Test
    void permitsComeAtTheRateAndAnIdleBucketBanksAFifthOfASecondAtMost() {
        budget.take(KEY, 1, KEEP, 50);
        clock.advance(Duration.ofMillis(100));
        assertThat(budget.take(KEY, 100, KEEP, 50).permits()).isEqualTo(5);

        clock.advance(Duration.ofSeconds(10));
        assertThat(budget.take(KEY, 100, KEEP, 50).permits()).isEqualTo(10);
    }

    @Test
    void twoInstancesTogetherGetNoMoreThanTheRate() {
        PacingBudget other = reopen(budget, clock);
        int total = 0;
        for (int i = 0; i < 1_000; i++) {
            total += budget.take(KEY, 2, KEEP, 40).permits() + other.take(KEY, 2, KEEP, 40).permits();
            clock.advance(Duration.ofMillis(10));
        }
        // ten seconds at 40/s, plus the one permit a new bucket holds
        assertThat(total).isBetween(399, 401);
        assertThat(other.peek(KEY).orElseThrow().granted()).isEqualTo(total);
    }

    @Test
    void aRateSetByOneInstanceIsInForceForAll() {
        PacingBudget other = reopen(budget, clock);
        budget.take(KEY, 1, KEEP, 20);
        clock.advance(Duration.ofMillis(100));
        budget.take(KEY, 2, KEEP, 20);

        BudgetGrant set = budget.take(KEY, 1, OptionalDouble.of(80), 20);
        BudgetGrant seen = other.take(KEY, 1, KEEP, 20);

        assertThat(set.rate()).isEqualTo(80);
        assertThat(seen.rate()).isEqualTo(80);
        assertThat(seen.retryIn()).isEqualTo(Duration.ofMillis(12_500).dividedBy(1_000));
    }

    @Test
    void risesOfSeveralInstancesDoNotCompoundButCutsAlwaysCount() {
        PacingBudget other = reopen(budget, clock);
        budget.take(KEY, 1, KEEP, 100);
        clock.advance(Duration.ofMillis(100));

        assertThat(budget.take(KEY, 1, OptionalDouble.of(105), 100).rate()).isEqualTo(105);
        clock.advance(Duration.ofMillis(10));
        assertThat(other.take(KEY, 1, OptionalDouble.of(110.25), 100).rate()).isEqualTo(105);
        assertThat(other.take(KEY, 1, OptionalDouble.of(90), 100).rate()).isEqualTo(90);
        clock.advance(Duration.ofMillis(100));
        assertThat(budget.take(KEY, 1, OptionalDouble.of(94.5), 100).rate()).isEqualTo(94.5);
    }

    @Test
    void a429PausesEveryInstanceAndCutsTheRateOncePerEvent() {
        PacingBudget other = reopen(budget, clock);
        budget.take(KEY, 1, OptionalDouble.of(100), 100);
        clock.advance(Duration.ofSeconds(1));

        budget.throttled(KEY, Duration.ofSeconds(5), 50, 100);
        clock.advance(Duration.ofMillis(10));
        other.throttled(KEY, Duration.ofSeconds(5), 25, 100);
        BudgetGrant paused = other.take(KEY, 4, KEEP, 100);

        assertThat(paused.permits()).isZero();
        assertThat(paused.retryIn()).isEqualTo(Duration.ofMillis(5_000));
        assertThat(paused.rate()).isEqualTo(50);
        assertThat(other.peek(KEY).orElseThrow().throttles()).isEqualTo(1);

        clock.advance(Duration.ofMillis(5_000));
        assertThat(budget.take(KEY, 4, KEEP, 100).permits()).isZero();
        clock.advance(Duration.ofMillis(40));
        assertThat(budget.take(KEY, 4, KEEP, 100).permits()).isEqualTo(2);
    }

    @Test
    void aThrottleAfterThePauseIsANewEvent() {
        budget.throttled(KEY, Duration.ofSeconds(1), 40, 100);
        clock.advance(Duration.ofSeconds(2));
        budget.throttled(KEY, Duration.ofSeconds(1), 20, 100);

        BudgetBucket b = budget.peek(KEY).orElseThrow();
        assertThat(b.rate()).isEqualTo(20);
        assertThat(b.throttles()).isEqualTo(2);
    }

    @Test
    void aRiseStopsShortOfTheRateThatMetA429UntilTheCapHasCrept() {
        budget.take(KEY, 1, KEEP, 100);
        budget.throttled(KEY, Duration.ofSeconds(1), 50, 100);
        clock.advance(Duration.ofSeconds(2));

        assertThat(budget.take(KEY, 1, OptionalDouble.of(200), 100).rate()).isEqualTo(91, within(1e-9));
        clock.advance(Duration.ofSeconds(18));
        assertThat(budget.take(KEY, 1, OptionalDouble.of(200), 100).rate()).isEqualTo(100, within(1e-9));
        assertThat(budget.peek(KEY).orElseThrow().ceiling()).isEqualTo(100);
    }

    @Test
    void aCeilingNotMetAgainWithinTwentySecondsIsStaleAndTheCapDoublesEveryTwenty() {
        budget.take(KEY, 1, KEEP, 100);
        budget.throttled(KEY, Duration.ofSeconds(1), 50, 100);
        clock.advance(Duration.ofSeconds(40));

        assertThat(budget.take(KEY, 1, OptionalDouble.of(1000), 100).rate()).isEqualTo(200, within(1e-9));
        clock.advance(Duration.ofSeconds(20));
        assertThat(budget.take(KEY, 1, OptionalDouble.of(1000), 100).rate()).isEqualTo(400, within(1e-9));
        clock.advance(Duration.ofSeconds(20));
        assertThat(budget.take(KEY, 1, OptionalDouble.of(350), 100).rate()).isEqualTo(350, within(1e-9));

        budget.throttled(KEY, Duration.ofSeconds(1), 100, 100);
        clock.advance(Duration.ofSeconds(2));
        assertThat(budget.take(KEY, 1, OptionalDouble.of(1000), 100).rate())
                .as("a new 429 sets a new ceiling: 90 %% of 350 and 1 %% after 2 s").isEqualTo(318.5, within(1e-9));
    }

    @Test
    void eachApplicationAndTenantHasItsOwnBucket() {
        budget.take(KEY, 1, KEEP, 10);
        budget.throttled(KEY, Duration.ofSeconds(30), 5, 10);

        assertThat(budget.take(OTHER_TENANT, 1, KEEP, 10).permits()).isEqualTo(1);
        assertThat(budget.take(OTHER_APP, 1, KEEP, 10).permits()).isEqualTo(1);
        assertThat(budget.peek(OTHER_APP).orElseThrow().rate()).isEqualTo(10);
        assertThat(budget.peek(new BudgetKey(OTHER_APP.application(), OTHER_TENANT.tenant()))).isEmpty();
    }

    @Test
    void concurrentInstancesNeverShareAPermit() throws Exception {
        clock.advance(Duration.ofSeconds(1));
        List<PacingBudget> instances = List.of(budget, reopen(budget, clock), reopen(budget, clock));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> work = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                PacingBudget b = instances.get(t % 3);
                work.add(() -> {
                    int got = 0;
                    for (int i = 0; i < 20; i++) {
                        got += b.take(KEY, 3, KEEP, 400).permits();
                    }
                    return got;
                });
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(work)) {
                total += f.get();
            }
            // the clock stands still: a new bucket's one permit, nothing more
            assertThat(total).isEqualTo(1);
            assertThat(budget.peek(KEY).orElseThrow().granted()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
