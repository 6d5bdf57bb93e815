package dev.tenantconnect.voice.enablement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.addon.AddonCatalog;
import dev.tenantconnect.core.addon.AddonTarget;
import dev.tenantconnect.core.licensing.AssignedPlan;
import dev.tenantconnect.core.licensing.CapabilityStatus;
import dev.tenantconnect.core.licensing.ServicePlan;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.problem.Problem;
import dev.tenantconnect.core.problem.ProblemCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The preflight as a pure function: facts in, every typed problem out. */
class EnablementPreflightTest {
    static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final UUID ALICE = UUID.fromString("00000000-0000-4000-8000-00000000a11c");
    static final AssignedPlan PHONE = new AssignedPlan(ServicePlan.TEAMS_PHONE, CapabilityStatus.ENABLED,
            Optional.of(Instant.parse("2026-01-01T00:00:00Z")), "MCOEV");
    final EnablementPreflight preflight = EnablementPreflight.of(AddonCatalog.standard());

    private static EnablementPreflight.Facts.Builder facts() {
        return EnablementPreflight.Facts.builder(TENANT, NOW);
    }

    @Test
    void every_bad_add_on_code_is_reported_at_once_each_with_its_closest_code() {
        EnablementPreflight.Outcome o = preflight.checkAddons(List.of("device_import_msteams_oc", "call_recordng",
                "team_chat", "licence_number"));

        assertThat(o.problems()).extracting(Problem::code).containsOnly(ProblemCode.ADDON_UNKNOWN);
        assertThat(o.problems()).extracting(Problem::message).hasSize(3)
                .anySatisfy(m -> assertThat(m).contains("device_import_msteams_oc", "device_import_msteams_OC"))
                .anySatisfy(m -> assertThat(m).contains("call_recordng", "call_recording"))
                .anySatisfy(m -> assertThat(m).contains("licence_number", "license_number"));
        assertThat(o.problems()).extracting(Problem::field).containsOnly(EnablementPreflight.FIELD_ADDONS);
        assertThat(o.addons()).isEmpty();
    }

    @Test
    void a_user_who_can_be_enabled_passes_with_the_validated_add_ons() {
        EnablementPreflight.Outcome o = preflight.check(facts().addonCodes(List.of("device_import_msteams_OC"))
                .user(new EnablementPreflight.UserFacts(ALICE, List.of(PHONE), Optional.of("SG"))).build());

        assertThat(o.passed()).as(o.problems().toString()).isTrue();
        assertThat(o.addons().orElseThrow().target()).isEqualTo(AddonTarget.USER);
        assertThat(o.warnings()).isEmpty();
    }

    @Test
    void licence_usage_location_number_and_consent_problems_come_together_with_their_codes() {
        PhoneNumber n = PhoneNumber.parse("+6590000001");
        EnablementPreflight.Outcome o = preflight.check(facts().addonCodes(List.of("device_import_msteams_OC"))
                .user(new EnablementPreflight.UserFacts(ALICE, List.of(), Optional.empty()))
                .number(n, Optional.empty()).tenantAssignee(UUID.randomUUID())
                .consent(new EnablementPreflight.Consent("SG", false)).build());

        assertThat(o.problems()).extracting(Problem::code).containsExactly(ProblemCode.LICENSE_MISSING,
                ProblemCode.USAGE_LOCATION_MISSING, ProblemCode.NUMBER_NOT_IN_INVENTORY,
                ProblemCode.NUMBER_ASSIGNED_TO_ANOTHER_USER, ProblemCode.CONSENT_MISSING);
        assertThat(o.problems()).extracting(Problem::field).containsExactly("user", "user", "number", "number",
                "consent");
    }

    @Test
    void a_user_add_on_on_a_resource_account_is_a_target_mismatch_not_a_missing_licence() {
        AssignedPlan resourcePlan = new AssignedPlan(ServicePlan.TEAMS_PHONE_RESOURCE_ACCOUNT,
                CapabilityStatus.ENABLED, Optional.empty(), "MCOEV_VIRTUALUSER");
        EnablementPreflight.Outcome o = preflight.check(facts().addonCodes(List.of("device_import_msteams_OC"))
                .user(new EnablementPreflight.UserFacts(ALICE, List.of(resourcePlan), Optional.empty())).build());

        assertThat(o.problems()).extracting(Problem::code).contains(ProblemCode.ADDON_TARGET_MISMATCH)
                .doesNotContain(ProblemCode.LICENSE_MISSING);
    }

    @Test
    void a_missing_user_is_reported_and_a_recent_licence_only_warns() {
        assertThat(preflight.check(facts().build()).problems()).extracting(Problem::code)
                .containsExactly(ProblemCode.USER_NOT_FOUND);
        AssignedPlan fresh = new AssignedPlan(ServicePlan.TEAMS_PHONE, CapabilityStatus.ENABLED,
                Optional.of(NOW.minusSeconds(600)), "MCOEV");
        EnablementPreflight.Outcome o = preflight.check(facts()
                .user(new EnablementPreflight.UserFacts(ALICE, List.of(fresh), Optional.of("SG"))).build());
        assertThat(o.passed()).isTrue();
        assertThat(o.warnings()).singleElement().satisfies(w -> assertThat(w).contains("voice-ready"));
    }
}
