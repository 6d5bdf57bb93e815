package dev.tenantconnect.core.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.resilience.AdaptivePacer;
import dev.tenantconnect.core.resilience.TenantGuards;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.testing.FakeSleeper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Pacers of several instances built with a shared budget: what one learns from the service, all act on. */
class SharedPacersTest {
    private static final ClientId APP = ClientId.parse("5a1b2c3d-0000-4000-8000-0000000000a1");
    private static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e1");
    private final FakeClock clock = FakeClock.atEpoch2026();
    private final FakeSleeper sleeper = new FakeSleeper(clock);
    private final PacingBudget budget = new InMemoryPacingBudget(clock);

    private AdaptivePacer instance() {
        return TenantGuards.builder(clock, sleeper).sharedBudget(budget, APP).build().pacer(TENANT);
    }

    @Test
    void a429SeenByOneInstanceHoldsTheOthersForTheRetryAfter() throws InterruptedException {
        AdaptivePacer a = instance();
        AdaptivePacer b = instance();
        a.acquire();
        b.acquire();

        a.onThrottled(Duration.ofSeconds(5));
        Duration before = sleeper.total();
        b.acquire();

        assertThat(sleeper.total().minus(before)).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(budget.peek(new BudgetKey(APP, TENANT)).orElseThrow().throttles()).isEqualTo(1);
    }

    @Test
    void anInstanceAdoptsTheRateInForceAndTogetherTheyGetNoMoreThanIt() throws InterruptedException {
        AdaptivePacer a = instance();
        a.acquire();
        a.onThrottled(Duration.ofSeconds(1));
        AdaptivePacer b = instance();
        b.acquire();

        assertThat(b.rate()).isEqualTo(a.rate());
        Duration start = Duration.ofNanos(sleeper.total().toNanos());
        for (int i = 0; i < 100; i++) {
            a.acquire();
            b.acquire();
        }
        double seconds = (sleeper.total().toNanos() - start.toNanos()) / 1e9;
        // 200 calls at the shared rate, less the fifth of a second the bucket may hold
        assertThat(seconds).isGreaterThanOrEqualTo(200 / a.rate() - BudgetBucket.BURST_SECONDS - 1e-6);
    }
}
