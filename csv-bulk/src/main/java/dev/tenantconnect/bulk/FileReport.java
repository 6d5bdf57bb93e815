package dev.tenantconnect.bulk;

import java.util.List;
import java.util.Objects;

/**
 * What validating a bulk file without a tenant found.
 *
 * @param rows the data rows read (blank lines not counted)
 * @param validRows the rows without problems
 * @param problems the problems, in file order, at most {@link BulkFileFormat#MAX_REPORTED_PROBLEMS}
 * @param problemCount how many problems there were in all
 * @param delimiter the delimiter the file uses ({@code ,} or {@code ;})
 * @param sha256 the file's SHA-256, hex (a job refuses to resume on a changed file)
 * @param addonColumns how many {@code Addon license N} columns the header has
 * @param readToEnd whether the whole file could be read as CSV with a valid header (if not, no row can run)
 */
public record FileReport(long rows, long validRows, List<RowProblem> problems, long problemCount, char delimiter,
        String sha256, int addonColumns, boolean readToEnd) {
    /** Validates and copies. */
    public FileReport {
        problems = List.copyOf(problems);
        Objects.requireNonNull(sha256, "sha256");
        if (problemCount < problems.size()) {
            throw new IllegalArgumentException("problemCount must count every listed problem");
        }
    }

    /** @return whether the file has no problem at all */
    public boolean ok() {
        return problemCount == 0;
    }

    /** @return a short human summary with the listed problems, one per line */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(rows).append(" rows, ").append(validRows).append(" valid, ").append(problemCount)
                .append(problemCount == 1 ? " problem" : " problems").append('\n');
        problems.forEach(p -> b.append("  ").append(p).append('\n'));
        if (problemCount > problems.size()) {
            b.append("  ... and ").append(problemCount - problems.size()).append(" more\n");
        }
        return b.toString();
    }
}
