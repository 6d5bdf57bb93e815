package dev.tenantconnect.bulk;

import dev.tenantconnect.core.problem.ProblemCode;
import java.util.Objects;

/**
 * One problem found in a bulk file: where it is, which rule it breaks and its code (remediation is chosen by code).
 *
 * @param line the file line the row starts on (1 = the header); 0 for problems of the whole file
 * @param column the column's name as the file spells it, or {@code "-"} for the whole row or file
 * @param rule the rule broken, in words an operator can act on
 * @param code what kind of problem ({@link ProblemCode#INVALID_INPUT} for the file's format rules)
 */
public record RowProblem(long line, String column, String rule, ProblemCode code) {
    /** Validates. */
    public RowProblem {
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative");
        }
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(code, "code");
    }

    /**
     * A format problem ({@link ProblemCode#INVALID_INPUT}).
     *
     * @param line the file line
     * @param column the column's name, or {@code "-"}
     * @param rule the rule broken
     */
    public RowProblem(long line, String column, String rule) {
        this(line, column, rule, ProblemCode.INVALID_INPUT);
    }

    @Override
    public String toString() {
        return (line == 0 ? "file" : "line " + line) + (column.equals("-") ? "" : ", column '" + column + "'") + ": "
                + rule;
    }
}
