package dev.tenantconnect.core.number;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded move of a number: who moved it, when, from where to where, and why. The history of these answers
 * "what happened to this number".
 *
 * @param from the state before
 * @param to the state after
 * @param at when
 * @param actor who or what (a user name, a job ID, {@code replication})
 * @param reason why, in words
 * @param forced whether an operator forced the move outside the transition table
 */
public record NumberTransition(NumberState from, NumberState to, Instant at, String actor, String reason,
        boolean forced) {
    /** Rejects nulls and blank actors. */
    public NumberTransition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        if (actor.isBlank()) {
            throw new IllegalArgumentException("actor must not be blank");
        }
    }
}
