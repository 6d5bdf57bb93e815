package dev.tenantconnect.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.error.NotFoundMaybeReplicatingException;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.testing.FakeSleeper;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PollingConsistencyPolicyTest {
    private static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");
    private final FakeClock clock = FakeClock.atEpoch2026();
    private final FakeSleeper sleeper = new FakeSleeper(clock);
    private final PollingConsistencyPolicy policy = PollingConsistencyPolicy.builder().clock(clock).sleeper(sleeper)
            .build();

    /** Replays sightings: true = visible on that poll. */
    private static Supplier<Optional<String>> replicas(Boolean... seen) {
        Deque<Boolean> q = new ArrayDeque<>(List.of(seen));
        return () -> Boolean.TRUE.equals(q.poll()) ? Optional.of("app") : Optional.empty();
    }

    @Test
    void waits_for_two_consecutive_sightings() {
        String v = policy.awaitVisible(CallContext.idempotent("servicePrincipal", TENANT),
                replicas(false, false, true, true));
        assertThat(v).isEqualTo("app");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500),
                Duration.ofMillis(250));
    }

    @Test
    void a_miss_after_a_sighting_starts_the_count_again() {
        Supplier<Optional<String>> flaky = replicas(true, false, true, false, true, true);
        policy.awaitVisible(CallContext.idempotent("app", TENANT), flaky);
        assertThat(sleeper.sleeps()).hasSize(5);
    }

    @Test
    void gives_up_with_a_replication_error_after_the_polls() {
        PollingConsistencyPolicy p = PollingConsistencyPolicy.builder().clock(clock).sleeper(sleeper).maxPolls(5)
                .build();
        assertThatThrownBy(() -> p.awaitVisible(CallContext.idempotent("roleAssignment", TENANT), Optional::empty))
                .isInstanceOfSatisfying(NotFoundMaybeReplicatingException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(5);
                    assertThat(e.waited()).isEqualTo(sleeper.total());
                    assertThat(e.context().tenant()).contains(TENANT);
                })
                .hasMessageContaining("roleAssignment");
    }

    @Test
    void gives_up_when_the_time_budget_would_be_exceeded() {
        PollingConsistencyPolicy p = PollingConsistencyPolicy.builder().clock(clock).sleeper(sleeper)
                .totalBudget(Duration.ofSeconds(3)).build();
        assertThatThrownBy(() -> p.awaitVisible(CallContext.idempotent("x", TENANT), Optional::empty))
                .isInstanceOf(NotFoundMaybeReplicatingException.class);
        assertThat(sleeper.total()).isLessThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void one_confirmation_can_be_configured() {
        PollingConsistencyPolicy p = PollingConsistencyPolicy.builder().clock(clock).sleeper(sleeper)
                .requiredConfirmations(1).build();
        assertThat(p.awaitVisible(CallContext.idempotent("x", TENANT), replicas(true))).isEqualTo("app");
        assertThat(sleeper.sleeps()).isEmpty();
    }
}
