package dev.tenantconnect.bulk;

import dev.tenantconnect.core.model.PhoneNumber;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the plan says about one row.
 *
 * @param row the row
 * @param action apply it, nothing to do, or invalid
 * @param operations the writes it will make, in order (empty unless {@link Action#APPLY})
 * @param user the resolved user's object ID, once resolved
 * @param number the number the row will hold: the row's, or one already reserved for it; empty when one is picked
 *     at run time or the row has none
 * @param problems why the row is invalid (empty otherwise)
 * @param notes things worth knowing that do not stop the row (e.g. not a Teams extension)
 */
public record PlannedRow(BulkRow row, Action action, List<Operation> operations, Optional<UUID> user,
        Optional<PhoneNumber> number, List<RowProblem> problems, List<String> notes) {
    /** Validates and copies. */
    public PlannedRow {
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(action, "action");
        operations = List.copyOf(operations);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(number, "number");
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
        if ((action == Action.INVALID) == problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid row has problems, and only an invalid row");
        }
        if ((action == Action.APPLY) == operations.isEmpty()) {
            throw new IllegalArgumentException("a row to apply has operations, and only such a row");
        }
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
}
