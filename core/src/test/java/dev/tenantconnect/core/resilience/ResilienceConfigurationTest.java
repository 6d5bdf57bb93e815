package dev.tenantconnect.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.testing.FakeSleeper;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each policy's builder accepts, refuses and hands back; and the defaults an operator gets. */
class ResilienceConfigurationTest {
    private static final TenantId A = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");
    private static final TenantId B = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000002");

    @Test
    void every_builder_method_returns_the_builder_so_a_whole_configuration_reads_as_one_chain() {
        FakeClock clock = FakeClock.atEpoch2026();
        FakeSleeper sleeper = new FakeSleeper(clock);
        RetryingTransportPolicy transport = RetryingTransportPolicy.builder().name("t").maxAttempts(3)
                .baseDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(100)).totalBudget(Duration.ofSeconds(1))
                .clock(clock).sleeper(sleeper).build();
        PollingConsistencyPolicy consistency = PollingConsistencyPolicy.builder().name("c").maxPolls(5)
                .requiredConfirmations(1).initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(20))
                .confirmationDelay(Duration.ofMillis(5)).totalBudget(Duration.ofSeconds(1)).clock(clock)
                .sleeper(sleeper).build();
        TenantGuards guards = TenantGuards.builder(clock, sleeper)
                .defaultPacing(new AdaptivePacer.Settings(7, 1, 70))
                .defaultBulkhead(BulkheadConfig.custom().maxConcurrentCalls(3).build())
                .pacing(B, new AdaptivePacer.Settings(9, 1, 90)).build();
        ResiliencePolicies policies = ResiliencePolicies.builder(clock, sleeper).transport(transport)
                .consistency(consistency).guards(guards).build();
        assertThat(policies.transportFor(A)).isSameAs(transport);
        assertThat(policies.consistencyFor(A)).isSameAs(consistency);
        assertThat(policies.guards()).isSameAs(guards);
        assertThat(guards.pacer(A).rate()).as("the default pacing").isEqualTo(7);
        assertThat(guards.pacer(B).rate()).as("B's own").isEqualTo(9);
        assertThat(guards.bulkhead(A).getBulkheadConfig().getMaxConcurrentCalls()).isEqualTo(3);
        assertThat(guards.size()).isEqualTo(2);
        assertThat(transport).hasToString("RetryingTransportPolicy[maxAttempts=3, baseDelay=PT0.01S, "
                + "maxDelay=PT0.1S, totalBudget=PT1S]");
        assertThat(consistency).hasToString("PollingConsistencyPolicy[confirmations=1, budget=PT1S]");
    }

    @Test
    void the_defaults_are_there_without_configuring_anything() {
        ResiliencePolicies defaults = ResiliencePolicies.defaults();
        assertThat(defaults.transportFor(A)).isInstanceOf(RetryingTransportPolicy.class);
        assertThat(defaults.consistencyFor(A)).isInstanceOf(PollingConsistencyPolicy.class);
        assertThat(defaults.guards().pacer(A).rate()).isEqualTo(AdaptivePacer.Settings.DEFAULT.initialRate());
        assertThat(TenantGuards.builder().build().size()).isZero();
        assertThat(RetryingTransportPolicy.defaults()).hasToString("RetryingTransportPolicy[maxAttempts=6, "
                + "baseDelay=PT0.5S, maxDelay=PT30S, totalBudget=PT2M]");
    }

    @Test
    void out_of_range_counts_are_refused_at_the_bounds() {
        assertThatThrownBy(() -> RetryingTransportPolicy.builder().maxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> RetryingTransportPolicy.builder().maxAttempts(51))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RetryingTransportPolicy.builder().maxAttempts(1).maxAttempts(50)).isNotNull();
        assertThatThrownBy(() -> PollingConsistencyPolicy.builder().maxPolls(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPolls");
        assertThatThrownBy(() -> PollingConsistencyPolicy.builder().maxPolls(1_001))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PollingConsistencyPolicy.builder().maxPolls(1).maxPolls(1_000)).isNotNull();
        assertThatThrownBy(() -> new AdaptivePacer.Settings(1, 2, 3)).hasMessageContaining("minRate");
        assertThat(new AdaptivePacer.Settings(2, 2, 2).initialRate()).as("all equal is allowed").isEqualTo(2);
    }

    @Test
    void without_retries_a_call_runs_once_and_its_answer_comes_back() throws InterruptedException {
        int[] calls = new int[1];
        String answer = TransportPolicy.noRetry().execute(CallContext.idempotent("read", A), () -> {
            calls[0]++;
            return "ok";
        });
        assertThat(answer).isEqualTo("ok");
        assertThat(calls[0]).isOne();
        Sleeper.system().sleep(Duration.ZERO);
        Sleeper.system().sleep(Duration.ofMillis(-5));
        assertThat(Optional.of(Sleeper.system())).isPresent();
    }
}
