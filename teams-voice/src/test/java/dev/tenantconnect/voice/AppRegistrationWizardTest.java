package dev.tenantconnect.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.access.PermissionProfile;
import dev.tenantconnect.core.access.RoleProfile;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.error.AuthenticationFailedException;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.AppRegistrationName;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.resilience.PollingConsistencyPolicy;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.graph.AccessToken;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Sku;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seed 004's invitation wizard, end to end against the simulator, with a device-code admin sign-in. */
class AppRegistrationWizardTest {
    static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");
    static final ClientId PUBLIC_CLIENT = ClientId.parse("04b07795-8ddb-461a-bbee-02f9e1bf7b46");
    static final UserRef.Upn ADMIN = UserRef.Upn.parse("admin@contoso.onmicrosoft.com");
    static final Set<GraphPermission> WIZARD_SCOPES = Set.of(GraphPermission.APPLICATION_READWRITE_ALL,
            GraphPermission.APP_ROLE_ASSIGNMENT_READWRITE_ALL, GraphPermission.ROLE_MANAGEMENT_READWRITE_DIRECTORY,
            GraphPermission.ORGANIZATION_READ_ALL);

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> sim.tenant(TENANT)
            .displayName("Contoso").domain("contoso.onmicrosoft.com").sku(Sku.OFFICE_365_E5, 10));

    private GraphConnector graph;
    private TenantConnect tc;
    private InMemoryCredentialStore store;

    @BeforeEach
    void wire() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        graph = SimulatedConnector.forSimulator(sim);
        store = new InMemoryCredentialStore();
        ResiliencePolicies policies = ResiliencePolicies.builder(Clock.systemUTC(), Sleeper.system())
                .transport(dev.tenantconnect.core.resilience.RetryingTransportPolicy.builder().maxAttempts(8)
                        .baseDelay(Duration.ofMillis(50)).maxDelay(Duration.ofMillis(500)).build())
                .consistency(PollingConsistencyPolicy.builder().initialDelay(Duration.ofMillis(100))
                        .maxDelay(Duration.ofMillis(400)).confirmationDelay(Duration.ofMillis(50))
                        .totalBudget(Duration.ofSeconds(15)).maxPolls(60).build()).build();
        tc = TenantConnect.builder().store(store).graph(graph).resilience(policies)
                .invitations(new dev.tenantconnect.core.onboarding.InMemoryInvitationStore()).build();
    }

    private AccessToken adminSignIn(MicrosoftCloudSimulator sim) {
        return graph.signInWithDeviceCode(TENANT, PUBLIC_CLIENT, WIZARD_SCOPES, prompt -> sim.deviceCodes()
                .approve(prompt.userCode(), TENANT, ADMIN, Set.of(DirectoryRole.GLOBAL_ADMINISTRATOR)),
                Duration.ofSeconds(20));
    }

    private static AppRegistrationRequest request(String name) {
        return new AppRegistrationRequest(TENANT, ServiceId.of("oc-main"), AppRegistrationName.of(name),
                List.of(PermissionProfile.OPERATOR_CONNECT, PermissionProfile.ROLE_READ,
                        PermissionProfile.SERVICE_PRINCIPAL_READ),
                RoleProfile.combined("oc-onboarding", RoleProfile.OPERATOR_CONNECT,
                        RoleProfile.AUTOMATIC_DNS_ONBOARDING), Duration.ofDays(180));
    }

    @Test
    void the_wizard_creates_a_working_registration_that_connects_and_verifies() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        AccessToken admin = adminSignIn(sim);
        assertThat(admin.roles()).contains(GraphPermission.APPLICATION_READWRITE_ALL);

        AppRegistrationResult result = tc.createAppRegistration(request("OpConnect01"), admin);

        assertThat(result.createdApplication()).isTrue();
        assertThat(result.roles()).containsExactlyInAnyOrder(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR,
                DirectoryRole.DOMAIN_NAME_ADMINISTRATOR, DirectoryRole.USER_ADMINISTRATOR);
        CredentialKey key = new CredentialKey(TENANT, ServiceId.of("oc-main"));
        tc.connect(key, result.credential());
        VerificationReport report = tc.verify(key, VerifyOptions.operatorConnect());
        assertThat(report.check("graph-permissions").orElseThrow().status()).as(report.toText())
                .isEqualTo(CheckStatus.PASS);
        assertThat(report.check("directory-roles").orElseThrow().status()).as("onboarding roles are excess")
                .isEqualTo(CheckStatus.WARN);

        AccessCleanup cleanup = tc.removeUnneededAccess(TENANT, result.credential().clientId(), admin,
                RoleProfile.OPERATOR_CONNECT, List.of(PermissionProfile.OPERATOR_CONNECT, PermissionProfile.ROLE_READ,
                        PermissionProfile.SERVICE_PRINCIPAL_READ));
        assertThat(cleanup.removedRoles()).containsExactlyInAnyOrder(DirectoryRole.DOMAIN_NAME_ADMINISTRATOR,
                DirectoryRole.USER_ADMINISTRATOR);
        assertThat(sim.tenant(TENANT).roles(result.credential().clientId()).orElseThrow())
                .containsExactly(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR);
    }

    @Test
    void a_rerun_continues_and_never_creates_a_second_application() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        AccessToken admin = adminSignIn(sim);
        AppRegistrationResult first = tc.createAppRegistration(request("OpConnect02"), admin);

        AppRegistrationResult again = tc.createAppRegistration(request("OpConnect02"), admin);

        assertThat(again.createdApplication()).isFalse();
        assertThat(again.credential().clientId()).isEqualTo(first.credential().clientId());
        assertThat(sim.journal().count("graph.applications.create")).isEqualTo(1);
        assertThat(sim.journal().count("graph.servicePrincipals.create")).isEqualTo(1);
    }

    @Test
    void new_objects_invisible_for_a_while_are_waited_for() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        AccessToken admin = adminSignIn(sim);
        sim.faults().replicationDelay(Duration.ofMillis(1500));

        AppRegistrationResult result = tc.createAppRegistration(request("OpConnect03"), admin);

        assertThat(result.permissions()).contains(GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL);
        assertThat(sim.journal().entries(e -> e.status() == 404)).isNotEmpty();
    }

    @Test
    void permissions_that_propagate_slowly_after_consent_are_waited_for() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        AccessToken admin = adminSignIn(sim);
        sim.faults().permissionPropagationDelay(Duration.ofMillis(1500));

        AppRegistrationResult result = tc.createAppRegistration(request("OpConnect08"), admin);

        assertThat(graph.freshAppToken(TENANT, result.credential()).roles()).containsAll(result.permissions());
        assertThat(sim.journal().entries(e -> e.endpoint().equals("entra.token") && e.status() == 200).size())
                .as("tokens without the permissions were refused by the wait").isGreaterThan(2);
    }

    @Test
    void throttling_during_onboarding_is_absorbed_by_the_transport_policy() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        AccessToken admin = adminSignIn(sim);
        sim.faults().throttlePerAppAndTenant(new dev.tenantconnect.testkit.Faults.Throttling(4, 4.0));

        AppRegistrationResult result = tc.createAppRegistration(request("OpConnect04"), admin);

        assertThat(result.permissions()).isNotEmpty();
        assertThat(sim.journal().countStatus(429)).isPositive();
    }

    @Test
    void an_admin_of_another_tenant_cannot_create_the_registration() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        TenantId other = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000002");
        sim.tenant(other).displayName("Fabrikam");
        AccessToken foreignAdmin = graph.signInWithDeviceCode(other, PUBLIC_CLIENT, WIZARD_SCOPES, prompt -> sim
                .deviceCodes().approve(prompt.userCode(), other, ADMIN, Set.of()), Duration.ofSeconds(20));

        assertThatThrownBy(() -> tc.createAppRegistration(request("OpConnect05"), foreignAdmin))
                .isInstanceOfSatisfying(dev.tenantconnect.core.error.TenantMismatchException.class,
                        e -> assertThat(e.actual()).isEqualTo(other));
        assertThat(sim.journal().count("graph.applications.create")).isZero();
    }

    @Test
    void a_pending_invitation_is_completed_later_and_names_are_unique_per_service() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        var invitation = tc.invite(TENANT, ServiceId.of("oc-main"), AppRegistrationName.of("OpConnect06"));
        assertThat(invitation.status()).isEqualTo(dev.tenantconnect.core.onboarding.InvitationStatus.PENDING);
        assertThatThrownBy(() -> tc.invite(TENANT, ServiceId.of("dr-site1"), AppRegistrationName.of("opconnect06")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("already used by service oc-main");

        Connection c = tc.completeInvitation(invitation.id(), adminSignIn(sim),
                List.of(PermissionProfile.OPERATOR_CONNECT), RoleProfile.OPERATOR_CONNECT, Duration.ofDays(90));

        assertThat(c.record().key()).isEqualTo(new CredentialKey(TENANT, ServiceId.of("oc-main")));
        assertThat(store.find(c.record().key())).isPresent();
        assertThatThrownBy(() -> tc.completeInvitation(invitation.id(), adminSignIn(sim),
                List.of(PermissionProfile.OPERATOR_CONNECT), RoleProfile.OPERATOR_CONNECT, Duration.ofDays(90)))
                .hasMessageContaining("completed already");
    }

    @Test
    void a_failed_invitation_records_why_and_can_be_completed_again() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        var invitation = tc.invite(TENANT, ServiceId.of("oc-main"), AppRegistrationName.of("OpConnect07"));
        AccessToken admin = adminSignIn(sim);
        sim.faults().serverErrors(1.0);

        assertThatThrownBy(() -> tc.completeInvitation(invitation.id(), admin, List.of(PermissionProfile
                .OPERATOR_CONNECT), RoleProfile.OPERATOR_CONNECT, Duration.ofDays(90)))
                .isInstanceOf(dev.tenantconnect.core.error.ServiceException.class);
        sim.faults().serverErrors(0);

        Connection c = tc.completeInvitation(invitation.id(), admin, List.of(PermissionProfile.OPERATOR_CONNECT),
                RoleProfile.OPERATOR_CONNECT, Duration.ofDays(90));
        assertThat(c.record().version()).isEqualTo(1);
    }

    @Test
    void an_expired_device_code_ends_the_sign_in() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        sim.deviceCodes().lifetime(Duration.ofSeconds(2));
        assertThatThrownBy(() -> graph.signInWithDeviceCode(TENANT, PUBLIC_CLIENT, WIZARD_SCOPES, prompt -> { },
                Duration.ofSeconds(20))).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void an_admin_who_never_signs_in_times_out_and_a_bad_name_fails_before_anything() {
        assertThatThrownBy(() -> graph.signInWithDeviceCode(TENANT, PUBLIC_CLIENT, WIZARD_SCOPES, prompt -> { },
                Duration.ofMillis(1500))).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("did not complete");
        assertThatThrownBy(() -> request("Op Connect.01")).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("appRegistrationName: ");
    }
}
