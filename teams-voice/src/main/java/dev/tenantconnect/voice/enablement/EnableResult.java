package dev.tenantconnect.voice.enablement;

import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.problem.Problem;
import dev.tenantconnect.core.problem.ProblemCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The outcome of enabling (or disabling) a user: which step failed and every problem, typed — or what was done.
 * Built with {@link #builder()}; {@link #toBuilder()} copies one to change a field. Its {@code toString()} shows the
 * problems (codes, fields and messages) and redacts the number.
 */
public final class EnableResult {
    private final boolean succeeded;
    private final Optional<Step> failedStep;
    private final List<Problem> problems;
    private final Optional<UUID> user;
    private final Optional<PhoneNumber> number;
    private final Optional<String> operationId;
    private final boolean converged;
    private final List<String> warnings;

    private EnableResult(Builder b) {
        this.succeeded = b.failedStep == null && b.problems.isEmpty();
        this.failedStep = Optional.ofNullable(b.failedStep);
        this.problems = List.copyOf(b.problems);
        this.user = Optional.ofNullable(b.user);
        this.number = Optional.ofNullable(b.number);
        this.operationId = Optional.ofNullable(b.operationId);
        this.converged = b.converged;
        this.warnings = List.copyOf(b.warnings);
    }

    /** @return a builder for a success; set {@link Builder#failed} (and problems) for a failure */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this result's fields */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.failedStep = failedStep.orElse(null);
        b.problems.addAll(problems);
        b.user = user.orElse(null);
        b.number = number.orElse(null);
        b.operationId = operationId.orElse(null);
        b.converged = converged;
        b.warnings.addAll(warnings);
        return b;
    }

    /** @return whether the user is enabled (or disabled) now */
    public boolean succeeded() {
        return succeeded;
    }

    /** @return the step that failed, if any */
    public Optional<Step> failedStep() {
        return failedStep;
    }

    /** @return every problem found (all preflight problems at once; otherwise the failure and its compensation) */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * @param code a problem code
     * @return whether a problem of this code was found
     */
    public boolean has(ProblemCode code) {
        return problems.stream().anyMatch(p -> p.code() == code);
    }

    /** @return the user's object ID, once known */
    public Optional<UUID> user() {
        return user;
    }

    /** @return the number, once chosen */
    public Optional<PhoneNumber> number() {
        return number;
    }

    /** @return the Teams operation ID, once started (to resume waiting) */
    public Optional<String> operationId() {
        return operationId;
    }

    /** @return whether the work had already been done (a re-run found it applied) */
    public boolean converged() {
        return converged;
    }

    /** @return what did not stop the work but deserves attention (e.g. a licence assigned minutes ago) */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnableResult r && succeeded == r.succeeded && converged == r.converged
                && failedStep.equals(r.failedStep) && problems.equals(r.problems) && user.equals(r.user)
                && number.equals(r.number) && operationId.equals(r.operationId) && warnings.equals(r.warnings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(succeeded, failedStep, problems, user, number, operationId, converged, warnings);
    }

    @Override
    public String toString() {
        return "EnableResult[" + (succeeded ? "succeeded" + (converged ? " (already done)" : "")
                : "failed at " + failedStep.map(Step::name).orElse("-")) + ", number="
                + number.map(PhoneNumber::redacted).orElse("-")
                + (problems.isEmpty() ? "" : ", problems=" + problems.stream().map(Problem::toString)
                        .collect(Collectors.joining("; ", "[", "]")))
                + (warnings.isEmpty() ? "" : ", warnings=" + warnings) + "]";
    }

    /** Configures an {@link EnableResult}. */
    public static final class Builder {
        private Step failedStep;
        private final List<Problem> problems = new ArrayList<>();
        private UUID user;
        private PhoneNumber number;
        private String operationId;
        private boolean converged;
        private final List<String> warnings = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param step the step that failed (the result is a failure)
         * @return this
         */
        public Builder failed(Step step) {
            this.failedStep = Objects.requireNonNull(step);
            return this;
        }

        /**
         * @param value a problem (the result is a failure)
         * @return this
         */
        public Builder problem(Problem value) {
            this.problems.add(Objects.requireNonNull(value));
            return this;
        }

        /**
         * @param values problems (the result is a failure when there is one)
         * @return this
         */
        public Builder problems(List<Problem> values) {
            values.forEach(this::problem);
            return this;
        }

        /**
         * @param value the user's object ID
         * @return this
         */
        public Builder user(UUID value) {
            this.user = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the user's object ID, if known
         * @return this
         */
        public Builder user(Optional<UUID> value) {
            this.user = value.orElse(null);
            return this;
        }

        /**
         * @param value the number
         * @return this
         */
        public Builder number(PhoneNumber value) {
            this.number = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the number, if chosen
         * @return this
         */
        public Builder number(Optional<PhoneNumber> value) {
            this.number = value.orElse(null);
            return this;
        }

        /**
         * @param value the Teams operation ID, if one was started
         * @return this
         */
        public Builder operationId(Optional<String> value) {
            this.operationId = value.orElse(null);
            return this;
        }

        /**
         * @param value whether the work had already been done
         * @return this
         */
        public Builder converged(boolean value) {
            this.converged = value;
            return this;
        }

        /**
         * @param values warnings to add
         * @return this
         */
        public Builder warnings(List<String> values) {
            this.warnings.addAll(values);
            return this;
        }

        /** @return the result */
        public EnableResult build() {
            if (failedStep == null && !problems.isEmpty()) {
                throw new IllegalStateException("a result with problems names the step that failed");
            }
            return new EnableResult(this);
        }
    }
}
