package dev.tenantconnect.bulk;

import java.util.Objects;

/**
 * One problem found in a bulk file: where it is and which rule it breaks.
 *
 * @param line the file line the row starts on (1 = the header); 0 for problems of the whole file
 * @param column the column's name as the file spells it, or {@code "-"} for the whole row or file
 * @param rule the rule broken, in words an operator can act on
 */
public record RowProblem(long line, String column, String rule) {
    /** Validates. */
    public RowProblem {
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative");
        }
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String toString() {
        return (line == 0 ? "file" : "line " + line) + (column.equals("-") ? "" : ", column '" + column + "'") + ": "
                + rule;
    }
}
