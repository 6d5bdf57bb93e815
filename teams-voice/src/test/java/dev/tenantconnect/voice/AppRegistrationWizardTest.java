package dev.tenantconnect.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.access.PermissionProfile;
import dev.tenantconnect.core.access.RoleProfile;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
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
import dev.tenantconnect.core.tenant.AccessToken;
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

/** The app-registration wizard, end to end against the simulator, with a device-code admin sign-in. */
class AppRegistrationWizardTest {
    static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");
    static final ClientId PUBLIC_CLIENT = ClientId.parse("04b07795-8ddb-461a-bbee-02f9e1bf7b46");
    static final UserRef.Upn ADMIN = UserRef.Upn.parse("admin@contoso.onmicrosoft.com");
    static final Set<GraphPermission> WIZARD_SCOPES = Set.of(GraphPermission.APPLICATION_READWRITE_ALL,
            GraphPermission.APP_ROLE_ASSIGNMENT_READWRITE_ALL, GraphPermission.ROLE_MANAGEMENT_READWRITE_DIRECTORY,
            GraphPermission.DIRECTORY_READ_ALL);

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> sim.tenant(TENANT)
            .displayName("Contoso").domain("contoso.onmicrosoft.com").sku(Sku.OFFICE_365_E5, 10));

    private GraphConnector graph;
    private TenantConnectClient client;
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
        client = TenantConnectClient.builder().credentials(store).connector(graph).resilience(policies)
                .invitations(new dev.tenantconnect.core.onboarding.InMemoryInvitationStore()).build();
    }

    private AccessToken adminSignIn(MicrosoftCloudSimulator sim) {
        return adminSignIn(sim, ADMIN, Set.of(DirectoryRole.GLOBAL_ADMINISTRATOR));
    }

    private AccessToken adminSignIn(MicrosoftCloudSimulator sim, UserRef.Upn who, Set<DirectoryRole> roles) {
        return graph.signInWithDeviceCode(TENANT, PUBLIC_CLIENT, WIZARD_SCOPES, prompt -> sim.deviceCodes()
                .approve(prompt.userCode(), TENANT, who, roles), Duration.ofSeconds(20));
    }

    @Test
    void an_application_administrator_may_not_grant_graph_permissions_a_privileged_role_administrator_may() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        // Microsoft: Graph app roles are granted by Privileged Role Administrator (the least privileged role for
        // them) or Global Administrator; Application Administrator is not enough, and the simulator says so too
        AccessToken appAdmin = adminSignIn(sim, UserRef.Upn.parse("appadmin@contoso.onmicrosoft.com"),
                Set.of(DirectoryRole.APPLICATION_ADMINISTRATOR));
        assertThatThrownBy(() -> client.appRegistrations().create(request("OpConnect15"), appAdmin))
                .isInstanceOfSatisfying(dev.tenantconnect.core.error.MissingPrivilegesException.class, e -> {
                    assertThat(e.getMessage()).contains("may not grant", "Application Administrator",
                            "Privileged Role Administrator");
                    assertThat(e.evaluation().satisfied()).isFalse();
                });
        long grants = sim.journal().count("graph.servicePrincipals.grant");

        AccessToken roleAdmin = adminSignIn(sim, UserRef.Upn.parse("roleadmin@contoso.onmicrosoft.com"),
                Set.of(DirectoryRole.PRIVILEGED_ROLE_ADMINISTRATOR));
        AppRegistrationResult result = client.appRegistrations().create(request("OpConnect16"), roleAdmin);

        assertThat(sim.journal().count("graph.servicePrincipals.grant")).isGreaterThan(grants);
        assertThat(sim.tenant(TENANT).app(result.clientId()).granted())
                .contains(GraphPermission.APPLICATION_READWRITE_OWNEDBY, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL);
        assertThat(sim.tenant(TENANT).roles(result.clientId()).orElseThrow())
                .contains(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR);
    }

    private static AppRegistrationRequest request(String name) {
        return AppRegistrationRequest.builder(TENANT, ServiceId.of("oc-main"), AppRegistrationName.of(name))
                .features(List.of(PermissionProfile.OPERATOR_CONNECT, PermissionProfile.SERVICE_PRINCIPAL_READ))
                .roles(RoleProfile.combined("oc-onboarding", RoleProfile.OPERATOR_CONNECT,
                        RoleProfile.AUTOMATIC_DNS_ONBOARDING)).secretValidity(Duration.ofDays(180)).build();
    }

    @Test
    void the_wizard_creates_a_working_registration_that_connects_and_verifies() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        AccessToken admin = adminSignIn(sim);
        assertThat(admin.roles()).contains(GraphPermission.APPLICATION_READWRITE_ALL);

        AppRegistrationResult result = client.appRegistrations().create(request("OpConnect01"), admin);

        assertThat(result.createdApplication()).isTrue();
        assertThat(result.roles()).containsExactlyInAnyOrder(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR,
                DirectoryRole.DOMAIN_NAME_ADMINISTRATOR, DirectoryRole.USER_ADMINISTRATOR);
        CredentialKey key = new CredentialKey(TENANT, ServiceId.of("oc-main"));
        client.connections().connect(key, result.credential());
        VerificationReport report = client.verification().verify(key, VerifyOptions.operatorConnect());
        assertThat(report.check("graph-permissions").orElseThrow().status()).as(report.toText())
                .isEqualTo(CheckStatus.PASS);
        assertThat(report.check("directory-roles").orElseThrow().status()).as("onboarding roles are excess")
                .isEqualTo(CheckStatus.WARN);

        AccessCleanup cleanup = client.appRegistrations().removeUnneededAccess(TENANT, result.clientId(), admin,
                RoleProfile.OPERATOR_CONNECT, List.of(PermissionProfile.OPERATOR_CONNECT,
                        PermissionProfile.SERVICE_PRINCIPAL_READ));
        assertThat(cleanup.removedRoles()).containsExactlyInAnyOrder(DirectoryRole.DOMAIN_NAME_ADMINISTRATOR,
                DirectoryRole.USER_ADMINISTRATOR);
        assertThat(sim.tenant(TENANT).roles(result.clientId()).orElseThrow())
                .containsExactly(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR);
    }

    @Test
    void a_rerun_continues_and_never_creates_a_second_application() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        AccessToken admin = adminSignIn(sim);
        AppRegistrationResult first = client.appRegistrations().create(request("OpConnect02"), admin);

        AppRegistrationResult again = client.appRegistrations().create(request("OpConnect02"), admin);

        assertThat(again.createdApplication()).isFalse();
        assertThat(again.clientId()).isEqualTo(first.clientId());
        assertThat(sim.journal().count("graph.applications.upsert")).isEqualTo(1);
        assertThat(sim.journal().count("graph.servicePrincipals.create")).isEqualTo(1);
    }

    @Test
    void an_application_someone_else_registered_under_the_wizards_key_is_refused_named_and_granted_nothing() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        java.util.UUID mallory = sim.tenant(TENANT).addUser("mallory@contoso.onmicrosoft.com", "Mallory", "SG");
        ClientId foreign = ClientId.parse("0f0f0f0f-0000-4000-8000-000000000009");
        // a member user registered the app first, with the name and the alternate key the wizard uses, even the tag
        sim.tenant(TENANT).app(foreign).displayName("OpConnect09").uniqueName("tenantconnect-oc-main-opconnect09")
                .tags(AppRegistrationWizard.TAG).owner(mallory);
        AccessToken admin = adminSignIn(sim);

        assertThatThrownBy(() -> client.appRegistrations().create(request("OpConnect09"), admin))
                .isInstanceOfSatisfying(dev.tenantconnect.core.error.ForeignApplicationException.class, e -> {
                    assertThat(e.application()).contains("OpConnect09").contains(foreign.value());
                    assertThat(e.owners()).singleElement().asString().contains("mallory@contoso.onmicrosoft.com");
                });
        assertThat(sim.tenant(TENANT).app(foreign).granted()).isEmpty();
        assertThat(sim.tenant(TENANT).app(foreign).secrets()).isEmpty();
        assertThat(sim.tenant(TENANT).app(foreign).owners()).containsExactly(mallory);
        assertThat(sim.journal().count("graph.servicePrincipals.grant")).isZero();
        assertThat(sim.journal().count("graph.roleAssignments.create")).isZero();
        assertThat(sim.journal().count("graph.applications.addPassword")).isZero();
        assertThat(sim.journal().count("graph.applications.upsert")).isZero();
    }

    @Test
    void an_application_with_the_same_display_name_is_never_adopted() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        java.util.UUID mallory = sim.tenant(TENANT).addUser("mallory2@contoso.onmicrosoft.com", "Mallory", "SG");
        ClientId lookalike = ClientId.parse("0f0f0f0f-0000-4000-8000-000000000010");
        sim.tenant(TENANT).app(lookalike).displayName("OpConnect10").tags(AppRegistrationWizard.TAG).owner(mallory);

        AppRegistrationResult result = client.appRegistrations().create(request("OpConnect10"), adminSignIn(sim));

        assertThat(result.clientId()).isNotEqualTo(lookalike);
        assertThat(result.createdApplication()).isTrue();
        assertThat(sim.tenant(TENANT).app(lookalike).granted()).isEmpty();
        assertThat(sim.tenant(TENANT).app(lookalike).secrets()).isEmpty();
    }

    @Test
    void three_reruns_leave_exactly_one_credential_made_by_the_sdk_and_leave_others_alone() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        AccessToken admin = adminSignIn(sim);
        AppRegistrationResult first = client.appRegistrations().create(request("OpConnect11"), admin);
        java.util.UUID operatorsOwn = sim.tenant(TENANT).app(first.clientId()).secret(
                dev.tenantconnect.core.credential.Secret.of("a-secret-the-customer-added"),
                java.time.Instant.now().plus(Duration.ofDays(30)));

        AppRegistrationResult last = first;
        for (int i = 0; i < 3; i++) {
            last = client.appRegistrations().create(request("OpConnect11"), admin);
        }

        var secrets = sim.tenant(TENANT).app(first.clientId()).secrets();
        assertThat(secrets.values().stream().filter(n -> n.equals("tenantconnect:oc-main"))).hasSize(1);
        assertThat(secrets).containsKey(operatorsOwn).hasSize(2);
        var newest = (dev.tenantconnect.core.credential.ClientSecretCredential) last.credential();
        assertThat(secrets).containsKey(newest.keyId().orElseThrow());
        assertThat(graph.freshAppToken(TENANT, last.credential()).tenant()).isEqualTo(TENANT);
        assertThatThrownBy(() -> graph.freshAppToken(TENANT, first.credential()))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void a_certificate_registration_works_end_to_end_and_reruns_keep_one_certificate() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        AccessToken admin = adminSignIn(sim);
        AppRegistrationRequest certificate = request("OpConnect12").withCredential(
                AppRegistrationRequest.CredentialKind.CERTIFICATE);

        AppRegistrationResult first = client.appRegistrations().create(certificate, admin);
        AppRegistrationResult second = client.appRegistrations().create(certificate, admin);

        assertThat(second.credential()).isInstanceOf(dev.tenantconnect.core.credential.ClientCertificateCredential.class);
        assertThat(sim.tenant(TENANT).app(second.clientId()).certificates()).hasSize(1);
        assertThat(sim.tenant(TENANT).app(second.clientId()).secrets()).isEmpty();
        assertThatThrownBy(() -> graph.freshAppToken(TENANT, first.credential()))
                .isInstanceOf(AuthenticationFailedException.class);
        CredentialKey key = new CredentialKey(TENANT, ServiceId.of("oc-cert"));
        client.connections().connect(key, second.credential());
        VerificationReport report = client.verification().verify(key, VerifyOptions.operatorConnect());
        assertThat(report.check("token").orElseThrow().status()).isEqualTo(CheckStatus.PASS);
        assertThat(report.check("graph-permissions").orElseThrow().status()).as(report.toText())
                .isEqualTo(CheckStatus.PASS);

        // the connection can now rotate its own certificate: the wizard made its service principal an owner
        CredentialRecord rotated = client.credentialRotation().rotateCertificate(key, Duration.ofDays(90));
        assertThat(graph.freshAppToken(TENANT, rotated.credential()).tenant()).isEqualTo(TENANT);
    }

    @Test
    void verification_reads_directory_roles_from_the_tokens_wids_claim_without_a_tenant_wide_read_permission() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        AppRegistrationRequest lean = AppRegistrationRequest.builder(TENANT, ServiceId.of("oc-lean"),
                AppRegistrationName.of("OpConnect14")).features(List.of(PermissionProfile.OPERATOR_CONNECT))
                .roles(RoleProfile.OPERATOR_CONNECT).secretValidity(Duration.ofDays(30)).build();
        AppRegistrationResult result = client.appRegistrations().create(lean, adminSignIn(sim));
        assertThat(sim.tenant(TENANT).app(result.clientId()).granted())
                .doesNotContain(GraphPermission.ROLE_MANAGEMENT_READ_DIRECTORY, GraphPermission.DIRECTORY_READ_ALL);
        CredentialKey key = new CredentialKey(TENANT, ServiceId.of("oc-lean"));
        client.connections().connect(key, result.credential());
        long roleReads = sim.journal().count("graph.roleAssignments.list");

        VerificationReport report = client.verification().verify(key, new VerifyOptions(RoleProfile.OPERATOR_CONNECT,
                List.of(PermissionProfile.OPERATOR_CONNECT), Duration.ofDays(7)));

        assertThat(report.check("directory-roles").orElseThrow().status()).as(report.toText())
                .isEqualTo(CheckStatus.PASS);
        assertThat(report.check("graph-permissions").orElseThrow().status()).as(report.toText())
                .isEqualTo(CheckStatus.PASS);
        assertThat(sim.journal().count("graph.roleAssignments.list")).as("no directory read").isEqualTo(roleReads);
    }

    @Test
    void the_wizard_sets_up_what_secret_rotation_needs_and_rotation_works_with_the_apps_own_secret() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        AppRegistrationResult result = client.appRegistrations().create(request("OpConnect13"), adminSignIn(sim));
        var app = sim.tenant(TENANT).app(result.clientId());
        assertThat(app.owners()).contains(result.servicePrincipalId());
        assertThat(app.granted()).contains(GraphPermission.APPLICATION_READWRITE_OWNEDBY)
                .as("OwnedBy reads the service principal: no tenant-wide read grant")
                .doesNotContain(GraphPermission.APPLICATION_READWRITE_ALL, GraphPermission.APPLICATION_READ_ALL);
        CredentialKey key = new CredentialKey(TENANT, ServiceId.of("oc-rot"));
        client.connections().connect(key, result.credential());

        RotationResult rotated = client.credentialRotation().rotateSecret(key, Duration.ofDays(30));

        assertThat(graph.freshAppToken(TENANT, rotated.record().credential()).tenant()).isEqualTo(TENANT);
        assertThatThrownBy(() -> client.credentialRotation().rotateSecret(key, Duration.ofDays(30)))
                .isInstanceOf(dev.tenantconnect.core.error.UnretiredCredentialException.class)
                .hasMessageContaining("retire");
    }

    @Test
    void new_objects_invisible_for_a_while_are_waited_for() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        AccessToken admin = adminSignIn(sim);
        sim.faults().replicationDelay(Duration.ofMillis(1500));

        AppRegistrationResult result = client.appRegistrations().create(request("OpConnect03"), admin);
        AppRegistrationResult again = client.appRegistrations().create(request("OpConnect03"), admin);

        assertThat(result.permissions()).contains(GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL);
        assertThat(again.clientId()).isEqualTo(result.clientId());
        assertThat(sim.journal().entries(e -> e.status() == 404)).isNotEmpty();
    }

    @Test
    void permissions_that_propagate_slowly_after_consent_are_waited_for() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        AccessToken admin = adminSignIn(sim);
        sim.faults().permissionPropagationDelay(Duration.ofMillis(1500));

        AppRegistrationResult result = client.appRegistrations().create(request("OpConnect08"), admin);

        assertThat(graph.freshAppToken(TENANT, result.credential()).roles()).containsAll(result.permissions());
        assertThat(sim.journal().entries(e -> e.endpoint().equals("entra.token") && e.status() == 200).size())
                .as("tokens without the permissions were refused by the wait").isGreaterThan(2);
    }

    @Test
    void throttling_during_onboarding_is_absorbed_by_the_transport_policy() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        AccessToken admin = adminSignIn(sim);
        sim.faults().throttlePerAppAndTenant(new dev.tenantconnect.testkit.Faults.Throttling(4, 4.0));

        AppRegistrationResult result = client.appRegistrations().create(request("OpConnect04"), admin);

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

        assertThatThrownBy(() -> client.appRegistrations().create(request("OpConnect05"), foreignAdmin))
                .isInstanceOfSatisfying(dev.tenantconnect.core.error.TenantMismatchException.class,
                        e -> assertThat(e.actual()).isEqualTo(other));
        assertThat(sim.journal().count("graph.applications.create")).isZero();
    }

    @Test
    void a_pending_invitation_is_completed_later_and_names_are_unique_per_service() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        var invitation = client.appRegistrations().invite(TENANT, ServiceId.of("oc-main"), AppRegistrationName.of("OpConnect06"));
        assertThat(invitation.status()).isEqualTo(dev.tenantconnect.core.onboarding.InvitationStatus.PENDING);
        assertThatThrownBy(() -> client.appRegistrations().invite(TENANT, ServiceId.of("dr-site1"), AppRegistrationName.of("opconnect06")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("already used by service oc-main");

        Connection c = client.appRegistrations().completeInvitation(invitation.id(), adminSignIn(sim),
                List.of(PermissionProfile.OPERATOR_CONNECT), RoleProfile.OPERATOR_CONNECT, Duration.ofDays(90));

        assertThat(c.record().key()).isEqualTo(new CredentialKey(TENANT, ServiceId.of("oc-main")));
        assertThat(store.find(c.record().key())).isPresent();
        assertThatThrownBy(() -> client.appRegistrations().completeInvitation(invitation.id(), adminSignIn(sim),
                List.of(PermissionProfile.OPERATOR_CONNECT), RoleProfile.OPERATOR_CONNECT, Duration.ofDays(90)))
                .hasMessageContaining("completed already");
    }

    @Test
    void a_failed_invitation_records_why_and_can_be_completed_again() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        var invitation = client.appRegistrations().invite(TENANT, ServiceId.of("oc-main"), AppRegistrationName.of("OpConnect07"));
        AccessToken admin = adminSignIn(sim);
        sim.faults().serverErrors(1.0);

        assertThatThrownBy(() -> client.appRegistrations().completeInvitation(invitation.id(), admin, List.of(PermissionProfile
                .OPERATOR_CONNECT), RoleProfile.OPERATOR_CONNECT, Duration.ofDays(90)))
                .isInstanceOf(dev.tenantconnect.core.error.ServiceException.class);
        sim.faults().serverErrors(0);

        Connection c = client.appRegistrations().completeInvitation(invitation.id(), admin, List.of(PermissionProfile.OPERATOR_CONNECT),
                RoleProfile.OPERATOR_CONNECT, Duration.ofDays(90));
        assertThat(c.record().version()).isEqualTo(1);
    }

    /** The system browser, played by a test: opens the authorize URL and follows it to the loopback redirect. */
    private static java.util.function.Consumer<java.net.URI> browser(MicrosoftCloudSimulator sim) {
        return uri -> {
            try {
                java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().sslContext(sim.sslContext())
                        .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
                // the connector keeps Microsoft's login host; this browser resolves it to the simulator
                java.net.URI atSimulator = java.net.URI.create(sim.baseUrl() + uri.getRawPath() + "?"
                        + uri.getRawQuery());
                var authorize = http.send(java.net.http.HttpRequest.newBuilder(atSimulator).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                assertThat(authorize.statusCode()).isEqualTo(302);
                String location = authorize.headers().firstValue("Location").orElseThrow();
                assertThat(location).startsWith("http://127.0.0.1:");
                http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(location)).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void an_admin_signs_in_at_the_browser_with_pkce_and_the_wizard_completes() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        sim.interactiveSignIns().signInAs(TENANT, ADMIN, Set.of(DirectoryRole.GLOBAL_ADMINISTRATOR));
        java.util.List<java.net.URI> opened = new java.util.ArrayList<>();

        AccessToken admin = graph.signInWithBrowser(TENANT, PUBLIC_CLIENT, WIZARD_SCOPES,
                uri -> {
                    opened.add(uri);
                    browser(sim).accept(uri);
                }, Duration.ofSeconds(20));

        assertThat(opened).singleElement().asString().contains("code_challenge_method=S256", "code_challenge=",
                "redirect_uri=http%3A%2F%2F127.0.0.1%3A", PUBLIC_CLIENT.value());
        assertThat(admin.roles()).contains(GraphPermission.APPLICATION_READWRITE_ALL);
        AppRegistrationResult result = client.appRegistrations().create(request("OpConnect15"), admin);
        assertThat(graph.freshAppToken(TENANT, result.credential()).tenant()).isEqualTo(TENANT);
    }

    @Test
    void a_declined_browser_sign_in_fails_with_a_typed_error() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        sim.interactiveSignIns().declineNext();

        assertThatThrownBy(() -> graph.signInWithBrowser(TENANT, PUBLIC_CLIENT, WIZARD_SCOPES, browser(sim),
                Duration.ofSeconds(20))).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("access_denied");
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
