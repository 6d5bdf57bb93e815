package dev.tenantconnect.core.number;

import dev.tenantconnect.core.error.ValidationException;
import java.util.Objects;
import java.util.Optional;

/**
 * A lifecycle state with its failure reason: failure states always carry one, other states never do.
 *
 * @param state the state
 * @param failureReason why the last step failed, for failure states
 */
public record NumberStatus(NumberState state, Optional<String> failureReason) {

    /** Enforces "a reason exactly for failure states". */
    public NumberStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(failureReason, "failureReason");
        if (state.isFailure() && failureReason.map(String::isBlank).orElse(true)) {
            throw new ValidationException("failureReason", "is required for failure state " + state);
        }
        if (!state.isFailure() && failureReason.isPresent()) {
            throw new ValidationException("failureReason", "is only allowed for failure states, not " + state);
        }
    }

    /**
     * @param state a non-failure state
     * @return the status
     */
    public static NumberStatus of(NumberState state) {
        return new NumberStatus(state, Optional.empty());
    }

    /**
     * @param state a failure state
     * @param reason why
     * @return the status
     */
    public static NumberStatus failed(NumberState state, String reason) {
        return new NumberStatus(state, Optional.of(reason));
    }
}
