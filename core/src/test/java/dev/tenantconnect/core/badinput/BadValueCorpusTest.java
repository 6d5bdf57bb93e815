package dev.tenantconnect.core.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tenantconnect.core.addon.AddonCatalog;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.AppRegistrationName;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantDomain;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.TenantRef;
import dev.tenantconnect.core.model.UserRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus for single values from outside (spreadsheet cells, CLI arguments, configuration): every
 * parser of a value type gets the same hostile strings — empty, blank, control characters, NUL, bidi overrides,
 * lone surrogates, emoji, a megabyte of text, SQL and formula payloads, near misses of the real format — plus
 * malformed values of its own kind. Each must be refused with a {@link ValidationException} naming the field and
 * the rule; none may end in another exception, and none may echo a megabyte back in its message.
 */
class BadValueCorpusTest {
    private static final List<String> HOSTILE = List.of("", " ", "\t\n", "\u0000", "abc\u0000def", "\u202Eevil",
            "\uD800", "\uDFFF\uD800", "😀😀😀", "x".repeat(1 << 20), "'; DROP TABLE numbers; --", "=HYPERLINK(\"x\")",
            "${jndi:ldap://127.0.0.1/a}", "..\\\\..\\\\etc\\\\passwd", "null", "NaN");

    record Parser(String name, Function<String, Object> parse, List<String> ownMalformed) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Parser> parsers() {
        AddonCatalog catalog = AddonCatalog.standard();
        return List.of(
                new Parser("phone number", PhoneNumber::parse, List.of("+", "+0", "12", "+1 (425) 555-01x0",
                        "+1234567890123456", "++14255550100", "+1-425-555-0100 ext. 12", "4.2555501E+10",
                        "+1 425 555 0100 +1 425 555 0101", "tel:")),
                new Parser("number range", PhoneNumberRange::parse, List.of("+6567890100..", "..+6567890100",
                        "+6567890199..+6567890100", "+6567890100..+6567890100..+6567890101", "+6567890100-+1",
                        "+6500000000..+6599999999999")),
                new Parser("tenant ID", TenantId::parse, List.of("00000000-0000-0000-0000-00000000000",
                        "00000000-0000-0000-0000-00000000000g", "{00000000-0000-0000-0000-000000000000",
                        "00000000000000000000000000000000000")),
                new Parser("client ID", ClientId::parse, List.of("not-a-guid", "123e4567-e89b-12d3-a456")),
                new Parser("tenant domain", TenantDomain::parse, List.of("contoso", ".onmicrosoft.com",
                        "contoso..onmicrosoft.com", "conto so.onmicrosoft.com", "-contoso.com")),
                new Parser("tenant reference", TenantRef::parse, List.of("contoso", "0000-0000")),
                new Parser("user reference", UserRef::parse, List.of("alice", "@contoso.com", "alice@",
                        "alice@@contoso.com", "al ice@contoso.com")),
                new Parser("UPN", UserRef.Upn::parse, List.of("alice", "alice@", "a@b@c.com")),
                new Parser("application name", AppRegistrationName::of, List.of("a".repeat(121), "<script>",
                        "name\nwith newline")),
                new Parser("service ID", ServiceId::of, List.of("not a service", "-leading-dash", "x".repeat(65))),
                new Parser("add-on code", catalog::parse, List.of("MCOEV_", "TEAMS-PHONE", "E5 Calling Plan",
                        "UNKNOWN_ADDON")));
    }

    static Stream<Arguments> corpus() {
        List<Arguments> all = new ArrayList<>();
        for (Parser p : parsers()) {
            for (String s : HOSTILE) {
                all.add(Arguments.of(p, s));
            }
            for (String s : p.ownMalformed()) {
                all.add(Arguments.of(p, s));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} <- {index}")
    @MethodSource("corpus")
    void a_malformed_value_is_refused_naming_the_field_and_the_rule(Parser parser, String input) {
        Throwable t = catchThrowable(() -> parser.parse().apply(input));
        if (t == null) {
            // a few hostile strings are legitimate for a lenient parser (e.g. "null" is a fine application name):
            // then what it made must say the same thing back, not a mangled version
            assertThat(input).as("%s accepted %s", parser, printable(input)).isIn(acceptable(parser));
            return;
        }
        assertThat(t).as("%s <- %s", parser, printable(input)).isInstanceOf(ValidationException.class);
        ValidationException v = (ValidationException) t;
        assertThat(v.field()).as("the field").isNotBlank();
        assertThat(v.rule()).as("the rule").isNotBlank();
        assertThat(v.getMessage()).as("the message is bounded").hasSizeLessThan(1_000);
    }

    private static List<String> acceptable(Parser p) {
        return switch (p.name()) {
            case "application name" -> List.of("😀😀😀", "'; DROP TABLE numbers; --", "null", "NaN",
                    "..\\\\..\\\\etc\\\\passwd", "${jndi:ldap://127.0.0.1/a}", "=HYPERLINK(\"x\")");
            case "service ID" -> List.of("null", "NaN"); // letters and digits: a valid service name
            default -> List.of();
        };
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "… (" + s.length() + " chars)" : s;
        StringBuilder b = new StringBuilder();
        cut.codePoints().forEach(c -> b.append(c < 0x20 || (c >= 0x202A && c <= 0x202E) || Character.isSurrogate(
                (char) c) ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return b.toString();
    }
}
