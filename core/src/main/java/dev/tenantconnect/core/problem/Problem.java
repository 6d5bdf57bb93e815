package dev.tenantconnect.core.problem;

import java.util.Objects;

/**
 * One problem: its code, the field (or input) it concerns, and a message naming the rule.
 *
 * @param code what kind of problem, to act on in code
 * @param field the field or input concerned, e.g. {@code addonCodes}, {@code user}, {@code number}
 * @param message what is wrong, in words an operator can act on
 */
public record Problem(ProblemCode code, String field, String message) {
    /** Rejects nulls and blanks. */
    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        if (field.isBlank() || message.isBlank()) {
            throw new IllegalArgumentException("field and message must not be blank");
        }
    }

    /**
     * @param code what kind of problem
     * @param field the field concerned
     * @param message what is wrong
     * @return the problem
     */
    public static Problem of(ProblemCode code, String field, String message) {
        return new Problem(code, field, message);
    }

    @Override
    public String toString() {
        return code + " " + field + ": " + message;
    }
}
