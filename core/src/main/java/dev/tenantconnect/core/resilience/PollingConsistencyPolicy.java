package dev.tenantconnect.core.resilience;

import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.NotFoundMaybeReplicatingException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link ConsistencyPolicy}, on Resilience4j {@link Retry}: polls with exponential backoff
 * (defaults: 250 ms doubling to at most 4 s, 20 polls, 60 s budget) until the object has been seen on
 * {@code requiredConfirmations} consecutive polls (default 2) — one lucky read from a fresh replica is not enough,
 * because the next read may hit a stale one. A miss after a hit resets the count. Waiting goes through the injected
 * {@link Sleeper} and {@link Clock}.
 */
public final class PollingConsistencyPolicy implements ConsistencyPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(PollingConsistencyPolicy.class);

    private record Observation(boolean seen, int consecutive) {
    }

    private final Retry retry;
    private final int requiredConfirmations;
    private final Duration confirmationDelay;
    private final Duration totalBudget;
    private final Clock clock;
    private final Sleeper sleeper;

    private PollingConsistencyPolicy(Builder b) {
        this.requiredConfirmations = b.requiredConfirmations;
        this.confirmationDelay = b.confirmationDelay;
        this.totalBudget = b.totalBudget;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        int confirmations = requiredConfirmations;
        RetryConfig config = RetryConfig.<Observation>custom()
                .maxAttempts(b.maxPolls)
                .retryOnResult(o -> o.consecutive() < confirmations)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(b.initialDelay, 2.0, b.maxDelay))
                .failAfterMaxAttempts(false)
                .build();
        this.retry = Retry.of(b.name, config);
    }

    /** @return a builder with the documented defaults */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public <T> T awaitVisible(CallContext context, Supplier<Optional<T>> probe) {
        Retry.AsyncContext<Observation> polls = retry.asyncContext();
        Instant start = clock.instant();
        Instant deadline = start.plus(totalBudget);
        int consecutive = 0;
        int attempts = 0;
        Duration waited = Duration.ZERO;
        while (true) {
            attempts++;
            Optional<T> value = probe.get();
            consecutive = value.isPresent() ? consecutive + 1 : 0;
            if (consecutive >= requiredConfirmations) {
                polls.onComplete();
                return value.get();
            }
            long delay = polls.onResult(new Observation(value.isPresent(), consecutive));
            Duration wait = value.isPresent() ? confirmationDelay : Duration.ofMillis(Math.max(delay, 0));
            if (delay < 0 || clock.instant().plus(wait).isAfter(deadline)) {
                ErrorContext ec = context.tenant().map(ErrorContext::forTenant).orElseGet(ErrorContext::none);
                throw new NotFoundMaybeReplicatingException(context.operation(), ec, attempts, waited);
            }
            LOG.debug("{}: not yet confirmed ({} of {}), polling again in {} ms", context.operation(), consecutive,
                    requiredConfirmations, wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ErrorContext ec = context.tenant().map(ErrorContext::forTenant).orElseGet(ErrorContext::none);
                throw new NotFoundMaybeReplicatingException(context.operation() + " (interrupted)", ec, attempts,
                        waited);
            }
            waited = waited.plus(wait);
        }
    }

    /** @return the Resilience4j retry that counts polls, for events and metrics */
    public Retry retry() {
        return retry;
    }

    @Override
    public String toString() {
        return "PollingConsistencyPolicy[confirmations=" + requiredConfirmations + ", budget=" + totalBudget + "]";
    }

    /** Configures a {@link PollingConsistencyPolicy}. */
    public static final class Builder {
        private String name = "consistency";
        private int maxPolls = 20;
        private int requiredConfirmations = 2;
        private Duration initialDelay = Duration.ofMillis(250);
        private Duration maxDelay = Duration.ofSeconds(4);
        private Duration confirmationDelay = Duration.ofMillis(250);
        private Duration totalBudget = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();

        private Builder() {
        }

        /**
         * @param value the Resilience4j retry name
         * @return this builder
         */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /**
         * @param value the most polls, 1 to 1000
         * @return this builder
         */
        public Builder maxPolls(int value) {
            if (value < 1 || value > 1000) {
                throw new IllegalArgumentException("maxPolls must be 1..1000");
            }
            this.maxPolls = value;
            return this;
        }

        /**
         * @param value consecutive sightings required, at least 1
         * @return this builder
         */
        public Builder requiredConfirmations(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("requiredConfirmations must be at least 1");
            }
            this.requiredConfirmations = value;
            return this;
        }

        /**
         * @param value the first wait after a miss; doubles per poll
         * @return this builder
         */
        public Builder initialDelay(Duration value) {
            this.initialDelay = Objects.requireNonNull(value, "initialDelay");
            return this;
        }

        /**
         * @param value the longest wait after a miss
         * @return this builder
         */
        public Builder maxDelay(Duration value) {
            this.maxDelay = Objects.requireNonNull(value, "maxDelay");
            return this;
        }

        /**
         * @param value the wait between confirming sightings
         * @return this builder
         */
        public Builder confirmationDelay(Duration value) {
            this.confirmationDelay = Objects.requireNonNull(value, "confirmationDelay");
            return this;
        }

        /**
         * @param value the total time spent waiting
         * @return this builder
         */
        public Builder totalBudget(Duration value) {
            this.totalBudget = Objects.requireNonNull(value, "totalBudget");
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

        /** @return the policy */
        public PollingConsistencyPolicy build() {
            if (maxPolls < requiredConfirmations) {
                throw new IllegalArgumentException("maxPolls must be at least requiredConfirmations");
            }
            return new PollingConsistencyPolicy(this);
        }
    }
}
