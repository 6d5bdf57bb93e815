package dev.tenantconnect.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.tenantconnect.core.error.ValidationException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

class PhoneNumberTest {

    /** Digits of a valid E.164 number: 7 to 15 digits, first 1-9. */
    static Gen<String> e164Digits() {
        return integers().between(7, 15).flatMap(len -> integers().between(1, 9)
                .zip(longs().between(0, Long.MAX_VALUE), (first, rest) -> {
                    String tail = String.format("%019d", rest);
                    return first + tail.substring(tail.length() - (len - 1));
                }));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "+6567891230 | +6567891230",
        "6567891230 | +6567891230",
        "tel:+6567891230 | +6567891230",
        "TEL:6567891230 | +6567891230",
        "'6567891230 | +6567891230",
        "+65 6789-1230 | +6567891230",
        "+1 (206) 555.0100 | +12065550100",
        "  +44 20 7946 0958  | +442079460958",
        "+12065550100;ext=1234 | +12065550100;ext=1234",
        "tel:+12065550100;EXT=77 | +12065550100;ext=77",
        "( +1) 206 555 0100 | +12065550100",
    })
    void accepts_what_operators_and_spreadsheets_write(String raw, String canonical) {
        assertThat(PhoneNumber.parse(raw).toString()).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "+65 6789 ABCD | must not contain letters",
        "+6567891230x | must not contain letters",
        "+1234567890123456 | at most 15 digits",
        "+123456 | at least 7 digits",
        "0065 6789 1230 | country code must not start with 0",
        "+0123456789 | country code must not start with 0",
        "65+67891230 | '+' may only appear before the country code",
        "++6567891230 | '+' may only appear before the country code",
        "+65_6789_1230 | may contain only digits",
        "+6567891230;ext= | extension after ';ext=' must not be empty",
        "+6567891230;ext=12a | extension must contain digits only",
        "+6567891230;ext=12345678901 | extension must be 1 to 10 digits",
        "\"\" | must contain digits",
        "' | must contain digits",
        "+٦٥٦٧٨٩١٢٣٠ | may contain only digits",
    })
    void rejects_with_a_message_naming_the_field_and_rule(String raw, String rule) {
        assertThatThrownBy(() -> PhoneNumber.parse(raw))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("phoneNumber");
                    assertThat(e.rule()).contains(rule);
                })
                .hasMessageStartingWith("phoneNumber: ");
    }

    @Test
    void null_is_required_not_a_null_pointer() {
        assertThatThrownBy(() -> PhoneNumber.parse(null)).isInstanceOf(ValidationException.class)
                .hasMessage("phoneNumber: is required");
    }

    @Test
    void every_accepted_spelling_of_a_number_parses_to_the_same_canonical_form() {
        qt().withExamples(2000).forAll(e164Digits(), integers().between(0, 4)).checkAssert((digits, style) -> {
            String spaced = digits.substring(0, 2) + " " + digits.substring(2, 5) + "-" + digits.substring(5);
            String raw = switch (style) {
                case 0 -> "+" + digits;
                case 1 -> digits;
                case 2 -> "tel:+" + digits;
                case 3 -> "'" + spaced;
                default -> " (+" + spaced + ") ";
            };
            assertThat(PhoneNumber.parse(raw)).isEqualTo(new PhoneNumber(digits, Optional.empty()));
        });
    }

    @Test
    void canonical_text_round_trips() {
        qt().withExamples(2000).forAll(e164Digits(), integers().between(0, 9_999_999)).checkAssert((digits, ext) -> {
            PhoneNumber p = new PhoneNumber(digits, ext % 3 == 0 ? Optional.empty() : Optional.of(Integer.toString(ext)));
            assertThat(PhoneNumber.parse(p.toString())).isEqualTo(p);
            assertThat(p.e164()).isEqualTo("+" + digits);
        });
    }

    @Test
    void any_letter_inside_a_number_is_rejected() {
        String letters = "abcxyzABCXYZéßΩЖあ";
        qt().withExamples(1000).forAll(e164Digits(), integers().between(0, 14),
                        integers().between(0, letters.length() - 1).map(i -> String.valueOf(letters.charAt(i))))
                .checkAssert((digits, pos, letter) -> {
                    int at = Math.min(pos, digits.length()) + 1;
                    String raw = "+" + digits;
                    String bad = raw.substring(0, at) + letter + raw.substring(at);
                    assertThatThrownBy(() -> PhoneNumber.parse(bad)).isInstanceOf(ValidationException.class)
                            .hasMessageContaining("must not contain letters");
                });
    }

    @Test
    void more_than_fifteen_digits_is_never_accepted() {
        qt().forAll(e164Digits(), e164Digits()).assuming((a, b) -> a.length() + b.length() > 15)
                .checkAssert((a, b) -> assertThatThrownBy(() -> PhoneNumber.parse("+" + a + b))
                        .hasMessageContaining("at most 15 digits"));
    }

    @Test
    void redacted_form_hides_the_subscriber_digits() {
        PhoneNumber p = PhoneNumber.parse("+6567891230");
        assertThat(p.redacted()).isEqualTo("+6567****30").doesNotContain("7891");
    }

    @Test
    void numbers_order_numerically_within_a_plan() {
        List<PhoneNumber> sorted = new ArrayList<>(List.of(PhoneNumber.parse("+6567891231"),
                PhoneNumber.parse("+6567891230;ext=2"), PhoneNumber.parse("+6567891230")));
        sorted.sort(null);
        assertThat(sorted).extracting(PhoneNumber::toString)
                .containsExactly("+6567891230", "+6567891230;ext=2", "+6567891231");
    }

    @Test
    void a_range_iterates_lazily_in_order_and_knows_its_size() {
        PhoneNumberRange r = PhoneNumberRange.parse("+6567891200..+6567891299");
        List<PhoneNumber> all = new ArrayList<>();
        r.forEach(all::add);

        assertThat(r.size()).isEqualTo(100);
        assertThat(all).hasSize(100).isSorted().doesNotHaveDuplicates();
        assertThat(all.get(0)).isEqualTo(r.first());
        assertThat(all.get(99)).isEqualTo(r.last());
        assertThat(r.contains(PhoneNumber.parse("+6567891250;ext=9"))).isTrue();
        assertThat(r.contains(PhoneNumber.parse("+6567891300"))).isFalse();
    }

    @Test
    void a_billion_number_range_is_not_materialised() {
        PhoneNumberRange huge = PhoneNumberRange.parse("+1000000000000..+1000999999999");
        Iterator<PhoneNumber> it = huge.iterator();

        assertThat(huge.size()).isEqualTo(1_000_000_000L);
        assertThat(it.next()).hasToString("+1000000000000");
        assertThat(it.next()).hasToString("+1000000000001");
    }

    @Test
    void range_size_matches_iteration_for_any_small_range() {
        qt().withExamples(300).forAll(e164Digits(), integers().between(0, 500)).checkAssert((digits, span) -> {
            long start = Long.parseLong(digits);
            String end = Long.toString(start + span);
            if (end.length() != digits.length()) {
                return;
            }
            PhoneNumberRange r = new PhoneNumberRange(PhoneNumber.parse(digits), PhoneNumber.parse(end));
            long n = 0;
            PhoneNumber prev = null;
            for (PhoneNumber p : r) {
                assertThat(prev == null || prev.compareTo(p) < 0).isTrue();
                prev = p;
                n++;
            }
            assertThat(n).isEqualTo(r.size()).isEqualTo(span + 1L);
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "+6567891299..+6567891200 | first number must not be greater than the last",
        "+656789120..+6567891299 | same number of digits",
        "+6567891200;ext=1..+6567891299 | must not carry extensions",
        "+6567891200..+6567891299..+6567891300 | one '..'",
    })
    void rejects_bad_ranges(String raw, String rule) {
        assertThatThrownBy(() -> PhoneNumberRange.parse(raw)).isInstanceOf(ValidationException.class)
                .hasMessageContaining(rule);
    }
}
