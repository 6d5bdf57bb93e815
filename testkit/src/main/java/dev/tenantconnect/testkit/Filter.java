package dev.tenantconnect.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OData {@code $filter} subset the simulator understands: clauses joined by {@code and}, each
 * {@code field eq 'value'}, {@code startswith(field,'value')} or {@code field/any(c:c eq 'value')}. Comparisons
 * ignore case, as Graph's do for these fields. Anything else is answered 400, as Graph does.
 */
final class Filter {
    private static final Pattern EQ = Pattern.compile("(\\w+)\\s+eq\\s+'((?:[^']|'')*)'", Pattern.CASE_INSENSITIVE);
    private static final Pattern STARTS = Pattern.compile("startswith\\((\\w+),\\s*'((?:[^']|'')*)'\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY = Pattern.compile("(\\w+)/any\\((\\w+):\\s*\\2\\s+eq\\s+'((?:[^']|'')*)'\\)",
            Pattern.CASE_INSENSITIVE);

    private record Clause(String kind, String field, String value) {
    }

    private final List<Clause> clauses;

    private Filter(List<Clause> clauses) {
        this.clauses = clauses;
    }

    static Filter parse(String text) {
        List<Clause> out = new ArrayList<>();
        if (text.isBlank()) {
            return new Filter(out);
        }
        for (String part : text.strip().split("\\s+and\\s+")) {
            Matcher m;
            String p = part.strip();
            if ((m = EQ.matcher(p)).matches()) {
                out.add(new Clause("eq", m.group(1).toLowerCase(Locale.ROOT), m.group(2).replace("''", "'")));
            } else if ((m = STARTS.matcher(p)).matches()) {
                out.add(new Clause("startswith", m.group(1).toLowerCase(Locale.ROOT), m.group(2).replace("''", "'")));
            } else if ((m = ANY.matcher(p)).matches()) {
                out.add(new Clause("any", m.group(1).toLowerCase(Locale.ROOT), m.group(3).replace("''", "'")));
            } else {
                throw new SimError(400, "BadRequest", "Invalid filter clause: '" + p + "'.");
            }
        }
        return new Filter(out);
    }

    boolean test(Function<String, String> field) {
        return test(field, f -> null);
    }

    boolean test(Function<String, String> field, Function<String, List<String>> listField) {
        for (Clause c : clauses) {
            boolean ok = switch (c.kind) {
                case "eq" -> c.value.equalsIgnoreCase(nullToEmpty(field.apply(c.field)));
                case "startswith" -> nullToEmpty(field.apply(c.field)).toLowerCase(Locale.ROOT)
                        .startsWith(c.value.toLowerCase(Locale.ROOT));
                default -> {
                    List<String> values = listField.apply(c.field);
                    if (values == null) {
                        throw new SimError(400, "BadRequest", "'" + c.field + "' is not a collection.");
                    }
                    yield values.stream().anyMatch(v -> v.equalsIgnoreCase(c.value));
                }
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
