package dev.tenantconnect.core.error;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A value from outside (a caller, a file, a server) broke a rule. Names the field, the rule, and for file
 * input the line; the rejected value itself is not put in the message because it may be personal data.
 */
public class ValidationException extends TenantConnectException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String rule;
    private final long line;

    /**
     * Creates a validation error for a field.
     *
     * @param field the name of the field or parameter, e.g. {@code "phoneNumber"}
     * @param rule the rule that was broken, in words an operator understands
     */
    public ValidationException(String field, String rule) {
        this(field, rule, -1, null);
    }

    /**
     * Creates a validation error for a field read from a file line.
     *
     * @param field the column or field name
     * @param rule the rule that was broken
     * @param line the 1-based line number in the file, or -1 when the input is not a file
     * @param cause an underlying cause, or {@code null}
     */
    public ValidationException(String field, String rule, long line, Throwable cause) {
        super(format(field, rule, line), cause);
        this.field = Objects.requireNonNull(field, "field");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.line = line;
    }

    private static String format(String field, String rule, long line) {
        return (line > 0 ? "line " + line + ", " : "") + field + ": " + rule;
    }

    /** @return the field, column or parameter whose value broke the rule */
    public String field() {
        return field;
    }

    /** @return the rule that was broken */
    public String rule() {
        return rule;
    }

    /** @return the 1-based file line, when the value came from a file */
    public OptionalLong line() {
        return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
    }

    /**
     * Returns the same error attributed to a file line, for readers that parse values row by row.
     *
     * @param fileLine the 1-based line number
     * @return a new exception naming the line
     */
    public ValidationException atLine(long fileLine) {
        return new ValidationException(field, rule, fileLine, this);
    }
}
