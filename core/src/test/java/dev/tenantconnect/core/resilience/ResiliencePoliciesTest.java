package dev.tenantconnect.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.testing.FakeSleeper;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResiliencePoliciesTest {
    private static final TenantId A = TenantId.parse("6b17bc95-fa47-49bf-8b00-00000000000a");
    private static final TenantId B = TenantId.parse("6b17bc95-fa47-49bf-8b00-00000000000b");

    @Test
    void per_tenant_overrides_apply_only_to_their_tenant() {
        FakeClock clock = FakeClock.atEpoch2026();
        TransportPolicy special = TransportPolicy.noRetry();
        ResiliencePolicies p = ResiliencePolicies.builder(clock, new FakeSleeper(clock)).transport(A, special).build();

        assertThat(p.transportFor(A)).isSameAs(special);
        assertThat(p.transportFor(B)).isInstanceOf(RetryingTransportPolicy.class);
        assertThat(p.consistencyFor(B)).isInstanceOf(PollingConsistencyPolicy.class);
    }

    @Test
    void each_tenant_gets_its_own_pacer_and_bulkhead() throws InterruptedException {
        FakeClock clock = FakeClock.atEpoch2026();
        FakeSleeper sleeper = new FakeSleeper(clock);
        TenantGuards guards = TenantGuards.builder(clock, sleeper)
                .pacing(A, new AdaptivePacer.Settings(1, 1, 1))
                .bulkhead(A, BulkheadConfig.custom().maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build())
                .build();

        assertThat(guards.pacer(A)).isSameAs(guards.pacer(A)).isNotSameAs(guards.pacer(B));
        guards.pacer(A).onThrottled(Duration.ofSeconds(30));
        guards.pacer(B).acquire();
        assertThat(sleeper.total()).as("A's throttle does not hold B").isEqualTo(Duration.ZERO);
        guards.pacer(A).acquire();
        assertThat(sleeper.total()).as("A waits out its Retry-After").isEqualTo(Duration.ofSeconds(30));
        assertThat(guards.pacer(B).rate()).isEqualTo(AdaptivePacer.Settings.DEFAULT.initialRate());

        assertThat(guards.bulkhead(A).tryAcquirePermission()).isTrue();
        assertThat(guards.bulkhead(A).tryAcquirePermission()).isFalse();
        assertThat(guards.bulkhead(B).tryAcquirePermission()).isTrue();
        assertThat(guards.bulkhead(B).getBulkheadConfig().getMaxConcurrentCalls()).isEqualTo(16);

        AdaptivePacer old = guards.pacer(A);
        guards.forget(A);
        assertThat(guards.pacer(A)).as("fresh pacer after forget").isNotSameAs(old);
    }
}
