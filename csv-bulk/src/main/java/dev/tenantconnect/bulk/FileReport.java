package dev.tenantconnect.bulk;

import java.util.List;
import java.util.Objects;

/**
 * What validating a bulk file without a tenant found, as the file format reports it (callers read it, they do not
 * build it: a field added later breaks no caller).
 */
public final class FileReport {
    private final long rows;
    private final long validRows;
    private final List<RowProblem> problems;
    private final long problemCount;
    private final char delimiter;
    private final String sha256;
    private final int addonColumns;
    private final boolean readToEnd;

    /**
     * Validates and copies.
     *
     * @param rows the data rows read
     * @param validRows the rows without problems
     * @param problems the problems listed
     * @param problemCount how many problems there were in all
     * @param delimiter the delimiter
     * @param sha256 the file's SHA-256, hex
     * @param addonColumns the {@code Addon license N} columns
     * @param readToEnd whether the whole file could be read
     */
    FileReport(long rows, long validRows, List<RowProblem> problems, long problemCount, char delimiter,
            String sha256, int addonColumns, boolean readToEnd) {
        this.rows = rows;
        this.validRows = validRows;
        this.problems = List.copyOf(problems);
        this.problemCount = problemCount;
        this.delimiter = delimiter;
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
        this.addonColumns = addonColumns;
        this.readToEnd = readToEnd;
        if (problemCount < this.problems.size()) {
            throw new IllegalArgumentException("problemCount must count every listed problem");
        }
    }

    /** @return the data rows read (blank lines not counted) */
    public long rows() {
        return rows;
    }

    /** @return the rows without problems */
    public long validRows() {
        return validRows;
    }

    /** @return the problems, in file order, at most {@link BulkFileFormat#MAX_REPORTED_PROBLEMS} */
    public List<RowProblem> problems() {
        return problems;
    }

    /** @return how many problems there were in all */
    public long problemCount() {
        return problemCount;
    }

    /** @return the delimiter the file uses ({@code ,} or {@code ;}) */
    public char delimiter() {
        return delimiter;
    }

    /** @return the file's SHA-256, hex (a job refuses to resume on a changed file) */
    public String sha256() {
        return sha256;
    }

    /** @return how many {@code Addon license N} columns the header has */
    public int addonColumns() {
        return addonColumns;
    }

    /** @return whether the whole file could be read as CSV with a valid header (if not, no row can run) */
    public boolean readToEnd() {
        return readToEnd;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof FileReport r && rows == r.rows && validRows == r.validRows && problems.equals(r.problems)
                && problemCount == r.problemCount && delimiter == r.delimiter && sha256.equals(r.sha256)
                && addonColumns == r.addonColumns && readToEnd == r.readToEnd;
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, validRows, problems, problemCount, delimiter, sha256, addonColumns, readToEnd);
    }

    @Override
    public String toString() {
        return "FileReport[rows=" + rows + ", validRows=" + validRows + ", problems=" + problems + ", problemCount="
                + problemCount
                + ", delimiter=" + delimiter + ", sha256=" + sha256 + ", addonColumns=" + addonColumns
                + ", readToEnd=" + readToEnd + "]";
    }
}
