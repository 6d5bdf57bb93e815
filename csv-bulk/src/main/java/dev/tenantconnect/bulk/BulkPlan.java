package dev.tenantconnect.bulk;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.model.PhoneNumber;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A dry run of a bulk file against a tenant: per row the writes that would run, the rows that need nothing because
 * the tenant already matches, and every problem. Running a plan re-checks nothing it did not say; re-planning a
 * finished file yields zero writes.
 *
 * @param source the file
 * @param file what reading the file without a tenant found
 * @param key the tenant connection the plan runs through
 * @param options how the plan was made and will run
 * @param rows the valid rows of the file, planned, in file order
 * @param createdAt when the plan was made
 */
public record BulkPlan(Path source, FileReport file, CredentialKey key, BulkOptions options, List<PlannedRow> rows,
        Instant createdAt) {
    /** Validates and copies. */
    public BulkPlan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(options, "options");
        rows = List.copyOf(rows);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * @param action an action
     * @return how many rows the plan gives that action
     */
    public long count(PlannedRow.Action action) {
        return rows.stream().filter(r -> r.action() == action).count();
    }

    /** @return the number of rows that will write something */
    public long writes() {
        return count(PlannedRow.Action.APPLY);
    }

    /** @return every problem: the file's, then the tenant checks' per row, in line order */
    public List<RowProblem> problems() {
        List<RowProblem> all = new ArrayList<>(file.problems());
        rows.forEach(r -> all.addAll(r.problems()));
        all.sort(java.util.Comparator.comparingLong(RowProblem::line));
        return all;
    }

    /** @return whether the plan may run under its options (see {@link InvalidRows}) */
    public boolean runnable() {
        if (!file.readToEnd() || file.problemCount() > file.problems().size()) {
            return false;
        }
        boolean clean = file.ok() && count(PlannedRow.Action.INVALID) == 0;
        return clean || options.invalidRows() == InvalidRows.SKIP_ROWS;
    }

    /** The most rows to apply that {@link #toText()} lists one by one. */
    public static final int LISTED_WRITES = 100;

    /**
     * @return a summary for people: counts, the rows to apply with their writes (the first {@value #LISTED_WRITES}),
     *     then every problem
     */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(file.rows()).append(" rows: ").append(writes()).append(" to apply, ")
                .append(count(PlannedRow.Action.NOTHING)).append(" already done, ")
                .append(file.rows() - file.validRows() + count(PlannedRow.Action.INVALID)).append(" invalid\n");
        rows.stream().filter(r -> r.action() == PlannedRow.Action.APPLY).limit(LISTED_WRITES).forEach(r -> b
                .append("  line ").append(r.row().line()).append(": ").append(r.operations()).append(' ')
                .append(r.number().map(PhoneNumber::redacted).orElse("(picked)")).append(" -> ")
                .append(r.user().map(u -> "user " + u).orElseGet(() -> r.row().user().toString()))
                .append(r.notes().isEmpty() ? "" : " (" + String.join("; ", r.notes()) + ")").append('\n'));
        if (writes() > LISTED_WRITES) {
            b.append("  ... and ").append(writes() - LISTED_WRITES).append(" more rows to apply\n");
        }
        List<RowProblem> all = problems();
        all.forEach(p -> b.append("  ").append(p).append('\n'));
        if (file.problemCount() > file.problems().size()) {
            b.append("  ... and ").append(file.problemCount() - file.problems().size()).append(" more\n");
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "BulkPlan[" + source.getFileName() + ", rows=" + rows.size() + ", writes=" + writes() + "]";
    }
}
