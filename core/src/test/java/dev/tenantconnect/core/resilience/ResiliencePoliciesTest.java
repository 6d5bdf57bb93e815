package dev.tenantconnect.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.testing.FakeSleeper;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
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
    void each_tenant_gets_its_own_rate_limiter_and_bulkhead() {
        TenantGuards guards = TenantGuards.builder()
                .rateLimit(A, RateLimiterConfig.custom().limitForPeriod(1).limitRefreshPeriod(Duration.ofHours(1))
                        .timeoutDuration(Duration.ZERO).build())
                .bulkhead(A, BulkheadConfig.custom().maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build())
                .build();

        assertThat(guards.rateLimiter(A)).isSameAs(guards.rateLimiter(A)).isNotSameAs(guards.rateLimiter(B));
        assertThat(guards.rateLimiter(A).acquirePermission()).isTrue();
        assertThat(guards.rateLimiter(A).acquirePermission()).as("A is exhausted").isFalse();
        assertThat(guards.rateLimiter(B).acquirePermission()).as("B is unaffected").isTrue();

        assertThat(guards.bulkhead(A).tryAcquirePermission()).isTrue();
        assertThat(guards.bulkhead(A).tryAcquirePermission()).isFalse();
        assertThat(guards.bulkhead(B).tryAcquirePermission()).isTrue();
        assertThat(guards.bulkhead(B).getBulkheadConfig().getMaxConcurrentCalls()).isEqualTo(8);

        guards.forget(A);
        assertThat(guards.rateLimiter(A).acquirePermission()).as("fresh limiter after forget").isTrue();
    }
}
