package dev.tenantconnect.core.addon;

import static dev.tenantconnect.core.addon.AddonLicense.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.ValidationException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddonCatalogTest {
    private final AddonCatalog catalog = AddonCatalog.standard();

    @Test
    void knows_every_code_of_seed_001_with_display_names() {
        assertThat(catalog.all()).extracting(AddonLicense::code).containsExactly("device_import_msteams_OC",
                "device_import_msteams_OC_resource", "license_number", "team_chat", "license_dnc_checking_enabled",
                "call_recording", "license_call_recording_unlimited_enabled", "device_mobile_app",
                "device_desktop_app", "device_ip_phone");
        assertThat(catalog.parse("license_dnc_checking_enabled").displayName()).isEqualTo("DNC");
        assertThat(catalog.parse(" call_recording ")).isEqualTo(CALL_RECORDING);
    }

    @Test
    void the_sample_rows_of_seed_001_are_valid_and_pick_the_right_target() {
        assertThat(catalog.parseSet(List.of("device_import_msteams_OC", "device_mobile_app",
                "license_dnc_checking_enabled", "call_recording")).target()).isEqualTo(AddonTarget.USER);
        assertThat(catalog.parseSet(List.of("device_import_msteams_OC_resource", "device_desktop_app",
                "call_recording")).target()).isEqualTo(AddonTarget.RESOURCE_ACCOUNT);
        assertThat(catalog.parseSet(List.of("device_ip_phone", "device_desktop_app", "call_recording")).target())
                .isEqualTo(AddonTarget.ANY);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "device_import_msteams_oc | 'device_import_msteams_OC'",
        "DEVICE_IMPORT_MSTEAMS_OC_RESOURCE | 'device_import_msteams_OC_resource'",
        "call_recordin | 'call_recording'",
        "licence_number | 'license_number'",
        "teamchat | 'team_chat'",
    })
    void a_near_miss_names_the_closest_code(String code, String suggestion) {
        assertThatThrownBy(() -> catalog.parse(code)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo("addonLicense");
            assertThat(e.rule()).contains("unknown add-on code").contains("did you mean " + suggestion);
        });
    }

    @Test
    void a_far_miss_lists_the_known_codes_and_shows_no_control_characters() {
        assertThatThrownBy(() -> catalog.parse("zzz\u0007"))
                .hasMessageContaining("known codes: device_import_msteams_OC")
                .hasMessageContaining("'zzz?'");
        assertThatThrownBy(() -> catalog.parse("  ")).hasMessage("addonLicense: must not be blank");
    }

    @Test
    void operator_connect_and_its_resource_variant_exclude_each_other() {
        assertThat(catalog.check(List.of(OPERATOR_CONNECT, OPERATOR_CONNECT_RESOURCE)))
                .extracting(AddonViolation::rule).contains("mutually-exclusive", "target");
        assertThatThrownBy(() -> catalog.validate(List.of(OPERATOR_CONNECT, OPERATOR_CONNECT_RESOURCE)))
                .hasMessageContaining("'device_import_msteams_OC' and 'device_import_msteams_OC_resource' cannot be "
                        + "held together");
    }

    @Test
    void unlimited_recording_storage_requires_call_recording() {
        assertThat(catalog.check(List.of(CALL_RECORDING_UNLIMITED))).singleElement()
                .satisfies(v -> assertThat(v.message()).isEqualTo(
                        "'license_call_recording_unlimited_enabled' requires 'call_recording'"));
        assertThat(catalog.check(List.of(CALL_RECORDING_UNLIMITED, CALL_RECORDING))).isEmpty();
    }

    @Test
    void a_code_listed_twice_is_reported() {
        assertThat(catalog.check(List.of(TEAM_CHAT, TEAM_CHAT))).extracting(AddonViolation::rule)
                .containsExactly("duplicate");
    }

    @Test
    void operators_register_their_own_codes_and_rules_without_forking() {
        AddonLicense fax = new AddonLicense("license_fax", "Fax to Mail", AddonTarget.USER);
        AddonCatalog mine = AddonCatalog.standard().toBuilder().register(fax).requires(fax, NUMBER).build();

        assertThat(mine.parse("license_fax")).isEqualTo(fax);
        assertThat(mine.check(List.of(fax))).extracting(AddonViolation::rule).containsExactly("requires");
        assertThat(mine.check(List.of(fax, NUMBER, OPERATOR_CONNECT_RESOURCE))).extracting(AddonViolation::rule)
                .containsExactly("target");
        assertThat(AddonCatalog.standard().find("license_fax")).isEmpty();
        assertThat(catalog.check(List.of(fax))).extracting(AddonViolation::rule).containsExactly("unknown");
    }

    @Test
    void bad_catalogue_definitions_fail_at_build_time() {
        AddonLicense fax = new AddonLicense("license_fax", "Fax", AddonTarget.ANY);
        assertThatThrownBy(() -> AddonCatalog.builder().register(NUMBER).requires(fax, NUMBER).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("unregistered code 'license_fax'");
        assertThatThrownBy(() -> AddonCatalog.standard().toBuilder().register(NUMBER))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("registered twice");
        assertThatThrownBy(() -> new AddonLicense("1bad", "x", AddonTarget.ANY)).isInstanceOf(ValidationException.class);
    }

    @Test
    void any_set_of_standard_codes_is_valid_exactly_when_the_seed_rules_hold() {
        List<AddonLicense> all = catalog.all();
        qt().withExamples(2000)
                .forAll(lists().of(integers().between(0, all.size() - 1)).ofSizeBetween(0, 6))
                .checkAssert(indexes -> {
                    List<AddonLicense> addons = indexes.stream().map(all::get).toList();
                    Set<AddonLicense> set = Set.copyOf(addons);
                    boolean expected = set.size() == addons.size()
                            && !(set.contains(OPERATOR_CONNECT) && set.contains(OPERATOR_CONNECT_RESOURCE))
                            && (!set.contains(CALL_RECORDING_UNLIMITED) || set.contains(CALL_RECORDING));
                    assertThat(catalog.check(addons).isEmpty()).as("%s", addons).isEqualTo(expected);
                    if (expected) {
                        AddonTarget t = catalog.validate(addons).target();
                        assertThat(t).isEqualTo(set.contains(OPERATOR_CONNECT) ? AddonTarget.USER
                                : set.contains(OPERATOR_CONNECT_RESOURCE) ? AddonTarget.RESOURCE_ACCOUNT
                                : AddonTarget.ANY);
                    }
                });
    }
}
