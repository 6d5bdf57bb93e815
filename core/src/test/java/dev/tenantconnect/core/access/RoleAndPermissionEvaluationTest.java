package dev.tenantconnect.core.access;

import static dev.tenantconnect.core.access.DirectoryRole.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.tenantconnect.core.error.ValidationException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoleAndPermissionEvaluationTest {

    @Test
    void direct_routing_day_two_accepts_teams_administrator_alone() {
        Evaluation<DirectoryRole> e = RoleProfile.DIRECT_ROUTING_DAY_TWO.evaluate(Set.of(TEAMS_ADMINISTRATOR));
        assertThat(e.satisfied()).isTrue();
        assertThat(e.satisfiedBy()).containsExactly(TEAMS_ADMINISTRATOR);
        assertThat(e.missingOptions()).isEmpty();
        assertThat(e.excess()).isEmpty();
    }

    @Test
    void direct_routing_day_two_accepts_telephony_plus_skype_administrators_together() {
        Evaluation<DirectoryRole> e = RoleProfile.DIRECT_ROUTING_DAY_TWO
                .evaluate(Set.of(TEAMS_TELEPHONY_ADMINISTRATOR, SKYPE_FOR_BUSINESS_ADMINISTRATOR));
        assertThat(e.satisfied()).isTrue();
        assertThat(e.satisfiedBy()).containsExactlyInAnyOrder(TEAMS_TELEPHONY_ADMINISTRATOR,
                SKYPE_FOR_BUSINESS_ADMINISTRATOR);
    }

    @Test
    void telephony_administrator_alone_is_missing_the_smallest_completions() {
        Evaluation<DirectoryRole> e = RoleProfile.DIRECT_ROUTING_DAY_TWO
                .evaluate(Set.of(TEAMS_TELEPHONY_ADMINISTRATOR, GLOBAL_ADMINISTRATOR));
        assertThat(e.satisfied()).isFalse();
        assertThat(e.missingOptions()).containsExactly(Set.of(TEAMS_ADMINISTRATOR),
                Set.of(SKYPE_FOR_BUSINESS_ADMINISTRATOR));
        assertThat(e.missingDescription()).isEqualTo("Teams Administrator | Skype for Business Administrator");
        assertThat(e.excess()).containsExactly(GLOBAL_ADMINISTRATOR);
    }

    @Test
    void holding_both_alternatives_flags_the_larger_as_excess() {
        Evaluation<DirectoryRole> e = RoleProfile.DIRECT_ROUTING_DAY_TWO.evaluate(
                Set.of(TEAMS_ADMINISTRATOR, TEAMS_TELEPHONY_ADMINISTRATOR, SKYPE_FOR_BUSINESS_ADMINISTRATOR));
        assertThat(e.satisfiedBy()).containsExactly(TEAMS_ADMINISTRATOR);
        assertThat(e.excess()).containsExactlyInAnyOrder(TEAMS_TELEPHONY_ADMINISTRATOR,
                SKYPE_FOR_BUSINESS_ADMINISTRATOR);
    }

    @Test
    void automatic_dns_onboarding_needs_both_roles_and_is_removable_afterwards() {
        Evaluation<DirectoryRole> e = RoleProfile.AUTOMATIC_DNS_ONBOARDING.evaluate(Set.of(USER_ADMINISTRATOR));
        assertThat(RoleProfile.AUTOMATIC_DNS_ONBOARDING.onboardingOnly()).isTrue();
        assertThat(RoleProfile.DIRECT_ROUTING_DAY_TWO.onboardingOnly()).isFalse();
        assertThat(e.missingOptions()).containsExactly(Set.of(DOMAIN_NAME_ADMINISTRATOR));

        // after onboarding, evaluating the day-two profile shows the onboarding roles as removable
        Evaluation<DirectoryRole> dayTwo = RoleProfile.DIRECT_ROUTING_DAY_TWO
                .evaluate(Set.of(TEAMS_ADMINISTRATOR, DOMAIN_NAME_ADMINISTRATOR, USER_ADMINISTRATOR));
        assertThat(dayTwo.excess()).containsExactlyInAnyOrder(DOMAIN_NAME_ADMINISTRATOR, USER_ADMINISTRATOR);
    }

    @Test
    void operator_connect_and_the_wizard() {
        assertThat(RoleProfile.OPERATOR_CONNECT.evaluate(Set.of(TEAMS_COMMUNICATIONS_ADMINISTRATOR)).satisfied())
                .isTrue();
        assertThat(RoleProfile.OPERATOR_CONNECT.evaluate(Set.of(TEAMS_READER)).missingDescription())
                .isEqualTo("Teams Communications Administrator | Teams Administrator");
        assertThat(RoleProfile.APP_REGISTRATION_WIZARD.evaluate(Set.of(GLOBAL_ADMINISTRATOR)).satisfied()).isTrue();
        assertThat(RoleProfile.APP_REGISTRATION_WIZARD.evaluate(Set.of(CLOUD_APPLICATION_ADMINISTRATOR)).satisfied())
                .isFalse();
        // Microsoft: granting Graph app roles and assigning directory roles take Privileged Role Administrator;
        // Application Administrator reaches neither
        assertThat(RoleProfile.APP_REGISTRATION_WIZARD.evaluate(Set.of(APPLICATION_ADMINISTRATOR)).satisfied())
                .isFalse();
        assertThat(RoleProfile.APP_REGISTRATION_WIZARD.evaluate(Set.of(PRIVILEGED_ROLE_ADMINISTRATOR)).satisfied())
                .isTrue();
    }

    @Test
    void a_combined_profile_requires_every_stage() {
        RoleProfile onboarding = RoleProfile.combined("dr-onboarding", RoleProfile.DIRECT_ROUTING_DAY_TWO,
                RoleProfile.AUTOMATIC_DNS_ONBOARDING);
        Evaluation<DirectoryRole> e = onboarding.evaluate(Set.of(TEAMS_ADMINISTRATOR));
        assertThat(e.missingOptions()).containsExactly(Set.of(DOMAIN_NAME_ADMINISTRATOR, USER_ADMINISTRATOR));
        assertThat(onboarding.onboardingOnly()).isFalse();
    }

    @Test
    void roles_are_identified_by_template_id_never_by_name() {
        DirectoryRole fromGraph = DirectoryRole.ofTemplateId("69091246-20E8-4A56-AA4D-066075B2A7A8");
        assertThat(fromGraph).isEqualTo(TEAMS_ADMINISTRATOR);
        assertThat(fromGraph).hasToString("Teams Administrator");
        DirectoryRole unknown = new DirectoryRole(UUID.fromString("00000000-0000-0000-0000-000000000042"));
        assertThat(unknown.isKnown()).isFalse();
        assertThat(unknown).hasToString("role 00000000-0000-0000-0000-000000000042");
        assertThatThrownBy(() -> DirectoryRole.ofTemplateId("Teams Administrator"))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("roleTemplateId: ");
        assertThat(DirectoryRole.known()).hasSize(16);
    }

    @Test
    void evaluation_is_consistent_for_any_held_roles_and_any_profile() {
        List<DirectoryRole> roles = List.copyOf(DirectoryRole.known().values());
        List<RoleProfile> profiles = List.of(RoleProfile.OPERATOR_CONNECT, RoleProfile.DIRECT_ROUTING_DAY_TWO,
                RoleProfile.AUTOMATIC_DNS_ONBOARDING, RoleProfile.APP_REGISTRATION_WIZARD,
                RoleProfile.combined("all", RoleProfile.OPERATOR_CONNECT, RoleProfile.DIRECT_ROUTING_DAY_TWO,
                        RoleProfile.AUTOMATIC_DNS_ONBOARDING));
        qt().withExamples(2000)
                .forAll(lists().of(integers().between(0, roles.size() - 1)).ofSizeBetween(0, 6),
                        integers().between(0, profiles.size() - 1))
                .checkAssert((idx, p) -> {
                    Set<DirectoryRole> held = new HashSet<>();
                    idx.forEach(i -> held.add(roles.get(i)));
                    Requirement<DirectoryRole> req = profiles.get(p).requirement();
                    Evaluation<DirectoryRole> e = req.evaluate(held);
                    boolean expected = req.alternatives().stream().anyMatch(held::containsAll);
                    assertThat(e.satisfied()).isEqualTo(expected);
                    assertThat(held).containsAll(e.satisfiedBy()).containsAll(e.excess());
                    assertThat(e.excess()).noneMatch(e.satisfiedBy()::contains);
                    for (Set<DirectoryRole> missing : e.missingOptions()) {
                        assertThat(missing).isNotEmpty().noneMatch(held::contains);
                        Set<DirectoryRole> completed = new HashSet<>(held);
                        completed.addAll(missing);
                        assertThat(req.evaluate(completed).satisfied()).isTrue();
                    }
                    assertThat(e.missingOptions().isEmpty()).isEqualTo(expected);
                });
    }

    @Test
    void alternatives_are_minimal_normal_form() {
        Requirement<String> r = Requirement.allOf(Requirement.anyOfItems("a", "b"),
                Requirement.anyOf(Requirement.of("a"), Requirement.allOfItems("b", "c")));
        assertThat(r.alternatives()).containsExactly(Set.of("a"), Set.of("b", "c"));
        assertThat(r).hasToString("((a or b) and (a or (b and c)))");
        assertThat(r.preferred()).containsExactly("a");
        assertThat(PermissionProfile.OPERATOR_CONNECT.requirement().preferred()).as("least privilege, not fewest")
                .containsExactlyInAnyOrder(GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.USER_READ_ALL,
                        GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL);
        assertThat(RoleProfile.DIRECT_ROUTING_DAY_TWO.requirement().preferred()).containsExactly(TEAMS_ADMINISTRATOR);
    }

    @Test
    void graph_permissions_by_name_and_app_role_id() {
        assertThat(GraphPermission.byName("TeamsTelephoneNumber.ReadWrite.All"))
                .contains(GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL);
        assertThat(GraphPermission.byAppRoleId(UUID.fromString("df021288-bdef-4463-88db-98f22de89214")))
                .contains(GraphPermission.USER_READ_ALL);
        assertThat(GraphPermission.byName("Sites.Read.All")).isEmpty();
        assertThat(GraphPermission.byName("Mail.Send")).contains(GraphPermission.MAIL_SEND);
        assertThat(GraphPermission.known()).extracting(GraphPermission::appRoleId).doesNotHaveDuplicates();
    }

    @Test
    void operator_connect_permissions_list_what_is_missing() {
        Evaluation<GraphPermission> e = PermissionProfile.OPERATOR_CONNECT.evaluate(
                Set.of(GraphPermission.DIRECTORY_READ_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READ_ALL));
        assertThat(e.satisfied()).isFalse();
        assertThat(e.missingOptions()).containsExactly(Set.of(GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL));
        assertThat(e.excess()).containsExactly(GraphPermission.TEAMS_TELEPHONE_NUMBER_READ_ALL);

        Evaluation<GraphPermission> ok = PermissionProfile.OPERATOR_CONNECT.evaluate(Set.of(
                GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.USER_READ_ALL,
                GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL));
        assertThat(ok.satisfied()).isTrue();

        // Microsoft's least privileged permission for the tenant's SKUs is accepted alone; one grant of
        // Organization.Read.All serves the organization and the SKUs, so that stays the preferred one
        assertThat(PermissionProfile.LICENSE_READ.evaluate(Set.of(GraphPermission.LICENSE_ASSIGNMENT_READ_ALL))
                .satisfied()).isTrue();
        assertThat(PermissionProfile.LICENSE_READ.requirement().preferred())
                .containsExactly(GraphPermission.ORGANIZATION_READ_ALL);
        assertThat(GraphPermission.byName("LicenseAssignment.Read.All"))
                .contains(GraphPermission.LICENSE_ASSIGNMENT_READ_ALL);
    }
}
