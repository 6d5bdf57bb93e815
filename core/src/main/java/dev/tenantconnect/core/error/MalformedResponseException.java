package dev.tenantconnect.core.error;

import java.util.Objects;
import java.util.Optional;

/**
 * A service answered, but its answer could not be read: not JSON, truncated, a field of the wrong type, a required
 * field missing, a value outside what the API defines, or too large. Names the field (a JSON path such as
 * {@code $.value[3].telephoneNumber}, or {@code body}) and the rule it broke, never the value. Not retried: the same
 * request is likely to get the same answer; it usually means a proxy in the way or an API change.
 */
public class MalformedResponseException extends ServiceException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String rule;

    /**
     * @param operation what was attempted ("listing the tenant's numbers")
     * @param field the JSON path of the offending field, or {@code body}
     * @param rule the rule it broke ("is missing", "is not valid JSON")
     * @param context where the answer came from
     * @param cause the parser's exception, or {@code null}
     */
    public MalformedResponseException(String operation, String field, String rule, ErrorContext context,
            Throwable cause) {
        super(operation + ": the service's answer could not be read: " + Objects.requireNonNull(field, "field") + " "
                + Objects.requireNonNull(rule, "rule"), context, Optional.empty(), cause);
        this.field = field;
        this.rule = rule;
    }

    /** @return the JSON path of the field that broke the rule, or {@code body} for the answer as a whole */
    public String field() {
        return field;
    }

    /** @return the rule the field broke */
    public String rule() {
        return rule;
    }
}
