package dev.tenantconnect.core.licensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.LicenseException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserLicensesTest {

    @Test
    void teams_phone_is_detected_by_service_plan_id() {
        UserLicenses l = UserLicenses.of(List.of(
                AssignedPlan.of(ServicePlan.ofId("4828C8EC-DC2E-4779-B502-87AC9CE28AB7"), CapabilityStatus.ENABLED),
                AssignedPlan.of(ServicePlan.TEAMS, CapabilityStatus.ENABLED)));
        assertThat(l.hasTeamsPhone()).isTrue();
        assertThat(l.hasTeams()).isTrue();
        assertThat(l.hasCallingPlan()).isFalse();
        assertThat(l.voiceProblem(false)).isEmpty();
    }

    @Test
    void the_sku_id_of_teams_phone_is_not_the_service_plan() {
        // MCOEV as SKU (e43b5b99-...) differs from MCOEV as service plan: only the plan counts.
        UserLicenses l = UserLicenses.of(List.of(AssignedPlan.of(
                new ServicePlan(UUID.fromString("e43b5b99-8dfb-405f-9987-dc307f34bcbd")), CapabilityStatus.ENABLED)));
        assertThat(l.hasTeamsPhone()).isFalse();
    }

    @Test
    void a_suspended_plan_is_not_usable_but_grace_period_is() {
        assertThat(UserLicenses.of(List.of(AssignedPlan.of(ServicePlan.TEAMS_PHONE, CapabilityStatus.SUSPENDED)))
                .voiceProblem(false)).contains("MCOEV service plan is suspended");
        assertThat(UserLicenses.of(List.of(AssignedPlan.of(ServicePlan.TEAMS_PHONE, CapabilityStatus.WARNING)))
                .hasTeamsPhone()).isTrue();
    }

    @Test
    void when_several_skus_carry_a_plan_the_most_usable_status_wins() {
        UserLicenses l = UserLicenses.of(List.of(AssignedPlan.of(ServicePlan.TEAMS_PHONE, CapabilityStatus.DELETED),
                AssignedPlan.of(ServicePlan.TEAMS_PHONE, CapabilityStatus.ENABLED),
                AssignedPlan.of(ServicePlan.TEAMS_PHONE, CapabilityStatus.SUSPENDED)));
        assertThat(l.status(ServicePlan.TEAMS_PHONE)).contains(CapabilityStatus.ENABLED);
    }

    @Test
    void resource_accounts_need_the_virtual_user_plan() {
        UserLicenses user = UserLicenses.of(List.of(AssignedPlan.of(ServicePlan.TEAMS_PHONE, CapabilityStatus.ENABLED)));
        assertThat(user.voiceProblem(true)).hasValueSatisfying(v -> assertThat(v).startsWith("no MCOEV_VIRTUALUSER"));
        assertThatThrownBy(() -> user.requireVoice(true, ErrorContext.none())).isInstanceOf(LicenseException.class)
                .hasMessageContaining("MCOEV_VIRTUALUSER");
        UserLicenses ra = UserLicenses.of(List.of(AssignedPlan.of(ServicePlan.TEAMS_PHONE_RESOURCE_ACCOUNT,
                CapabilityStatus.ENABLED)));
        assertThat(ra.hasResourceAccountLicense()).isTrue();
        ra.requireVoice(true, ErrorContext.none());
    }

    @Test
    void a_user_without_plans_has_a_clear_problem() {
        assertThat(UserLicenses.of(List.of()).voiceProblem(false))
                .contains("no MCOEV (Microsoft 365 Phone System (Teams Phone)) service plan assigned");
    }

    @ParameterizedTest
    @CsvSource({"Enabled,ENABLED", "enabled,ENABLED", "Warning,WARNING", "Suspended,SUSPENDED",
        "LockedOut,LOCKED_OUT", "Deleted,DELETED", "SomethingNew,UNKNOWN"})
    void capability_status_from_graph_text(String text, CapabilityStatus expected) {
        assertThat(CapabilityStatus.fromGraph(text)).isEqualTo(expected);
    }

    @Test
    void plans_are_known_by_name() {
        assertThat(ServicePlan.byPlanName("MCOEV")).contains(ServicePlan.TEAMS_PHONE);
        assertThat(ServicePlan.TEAMS_PHONE).hasToString("MCOEV");
        assertThat(ServicePlan.known()).hasSize(11);
    }
}
