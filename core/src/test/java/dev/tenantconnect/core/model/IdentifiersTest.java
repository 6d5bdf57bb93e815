package dev.tenantconnect.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.tenantconnect.core.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

class IdentifiersTest {

    @Test
    void tenant_ids_are_guids_in_canonical_lower_case() {
        TenantId t = TenantId.parse(" {6B17BC95-FA47-49BF-8B00-000000000001} ");
        assertThat(t.value()).isEqualTo("6b17bc95-fa47-49bf-8b00-000000000001");
        assertThat(t).isEqualTo(TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-guid", "6b17bc95fa4749bf8b00000000000001", "6b17bc95-fa47-49bf-8b00-00000000000g",
        "contoso.onmicrosoft.com"})
    void tenant_id_rejects_anything_but_a_guid(String raw) {
        assertThatThrownBy(() -> TenantId.parse(raw)).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("tenantId: ");
    }

    @Test
    void a_tenant_reference_keeps_ids_and_domains_distinct() {
        assertThat(TenantRef.parse("6b17bc95-fa47-49bf-8b00-000000000001")).isInstanceOf(TenantId.class);
        assertThat(TenantRef.parse("Contoso.OnMicrosoft.com")).isEqualTo(new TenantDomain("contoso.onmicrosoft.com"));
        assertThatThrownBy(() -> TenantRef.parse("contoso")).hasMessageContaining("at least two labels");
        assertThatThrownBy(() -> TenantRef.parse("-bad-.com")).hasMessageContaining("tenantDomain");
    }

    @Test
    void client_ids_are_guids() {
        assertThat(ClientId.parse("11AE0DFF-4D1F-6DDF-8000-000000000001").value())
                .isEqualTo("11ae0dff-4d1f-6ddf-8000-000000000001");
        assertThatThrownBy(() -> ClientId.parse("app")).hasMessageStartingWith("clientId: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oc-main", "dr.site2", "A", "svc_01"})
    void service_ids_accept_operator_names(String raw) {
        assertThat(ServiceId.of(raw).value()).isEqualTo(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-leading", "has space", "slash/no"})
    void service_ids_reject_other_names(String raw) {
        assertThatThrownBy(() -> ServiceId.of(raw)).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("serviceId: ");
    }

    @Test
    void upns_must_be_well_formed() {
        for (String bad : new String[] {"a@@contoso.com", "a@contoso", "a@.contoso.com", "a@contoso..com",
            "a@contoso.com.", "a b@contoso.com", "@contoso.com", "a\"b@contoso.com", "a@con_toso.com",
            "x".repeat(65) + "@contoso.com", "a@contoso.com@b.com"}) {
            assertThatThrownBy(() -> UserRef.Upn.parse(bad)).as(bad).isInstanceOf(ValidationException.class);
        }
        for (String good : new String[] {"a@contoso.com", "o'brien+voice@sub.contoso-eu.example",
            "x".repeat(64) + "@b.co", "first.last@xn--bcher-kva.example"}) {
            assertThat(UserRef.Upn.parse(good).value()).isEqualTo(good.toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void user_refs_are_object_ids_or_upns() {
        assertThat(UserRef.parse("6b17bc95-fa47-49bf-8b00-000000000009")).isInstanceOf(UserRef.ObjectId.class);
        UserRef upn = UserRef.parse(" John.Smith@Contoso.com ");
        assertThat(upn).isEqualTo(new UserRef.Upn("john.smith@contoso.com"));
        assertThat(upn.redacted()).isEqualTo("j***@contoso.com");
        assertThatThrownBy(() -> UserRef.parse("John")).hasMessageContaining("object ID (GUID) or a user principal name");
        assertThatThrownBy(() -> UserRef.parse("a b@contoso.com")).hasMessageStartingWith("user: ");
        assertThatThrownBy(() -> UserRef.parse("a..b@contoso.com")).hasMessageStartingWith("user: ");
    }

    @ParameterizedTest(name = "\"{0}\" valid={1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "abc => true", "OperatorTeams15 => true", "Op-Conn_#1! => true", "Ünïcødé => true", "it's-ok => true",
        "ab => false", "sixteen-chars-xx => false", "a.b.c => false", "has space => false",
        "back\\slash => false", "co:lon => false", "star* => false", "q?? => false", "quo\"te => false",
        "<ang => false", "ang> => false", "pi|pe => false", "fwd/slash => false",
    })
    void app_registration_names_follow_seed_004(String raw, boolean valid) {
        if (valid) {
            assertThat(AppRegistrationName.of(raw).value()).isEqualTo(raw);
        } else {
            assertThatThrownBy(() -> AppRegistrationName.of(raw)).isInstanceOf(ValidationException.class)
                    .hasMessageStartingWith("appRegistrationName: ");
        }
    }

    private static Gen<String> nameCandidates() {
        String alphabet = "aZ09-_!@#$%^&()+=[]{}'`~,é\\/:*?\"<>|. \t";
        return strings().betweenCodePoints(0, alphabet.length() - 1).ofLengthBetween(0, 18)
                .map(s -> s.codePoints().mapToObj(i -> String.valueOf(alphabet.charAt(i)))
                        .reduce("", String::concat));
    }

    @Test
    void app_registration_name_accepts_exactly_what_the_rules_allow() {
        qt().withExamples(3000).forAll(nameCandidates()).checkAssert(name -> {
            boolean expected = name.length() >= 3 && name.length() <= 15
                    && name.chars().noneMatch(c -> "\\/:*?\"<>|. \t".indexOf(c) >= 0);
            boolean accepted;
            try {
                AppRegistrationName.of(name);
                accepted = true;
            } catch (ValidationException e) {
                accepted = false;
            }
            assertThat(accepted).as("accepted \"%s\"", name).isEqualTo(expected);
        });
    }

    @Test
    void app_registration_name_counts_characters_not_utf16_units() {
        assertThat(AppRegistrationName.of("😀😀😀").value()).hasSize(6);
        qt().forAll(integers().between(16, 40)).checkAssert(n -> assertThatThrownBy(
                () -> AppRegistrationName.of("x".repeat(n))).hasMessageContaining("3 to 15"));
    }
}
