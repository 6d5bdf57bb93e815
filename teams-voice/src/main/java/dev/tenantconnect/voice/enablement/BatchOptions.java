package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.error.ValidationException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * How {@link UserEnablement#enableAll} runs a batch.
 *
 * @param concurrency how many assignments may be in flight at once (the tenant's pacer still sets the rate)
 * @param confirmBudget how long an assignment may take to show in the tenant before its item is failed
 * @param stop asked before each assignment is started; once true, no further assignment starts (those in flight
 *     are still confirmed) and the items not started get no result
 */
public record BatchOptions(int concurrency, Duration confirmBudget, BooleanSupplier stop) {
    /** 16 in flight, 2 minutes to confirm, never stopped. */
    public static final BatchOptions DEFAULT = new BatchOptions(16, Duration.ofMinutes(2), () -> false);

    /** Validates. */
    public BatchOptions {
        if (concurrency < 1 || concurrency > 256) {
            throw new ValidationException("concurrency", "must be between 1 and 256");
        }
        Objects.requireNonNull(confirmBudget, "confirmBudget");
        if (confirmBudget.isNegative() || confirmBudget.isZero()) {
            throw new ValidationException("confirmBudget", "must be positive");
        }
        Objects.requireNonNull(stop, "stop");
    }

    /**
     * @param value how many assignments may be in flight
     * @return a copy with that concurrency
     */
    public BatchOptions withConcurrency(int value) {
        return new BatchOptions(value, confirmBudget, stop);
    }

    /**
     * @param value the stop signal
     * @return a copy with that stop signal
     */
    public BatchOptions withStop(BooleanSupplier value) {
        return new BatchOptions(concurrency, confirmBudget, value);
    }
}
