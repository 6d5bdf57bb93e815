package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.model.PhoneNumber;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one number of an upload or a release.
 *
 * @param number the number
 * @param problem empty when it worked; otherwise why not (the inventory was left consistent)
 */
public record NumberOutcome(PhoneNumber number, Optional<String> problem) {
    /** Rejects nulls. */
    public NumberOutcome {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(problem, "problem");
    }

    /** @return whether it worked */
    public boolean succeeded() {
        return problem.isEmpty();
    }

    @Override
    public String toString() {
        return "NumberOutcome[" + number.redacted() + ", " + problem.orElse("ok") + "]";
    }
}
