package dev.tenantconnect.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.error.ThrottledException;
import dev.tenantconnect.core.error.TransportException;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.testing.FakeSleeper;
import java.net.ConnectException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryingTransportPolicyTest {
    private static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");
    private final FakeClock clock = FakeClock.atEpoch2026();
    private final FakeSleeper sleeper = new FakeSleeper(clock);
    private final RetryingTransportPolicy policy = RetryingTransportPolicy.builder().clock(clock).sleeper(sleeper)
            .random(new SplittableRandom(42)).build();

    private static ServiceException status(int status, Duration retryAfter) {
        return new ServiceException("HTTP " + status, ErrorContext.http(status, "code", "req-1"),
                Optional.ofNullable(retryAfter), null);
    }

    /** A call that fails with the given exceptions in turn, then returns "ok". */
    private static final class Scripted implements Supplier<String> {
        final Deque<RuntimeException> failures;
        final AtomicInteger calls = new AtomicInteger();

        Scripted(RuntimeException... failures) {
            this.failures = new ArrayDeque<>(List.of(failures));
        }

        @Override
        public String get() {
            calls.incrementAndGet();
            RuntimeException next = failures.poll();
            if (next != null) {
                throw next;
            }
            return "ok";
        }
    }

    @Test
    void honours_retry_after_in_seconds_exactly() {
        Scripted call = new Scripted(status(429, Duration.ofSeconds(7)), status(429, Duration.ofSeconds(3)));

        assertThat(policy.execute(CallContext.nonIdempotent("graph.assignNumber", TENANT), call)).isEqualTo("ok");

        assertThat(call.calls).hasValue(3);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(3));
    }

    @Test
    void honours_retry_after_as_an_http_date() {
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(12).atZone(ZoneOffset.UTC));
        Duration parsed = RetryAfter.parse(at, clock).orElseThrow();
        assertThat(parsed).isEqualTo(Duration.ofSeconds(12));
        assertThat(RetryAfter.parse("15", clock)).contains(Duration.ofSeconds(15));
        assertThat(RetryAfter.parse("soon", clock)).isEmpty();
        assertThat(RetryAfter.parse(null, clock)).isEmpty();
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().minusSeconds(5).atZone(ZoneOffset.UTC));
        assertThat(RetryAfter.parse(past, clock)).contains(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 503, 504})
    void retries_throttling_and_unavailability_for_any_call(int code) {
        Scripted call = new Scripted(status(code, null));
        assertThat(policy.execute(CallContext.nonIdempotent("op", TENANT), call)).isEqualTo("ok");
        assertThat(call.calls).hasValue(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502})
    void retries_server_errors_only_for_idempotent_calls(int code) {
        Scripted idempotent = new Scripted(status(code, null));
        assertThat(policy.execute(CallContext.idempotent("op", TENANT), idempotent)).isEqualTo("ok");

        Scripted write = new Scripted(status(code, null));
        assertThatThrownBy(() -> policy.execute(CallContext.nonIdempotent("op", TENANT), write))
                .isInstanceOf(ServiceException.class);
        assertThat(write.calls).hasValue(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409})
    void never_retries_client_errors(int code) {
        Scripted call = new Scripted(status(code, null));
        assertThatThrownBy(() -> policy.execute(CallContext.idempotent("op", TENANT), call))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.status()).isEqualTo(code));
        assertThat(call.calls).hasValue(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void a_write_that_may_have_reached_the_server_is_not_repeated_blindly() {
        TransportException reset = new TransportException("connection reset", ErrorContext.none(), true,
                new java.io.IOException("reset"));
        TransportException refused = new TransportException("connection refused", ErrorContext.none(), false,
                new ConnectException("refused"));

        Scripted write = new Scripted(reset);
        assertThatThrownBy(() -> policy.execute(CallContext.nonIdempotent("op", TENANT), write)).isSameAs(reset);

        Scripted writeNeverSent = new Scripted(refused);
        assertThat(policy.execute(CallContext.nonIdempotent("op", TENANT), writeNeverSent)).isEqualTo("ok");

        Scripted read = new Scripted(reset, reset);
        assertThat(policy.execute(CallContext.idempotent("op", TENANT), read)).isEqualTo("ok");
    }

    @Test
    void stops_after_the_configured_attempts_and_rethrows_the_last_failure() {
        ServiceException last = status(503, null);
        Scripted call = new Scripted(status(503, null), status(503, null), status(503, null), status(503, null),
                status(503, null), last, status(503, null));
        assertThatThrownBy(() -> policy.execute(CallContext.idempotent("op", TENANT), call)).isSameAs(last);
        assertThat(call.calls).hasValue(6);
        assertThat(sleeper.sleeps()).hasSize(5);
    }

    @Test
    void a_demanded_wait_beyond_the_budget_surfaces_at_once_as_throttling_with_the_wait() {
        RetryingTransportPolicy p = RetryingTransportPolicy.builder().clock(clock).sleeper(sleeper)
                .totalBudget(Duration.ofSeconds(60)).build();
        Scripted call = new Scripted(status(429, Duration.ofSeconds(300)));

        assertThatThrownBy(() -> p.execute(CallContext.idempotent("graph.users.list", TENANT), call))
                .isInstanceOfSatisfying(ThrottledException.class, e -> {
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(300));
                    assertThat(e.context().tenant()).contains(TENANT);
                    assertThat(e.context().requestId()).contains("req-1");
                })
                .hasMessageContaining("graph.users.list throttled");
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void backoff_uses_full_jitter_below_an_exponential_cap() {
        qt().withExamples(200).forAll(longs().between(0, Long.MAX_VALUE), integers().between(1, 5))
                .checkAssert((seed, failures) -> {
                    FakeClock c = FakeClock.atEpoch2026();
                    FakeSleeper s = new FakeSleeper(c);
                    RetryingTransportPolicy p = RetryingTransportPolicy.builder().clock(c).sleeper(s)
                            .random(new SplittableRandom(seed)).baseDelay(Duration.ofMillis(500))
                            .maxDelay(Duration.ofSeconds(4)).build();
                    RuntimeException[] fails = new RuntimeException[failures];
                    java.util.Arrays.fill(fails, status(503, null));
                    p.execute(CallContext.idempotent("op", TENANT), new Scripted(fails));
                    List<Duration> waits = s.sleeps();
                    assertThat(waits).hasSize(failures);
                    for (int i = 0; i < waits.size(); i++) {
                        long cap = Math.min(4000, 500L << i);
                        assertThat(waits.get(i).toMillis()).isBetween(0L, cap);
                    }
                });
    }

    @Test
    void resilience4j_metrics_count_the_retries() {
        policy.execute(CallContext.idempotent("op", TENANT), new Scripted(status(503, null)));
        policy.execute(CallContext.idempotent("op", TENANT), new Scripted());

        assertThat(policy.retry(true).getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
        assertThat(policy.retry(true).getMetrics().getNumberOfSuccessfulCallsWithoutRetryAttempt()).isEqualTo(1);
    }

    @Test
    void an_interrupt_while_waiting_stops_retrying_and_keeps_the_flag() {
        RetryingTransportPolicy p = RetryingTransportPolicy.builder().clock(clock).sleeper(d -> {
            throw new InterruptedException();
        }).build();
        ServiceException failure = status(503, null);
        try {
            assertThatThrownBy(() -> p.execute(CallContext.idempotent("op", TENANT), new Scripted(failure)))
                    .isSameAs(failure);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
