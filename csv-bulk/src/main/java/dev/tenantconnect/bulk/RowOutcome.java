package dev.tenantconnect.bulk;

import dev.tenantconnect.core.model.PhoneNumber;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The final word on one row, as the results file writes it. Built by name ({@link #builder(long, RowStatus)}), so a
 * field added later breaks no caller.
 */
public final class RowOutcome {
    private final long line;
    private final RowStatus status;
    private final Optional<PhoneNumber> number;
    private final Optional<UUID> user;
    private final String error;
    private final String remediation;

    private RowOutcome(Builder b) {
        this.line = b.line;
        this.status = Objects.requireNonNull(b.status, "status");
        this.number = Optional.ofNullable(b.number);
        this.user = Optional.ofNullable(b.user);
        this.error = b.error;
        this.remediation = b.remediation;
    }

    /**
     * @param line the row's file line
     * @param status done, skipped, failed or pending
     * @return a builder without number, user, error or remediation
     */
    public static Builder builder(long line, RowStatus status) {
        return new Builder(line, status);
    }

    /** @return a builder holding this outcome */
    public Builder toBuilder() {
        Builder b = new Builder(line, status).error(error).remediation(remediation);
        b.number = number.orElse(null);
        b.user = user.orElse(null);
        return b;
    }

    /** @return the row's file line */
    public long line() {
        return line;
    }

    /** @return done, skipped, failed or pending */
    public RowStatus status() {
        return status;
    }

    /** @return the number the extension holds, if any */
    public Optional<PhoneNumber> number() {
        return number;
    }

    /** @return the user's object ID, if resolved */
    public Optional<UUID> user() {
        return user;
    }

    /** @return why it failed (empty otherwise) */
    public String error() {
        return error;
    }

    /** @return what to do about it (empty otherwise) */
    public String remediation() {
        return remediation;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowOutcome r && line == r.line && status == r.status && number.equals(r.number)
                && user.equals(r.user) && error.equals(r.error) && remediation.equals(r.remediation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(line, status, number, user, error, remediation);
    }

    @Override
    public String toString() {
        return "RowOutcome[line " + line + ", " + status.text() + "]";
    }

    /** Builds a {@link RowOutcome}. */
    public static final class Builder {
        private final long line;
        private final RowStatus status;
        private PhoneNumber number;
        private UUID user;
        private String error = "";
        private String remediation = "";

        private Builder(long line, RowStatus status) {
            this.line = line;
            this.status = status;
        }

        /**
         * @param value the number the extension holds
         * @return this
         */
        public Builder number(PhoneNumber value) {
            this.number = Objects.requireNonNull(value, "number");
            return this;
        }

        /**
         * @param value the user's object ID
         * @return this
         */
        public Builder user(UUID value) {
            this.user = Objects.requireNonNull(value, "user");
            return this;
        }

        /**
         * @param value why the row failed (default: empty)
         * @return this
         */
        public Builder error(String value) {
            this.error = Objects.requireNonNull(value, "error");
            return this;
        }

        /**
         * @param value what to do about it (default: empty)
         * @return this
         */
        public Builder remediation(String value) {
            this.remediation = Objects.requireNonNull(value, "remediation");
            return this;
        }

        /** @return the outcome */
        public RowOutcome build() {
            return new RowOutcome(this);
        }
    }
}
