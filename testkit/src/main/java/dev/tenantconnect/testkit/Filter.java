package dev.tenantconnect.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OData {@code $filter} subset the simulator understands: clauses joined by {@code and}, each
 * {@code field eq 'value'}, {@code startswith(field,'value')} or {@code field/any(c:c eq 'value')}; alternatives of
 * such clauses joined by {@code or} (no parentheses: {@code and} binds tighter, as in OData — the logical operators
 * {@code and}, {@code or} of https://learn.microsoft.com/graph/filter-query-parameter, "Operators and functions
 * supported in filter expressions"). Comparisons ignore case, as Graph's do for these fields. Anything else is
 * answered 400, as Graph does. A quoted value may hold " and " or " or ".
 */
final class Filter {
    private static final Pattern EQ = Pattern.compile("(\\w+)\\s+eq\\s+'((?:[^']|'')*)'", Pattern.CASE_INSENSITIVE);
    private static final Pattern STARTS = Pattern.compile("startswith\\((\\w+),\\s*'((?:[^']|'')*)'\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY = Pattern.compile("(\\w+)/any\\((\\w+):\\s*\\2\\s+eq\\s+'((?:[^']|'')*)'\\)",
            Pattern.CASE_INSENSITIVE);

    private record Clause(String kind, String field, String value) {
    }

    /** Alternatives ({@code or}), each a conjunction ({@code and}) of clauses; none: everything matches. */
    private final List<List<Clause>> alternatives;

    private Filter(List<List<Clause>> alternatives) {
        this.alternatives = alternatives;
    }

    static Filter parse(String text) {
        List<List<Clause>> out = new ArrayList<>();
        if (text.isBlank()) {
            return new Filter(out);
        }
        for (String alternative : split(text.strip(), "or")) {
            out.add(conjunction(alternative));
        }
        return new Filter(out);
    }

    /** Splits at {@code op} (a whole word between spaces, any case) outside quoted values. */
    private static List<String> split(String text, String op) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int from = 0;
        String sep = " " + op + " ";
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted; // a doubled quote inside a value toggles twice
            } else if (!quoted && c == ' ' && text.regionMatches(true, i, sep, 0, sep.length())) {
                parts.add(text.substring(from, i));
                i += sep.length() - 1;
                from = i + 1;
            }
        }
        parts.add(text.substring(from));
        return parts;
    }

    private static List<Clause> conjunction(String text) {
        List<Clause> out = new ArrayList<>();
        for (String part : split(text.strip(), "and")) {
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
        return out;
    }

    boolean test(Function<String, String> field) {
        return test(field, f -> null);
    }

    boolean test(Function<String, String> field, Function<String, List<String>> listField) {
        if (alternatives.isEmpty()) {
            return true;
        }
        boolean any = false;
        for (List<Clause> clauses : alternatives) {
            // every alternative is evaluated: a clause on a field that cannot be filtered is refused wherever it is
            any |= all(clauses, field, listField);
        }
        return any;
    }

    private static boolean all(List<Clause> clauses, Function<String, String> field,
            Function<String, List<String>> listField) {
        boolean ok = true;
        for (Clause c : clauses) {
            boolean holds = switch (c.kind) {
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
            ok &= holds; // no short cut: a field that cannot be filtered is refused whatever comes first
        }
        return ok;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
