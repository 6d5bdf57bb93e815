package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.error.ValidationException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * How {@link UserEnablement#enableAll} runs a batch. Built by name:
 * {@code BatchOptions.builder().concurrency(8).confirmBudget(Duration.ofMinutes(5)).stop(flag::get).build()};
 * {@link #DEFAULT} is 16 in flight, 2 minutes to confirm, never stopped. Immutable; {@link #toBuilder()} copies one.
 */
public final class BatchOptions {
    /** 16 in flight, 2 minutes to confirm, never stopped. */
    public static final BatchOptions DEFAULT = new BatchOptions(16, Duration.ofMinutes(2), () -> false);

    private final int concurrency;
    private final Duration confirmBudget;
    private final BooleanSupplier stop;

    /** Validates: {@code concurrency} 1 to 256, {@code confirmBudget} positive. */
    private BatchOptions(int concurrency, Duration confirmBudget, BooleanSupplier stop) {
        if (concurrency < 1 || concurrency > 256) {
            throw new ValidationException("concurrency", "must be between 1 and 256");
        }
        Objects.requireNonNull(confirmBudget, "confirmBudget");
        if (confirmBudget.isNegative() || confirmBudget.isZero()) {
            throw new ValidationException("confirmBudget", "must be positive");
        }
        this.concurrency = concurrency;
        this.confirmBudget = confirmBudget;
        this.stop = Objects.requireNonNull(stop, "stop");
    }

    /** @return a builder starting from {@link #DEFAULT} */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        return new Builder(concurrency, confirmBudget, stop);
    }

    /** @return how many assignments may be in flight at once */
    public int concurrency() {
        return concurrency;
    }

    /** @return how long an assignment may take to show in the tenant before its item is failed */
    public Duration confirmBudget() {
        return confirmBudget;
    }

    /** @return the stop signal, asked before each assignment is started */
    public BooleanSupplier stop() {
        return stop;
    }

    /**
     * @param value how many assignments may be in flight
     * @return a copy with that concurrency
     */
    public BatchOptions withConcurrency(int value) {
        return toBuilder().concurrency(value).build();
    }

    /**
     * @param value the stop signal
     * @return a copy with that stop signal
     */
    public BatchOptions withStop(BooleanSupplier value) {
        return toBuilder().stop(value).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchOptions b && concurrency == b.concurrency && confirmBudget.equals(b.confirmBudget)
                && stop.equals(b.stop);
    }

    @Override
    public int hashCode() {
        return Objects.hash(concurrency, confirmBudget, stop);
    }

    @Override
    public String toString() {
        return "BatchOptions[concurrency=" + concurrency + ", confirmBudget=" + confirmBudget + "]";
    }

    /** Builds {@link BatchOptions}; validation happens in {@link #build()}. */
    public static final class Builder {
        private int concurrency;
        private Duration confirmBudget;
        private BooleanSupplier stop;

        private Builder(int concurrency, Duration confirmBudget, BooleanSupplier stop) {
            this.concurrency = concurrency;
            this.confirmBudget = confirmBudget;
            this.stop = stop;
        }

        /**
         * @param value how many assignments may be in flight at once (1 to 256)
         * @return this
         */
        public Builder concurrency(int value) {
            this.concurrency = value;
            return this;
        }

        /**
         * @param value how long an assignment may take to show in the tenant before its item is failed (positive)
         * @return this
         */
        public Builder confirmBudget(Duration value) {
            this.confirmBudget = Objects.requireNonNull(value, "confirmBudget");
            return this;
        }

        /**
         * @param value asked before each assignment is started; once true, no further assignment starts
         * @return this
         */
        public Builder stop(BooleanSupplier value) {
            this.stop = Objects.requireNonNull(value, "stop");
            return this;
        }

        /**
         * @return the options
         * @throws ValidationException naming the field out of range
         */
        public BatchOptions build() {
            return new BatchOptions(concurrency, confirmBudget, stop);
        }
    }
}
