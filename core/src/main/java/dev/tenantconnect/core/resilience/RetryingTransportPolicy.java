package dev.tenantconnect.core.resilience;

import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.error.ThrottledException;
import dev.tenantconnect.core.error.TransportException;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default transport policy, on Resilience4j {@link Retry}: retries HTTP 429, 503 and 504 always; 500 and 502
 * and network failures only for idempotent calls (or when the request never left); honours {@code Retry-After}
 * (seconds or HTTP-date); otherwise waits with exponential backoff and full jitter. Bounded by attempts and by a
 * total time budget; a wait the server demands beyond the budget surfaces at once as {@link ThrottledException}
 * carrying that wait, instead of blocking.
 *
 * <p>Defaults: 6 attempts, 500 ms base delay, 30 s cap per wait, 2 min total budget. Resilience4j counts the
 * attempts, classifies errors and publishes retry events and metrics ({@link #retry(boolean)}); the waiting itself
 * goes through the injected {@link Sleeper}, measured against the injected {@link Clock}.
 */
public final class RetryingTransportPolicy implements TransportPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingTransportPolicy.class);
    private static final Set<Integer> ALWAYS = Set.of(429, 503, 504);
    private static final Set<Integer> IDEMPOTENT_ONLY = Set.of(500, 502);

    private final Retry idempotentRetry;
    private final Retry nonIdempotentRetry;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration totalBudget;
    private final int maxAttempts;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    private RetryingTransportPolicy(Builder b) {
        this.baseDelay = b.baseDelay;
        this.maxDelay = b.maxDelay;
        this.totalBudget = b.totalBudget;
        this.maxAttempts = b.maxAttempts;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.random = b.random;
        this.idempotentRetry = Retry.of(b.name + "-idempotent", config(true));
        this.nonIdempotentRetry = Retry.of(b.name + "-non-idempotent", config(false));
    }

    private RetryConfig config(boolean idempotent) {
        return RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .retryOnException(t -> isRetryable(t, idempotent))
                .intervalBiFunction((IntervalBiFunction<Object>) this::interval)
                .failAfterMaxAttempts(false)
                .build();
    }

    /** @return a builder with the documented defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a policy with the documented defaults, the system clock and real sleeping */
    public static RetryingTransportPolicy defaults() {
        return builder().build();
    }

    /**
     * Whether a failure is worth another attempt.
     *
     * @param t the failure
     * @param idempotent whether the call may be repeated safely
     * @return the decision
     */
    static boolean isRetryable(Throwable t, boolean idempotent) {
        if (t instanceof ServiceException s) {
            int status = s.status();
            return ALWAYS.contains(status) || (idempotent && IDEMPOTENT_ONLY.contains(status));
        }
        if (t instanceof TransportException x) {
            return idempotent || !x.requestMayHaveBeenSent();
        }
        return false;
    }

    private long interval(Integer attempt, Either<Throwable, Object> outcome) {
        if (outcome.isLeft() && outcome.getLeft() instanceof ServiceException s && s.retryAfter().isPresent()) {
            return s.retryAfter().get().toMillis();
        }
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
        return cap <= 0 ? 0 : random.nextLong(cap + 1);
    }

    @Override
    public <T> T execute(CallContext context, Supplier<T> call) {
        Retry retry = retry(context.idempotent());
        Retry.AsyncContext<Object> attempts = retry.asyncContext();
        Instant deadline = clock.instant().plus(totalBudget);
        while (true) {
            T result;
            try {
                result = call.get();
            } catch (RuntimeException e) {
                long delayMillis = attempts.onError(e);
                if (delayMillis < 0) {
                    throw e;
                }
                Duration wait = Duration.ofMillis(delayMillis);
                if (clock.instant().plus(wait).isAfter(deadline)) {
                    throw budgetExhausted(context, e, wait);
                }
                LOG.debug("{}: retrying after {} ms ({})", context.operation(), delayMillis, e.getClass().getSimpleName());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    e.addSuppressed(ie);
                    throw e;
                }
                continue;
            }
            attempts.onComplete();
            return result;
        }
    }

    private RuntimeException budgetExhausted(CallContext context, RuntimeException last, Duration wait) {
        if (last instanceof ServiceException s && (s.status() == 429 || s.retryAfter().isPresent())) {
            ErrorContext ec = s.context();
            if (ec.tenant().isEmpty() && context.tenant().isPresent()) {
                ec = ec.withTenant(context.tenant().get());
            }
            return new ThrottledException(context.operation() + " throttled; the service asked to wait "
                    + wait.toMillis() + " ms, beyond the retry budget of " + totalBudget.toMillis() + " ms", ec,
                    Optional.of(s.retryAfter().orElse(wait)), last);
        }
        return last;
    }

    /**
     * The Resilience4j retry behind calls of one kind, for events and metrics
     * ({@code getEventPublisher()}, {@code getMetrics()}).
     *
     * @param idempotent which kind of call
     * @return the retry instance
     */
    public Retry retry(boolean idempotent) {
        return idempotent ? idempotentRetry : nonIdempotentRetry;
    }

    @Override
    public String toString() {
        return "RetryingTransportPolicy[maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", maxDelay="
                + maxDelay + ", totalBudget=" + totalBudget + "]";
    }

    /** Configures a {@link RetryingTransportPolicy}. */
    public static final class Builder {
        private String name = "transport";
        private int maxAttempts = 6;
        private Duration baseDelay = Duration.ofMillis(500);
        private Duration maxDelay = Duration.ofSeconds(30);
        private Duration totalBudget = Duration.ofMinutes(2);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private RandomGenerator random = RandomGenerator.getDefault();

        private Builder() {
        }

        /**
         * @param value the name of the Resilience4j retries (suffixed {@code -idempotent}/{@code -non-idempotent})
         * @return this builder
         */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /**
         * @param value total attempts including the first, 1 to 50
         * @return this builder
         */
        public Builder maxAttempts(int value) {
            if (value < 1 || value > 50) {
                throw new IllegalArgumentException("maxAttempts must be 1..50");
            }
            this.maxAttempts = value;
            return this;
        }

        /**
         * @param value the first backoff cap; doubled per attempt
         * @return this builder
         */
        public Builder baseDelay(Duration value) {
            this.baseDelay = positive(value, "baseDelay");
            return this;
        }

        /**
         * @param value the largest backoff wait (a server's {@code Retry-After} is not capped by this)
         * @return this builder
         */
        public Builder maxDelay(Duration value) {
            this.maxDelay = positive(value, "maxDelay");
            return this;
        }

        /**
         * @param value the total time one call may spend waiting between attempts
         * @return this builder
         */
        public Builder totalBudget(Duration value) {
            this.totalBudget = positive(value, "totalBudget");
            return this;
        }

        /**
         * @param value the clock that measures the budget
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param value how to wait
         * @return this builder
         */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /**
         * @param value the jitter source (seed it in tests)
         * @return this builder
         */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return d;
        }

        /** @return the policy */
        public RetryingTransportPolicy build() {
            return new RetryingTransportPolicy(this);
        }
    }
}
