package dev.tenantconnect.bulk;

import dev.tenantconnect.core.model.PhoneNumber;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the plan says about one row. Built by name ({@link #builder(BulkRow, Action)}), so a field added later breaks
 * no caller.
 */
public final class PlannedRow {
    private final BulkRow row;
    private final Action action;
    private final List<Operation> operations;
    private final Optional<UUID> user;
    private final Optional<PhoneNumber> number;
    private final List<RowProblem> problems;
    private final List<String> notes;

    private PlannedRow(Builder b) {
        this.row = Objects.requireNonNull(b.row, "row");
        this.action = Objects.requireNonNull(b.action, "action");
        this.operations = List.copyOf(b.operations);
        this.user = Optional.ofNullable(b.user);
        this.number = Optional.ofNullable(b.number);
        this.problems = List.copyOf(b.problems);
        this.notes = List.copyOf(b.notes);
        if ((action == Action.INVALID) == problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid row has problems, and only an invalid row");
        }
        if ((action == Action.APPLY) == operations.isEmpty()) {
            throw new IllegalArgumentException("a row to apply has operations, and only such a row");
        }
    }

    /**
     * @param row the row
     * @param action apply it, nothing to do, or invalid
     * @return a builder without operations, user, number, problems or notes
     */
    public static Builder builder(BulkRow row, Action action) {
        return new Builder(row, action);
    }

    /** @return the row */
    public BulkRow row() {
        return row;
    }

    /** @return apply it, nothing to do, or invalid */
    public Action action() {
        return action;
    }

    /** @return the writes it will make, in order (empty unless {@link Action#APPLY}) */
    public List<Operation> operations() {
        return operations;
    }

    /** @return the resolved user's object ID, once resolved */
    public Optional<UUID> user() {
        return user;
    }

    /**
     * @return the number the row will hold: the row's, or one already reserved for it; empty when one is picked at
     *     run time or the row has none
     */
    public Optional<PhoneNumber> number() {
        return number;
    }

    /** @return why the row is invalid (empty otherwise) */
    public List<RowProblem> problems() {
        return problems;
    }

    /** @return things worth knowing that do not stop the row (e.g. not a Teams extension) */
    public List<String> notes() {
        return notes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlannedRow p && row.equals(p.row) && action == p.action && operations.equals(p.operations)
                && user.equals(p.user) && number.equals(p.number) && problems.equals(p.problems)
                && notes.equals(p.notes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(row, action, operations, user, number, problems, notes);
    }

    @Override
    public String toString() {
        return "PlannedRow[" + row + ", " + action + ", operations=" + operations + ", problems=" + problems + "]";
    }

    /** What the plan does with a row. */
    public enum Action {
        /** Run the listed operations. */
        APPLY,
        /** Nothing: the tenant and the platform already hold what the row asks for. */
        NOTHING,
        /** The row cannot run; see the problems. */
        INVALID
    }

    /** Builds a {@link PlannedRow}. */
    public static final class Builder {
        private final BulkRow row;
        private final Action action;
        private List<Operation> operations = List.of();
        private UUID user;
        private PhoneNumber number;
        private List<RowProblem> problems = List.of();
        private List<String> notes = List.of();

        private Builder(BulkRow row, Action action) {
            this.row = row;
            this.action = action;
        }

        /**
         * @param value the writes the row will make, in order (only for {@link Action#APPLY})
         * @return this
         */
        public Builder operations(List<Operation> value) {
            this.operations = List.copyOf(value);
            return this;
        }

        /**
         * @param value the resolved user's object ID
         * @return this
         */
        public Builder user(UUID value) {
            this.user = Objects.requireNonNull(value, "user");
            return this;
        }

        /**
         * @param value the number the row will hold, when known at plan time
         * @return this
         */
        public Builder number(PhoneNumber value) {
            this.number = Objects.requireNonNull(value, "number");
            return this;
        }

        /**
         * @param value why the row is invalid (only for {@link Action#INVALID})
         * @return this
         */
        public Builder problems(List<RowProblem> value) {
            this.problems = List.copyOf(value);
            return this;
        }

        /**
         * @param value things worth knowing that do not stop the row
         * @return this
         */
        public Builder notes(List<String> value) {
            this.notes = List.copyOf(value);
            return this;
        }

        /**
         * @return the planned row
         * @throws IllegalArgumentException if the action and the operations or problems disagree
         */
        public PlannedRow build() {
            return new PlannedRow(this);
        }
    }
}
