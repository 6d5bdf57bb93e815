package dev.tenantconnect.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.ConnectionMethod;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.DelegatedTokenCredential;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.LegacyPasswordCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.AuthenticationFailedException;
import dev.tenantconnect.core.error.MissingPrivilegesException;
import dev.tenantconnect.core.error.UnretiredCredentialException;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.testing.FakeSleeper;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Sku;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RotationAndUpgradeTest {
    static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-000000000001");
    static final String PUBLIC_CLIENT = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
    static final Secret SECRET = Secret.of("rotation-test-secret");
    static final CredentialKey KEY = new CredentialKey(TENANT, ServiceId.of("oc-main"));

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> sim.tenant(TENANT)
            .displayName("Contoso").domain("contoso.onmicrosoft.com").sku(Sku.OFFICE_365_E5, 10)
            .app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
            .grant(GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.APPLICATION_READWRITE_OWNEDBY)
            .ownedByItself().secret(SECRET, Instant.now().plus(Duration.ofDays(20))));

    private final FakeClock clock = new FakeClock(Instant.now());
    private InMemoryCredentialStore store;
    private GraphConnector graph;
    private TenantConnectClient client;

    @BeforeEach
    void wire() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        graph = SimulatedConnector.forSimulator(sim);
        store = new InMemoryCredentialStore(clock);
        client = TenantConnectClient.builder().credentials(store).connector(graph).clock(clock)
                .resilience(ResiliencePolicies.builder(clock, new FakeSleeper(clock)).build()).build();
    }

    private static ClientSecretCredential secret(Secret s) {
        return ClientSecretCredential.of(APP, s, Instant.now().plus(Duration.ofDays(20)));
    }

    @Test
    void a_secret_rotates_without_downtime_and_the_old_one_is_retired_after_the_grace_period() {
        client.connections().connect(KEY, secret(SECRET));

        RotationResult rotated = client.credentialRotation().rotateSecret(KEY, Duration.ofDays(180));

        CredentialRecord r = rotated.record();
        assertThat(r.version()).isEqualTo(2);
        assertThat(r.previous()).isPresent();
        assertThat(graph.appToken(TENANT, r.credential()).tenant()).isEqualTo(TENANT);
        assertThat(graph.appToken(TENANT, secret(SECRET)).tenant()).as("old secret still works").isEqualTo(TENANT);

        assertThat(client.credentialRotation().retirePrevious(KEY, Duration.ofHours(1)).outcome()).isEqualTo(RetirementResult.Outcome.NOT_DUE);
        clock.advance(Duration.ofHours(2));
        RetirementResult retired = client.credentialRotation().retirePrevious(KEY, Duration.ofHours(1));

        assertThat(retired.outcome()).isEqualTo(RetirementResult.Outcome.RETIRED);
        assertThat(retired.record().previous()).isEmpty();
        assertThat(client.credentialRotation().retirePrevious(KEY, Duration.ZERO).outcome())
                .isEqualTo(RetirementResult.Outcome.NOTHING_TO_RETIRE);
        assertThat(retired.record().credential().expiresAt().orElseThrow()).isAfter(Instant.now().plus(
                Duration.ofDays(170)));
    }

    @Test
    void a_certificate_rotates_with_proof_of_possession_and_the_old_one_is_removed() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        var first = graph.generateCertificate(APP, "oc-main", Duration.ofDays(365));
        sim.tenant(TENANT).app(APP).certificate(first.credential().leaf());
        client.connections().connect(KEY, first.credential());

        CredentialRecord rotated = client.credentialRotation().rotateCertificate(KEY, Duration.ofDays(730));

        var now = (dev.tenantconnect.core.credential.ClientCertificateCredential) rotated.credential();
        assertThat(now.thumbprint()).isNotEqualTo(first.thumbprint());
        assertThat(graph.freshAppToken(TENANT, now).tenant()).isEqualTo(TENANT);
        assertThat(graph.freshAppToken(TENANT, first.credential()).tenant()).as("old one still works")
                .isEqualTo(TENANT);

        clock.advance(Duration.ofDays(1));
        RetirementResult retired = client.credentialRotation().retirePrevious(KEY, Duration.ofHours(12));

        assertThat(retired.removedKeyId()).isPresent();
        assertThatThrownBy(() -> graph.freshAppToken(TENANT, first.credential()))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("AADSTS700027");
        assertThat(graph.freshAppToken(TENANT, now).tenant()).isEqualTo(TENANT);
    }

    @Test
    void a_rotation_without_application_readwrite_ownedby_fails_naming_the_permission_and_changes_nothing() {
        CLOUD.simulator().tenant(TENANT).app(APP).revoke(GraphPermission.APPLICATION_READWRITE_OWNEDBY);
        CredentialRecord before = client.connections().connect(KEY, secret(SECRET)).record();

        assertThatThrownBy(() -> client.credentialRotation().rotateSecret(KEY, Duration.ofDays(30)))
                .isInstanceOfSatisfying(MissingPrivilegesException.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining("Application.ReadWrite.OwnedBy");
        assertThat(store.find(KEY)).contains(before);
        assertThat(CLOUD.simulator().tenant(TENANT).app(APP).secrets()).hasSize(1);
    }

    @Test
    void a_rotation_by_an_app_that_does_not_own_its_registration_is_refused_as_entra_does() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        ClientId notOwner = ClientId.parse("11ae0dff-4d1f-6ddf-8000-000000000002");
        Secret s = Secret.of("rotation-test-secret-2");
        sim.tenant(TENANT).app(notOwner).grant(GraphPermission.ORGANIZATION_READ_ALL,
                GraphPermission.APPLICATION_READWRITE_OWNEDBY).secret(s, Instant.now().plus(Duration.ofDays(20)));
        CredentialKey key = new CredentialKey(TENANT, ServiceId.of("oc-other"));
        client.connections().connect(key, ClientSecretCredential.of(notOwner, s, Instant.now().plus(Duration.ofDays(20))));

        assertThatThrownBy(() -> client.credentialRotation().rotateSecret(key, Duration.ofDays(30)))
                .isInstanceOf(MissingPrivilegesException.class).hasMessageContaining("not an owner");
        assertThat(sim.tenant(TENANT).app(notOwner).secrets()).hasSize(1);
    }

    @Test
    void rotating_again_before_the_previous_secret_is_retired_is_refused_so_no_live_secret_is_forgotten() {
        var app = CLOUD.simulator().tenant(TENANT).app(APP);
        java.util.UUID seeded = app.secrets().keySet().iterator().next();
        client.connections().connect(KEY, new ClientSecretCredential(APP, SECRET, java.util.Optional.of(Instant.now().plus(
                Duration.ofDays(20))), java.util.Optional.of(seeded)));
        int before = app.secrets().size();
        RotationResult first = client.credentialRotation().rotateSecret(KEY, Duration.ofDays(180));

        assertThatThrownBy(() -> client.credentialRotation().rotateSecret(KEY, Duration.ofDays(180)))
                .isInstanceOf(UnretiredCredentialException.class).hasMessageContaining("retire");
        assertThat(store.find(KEY)).contains(first.record());
        assertThat(app.secrets()).hasSize(before + 1);

        clock.advance(Duration.ofHours(2));
        client.credentialRotation().retirePrevious(KEY, Duration.ofHours(1));
        RotationResult second = client.credentialRotation().rotateSecret(KEY, Duration.ofDays(180));
        assertThat(second.record().version()).isEqualTo(first.record().version() + 2);
        assertThat(app.secrets()).as("the seeded secret was retired").hasSize(before + 1).doesNotContainKey(seeded);
    }

    private String refreshTokenFromDeviceSignIn(MicrosoftCloudSimulator sim) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(sim.sslContext()).build();
        ObjectMapper json = new ObjectMapper();
        String scope = URLEncoder.encode("https://graph.microsoft.com/Organization.Read.All offline_access",
                StandardCharsets.UTF_8);
        var dc = json.readTree(http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/" + TENANT.value()
                        + "/oauth2/v2.0/devicecode")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + PUBLIC_CLIENT + "&scope=" + scope)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        sim.deviceCodes().approve(dc.get("user_code").asText(), TENANT,
                UserRef.Upn.parse("admin@contoso.onmicrosoft.com"), Set.of(DirectoryRole.GLOBAL_ADMINISTRATOR));
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(sim.tokenEndpoint(TENANT)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=device_code&client_id=" + PUBLIC_CLIENT
                        + "&device_code=" + dc.get("device_code").asText())).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("refresh_token").asText();
    }

    @Test
    void password_moves_to_delegated_token_then_to_app_registration_one_step_at_a_time() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        store.create(KEY, new LegacyPasswordCredential(UserRef.Upn.parse("admin@contoso.onmicrosoft.com"),
                Secret.of("legacy-password")));

        assertThatThrownBy(() -> client.connections().upgrade(KEY, secret(SECRET))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("next step is DELEGATED_TOKEN");

        DelegatedTokenCredential delegated = new DelegatedTokenCredential(ClientId.parse(PUBLIC_CLIENT),
                Secret.of(refreshTokenFromDeviceSignIn(sim)), clock.instant());
        Connection step1 = client.connections().upgrade(KEY, delegated);
        assertThat(step1.record().credential().method()).isEqualTo(ConnectionMethod.DELEGATED_TOKEN);

        Connection step2 = client.connections().upgrade(KEY, secret(SECRET));
        assertThat(step2.record().version()).isEqualTo(3);
        assertThat(step2.record().credential().method()).isEqualTo(ConnectionMethod.APP_REGISTRATION);
        assertThat(step2.record().previous().orElseThrow().credential().method())
                .isEqualTo(ConnectionMethod.DELEGATED_TOKEN);
        assertThat(step2.organization().displayName()).isEqualTo("Contoso");
    }

    @Test
    void a_delegated_upgrade_stores_the_refresh_token_entra_returned_so_the_stored_connection_still_works()
            throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        store.create(KEY, new LegacyPasswordCredential(UserRef.Upn.parse("admin@contoso.onmicrosoft.com"),
                Secret.of("legacy-password")));
        DelegatedTokenCredential signedIn = new DelegatedTokenCredential(ClientId.parse(PUBLIC_CLIENT),
                Secret.of(refreshTokenFromDeviceSignIn(sim)), clock.instant());

        Connection upgraded = client.connections().upgrade(KEY, signedIn);

        DelegatedTokenCredential stored = (DelegatedTokenCredential) upgraded.record().credential();
        assertThat(stored.refreshToken().revealAsString()).as("validation redeemed the one given")
                .isNotEqualTo(signedIn.refreshToken().revealAsString());
        assertThat(graph.delegatedToken(TENANT, stored, Set.of("Organization.Read.All")).tenant()).isEqualTo(TENANT);
        assertThatThrownBy(() -> graph.delegatedToken(TENANT, signedIn, Set.of("Organization.Read.All")))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void a_new_credential_that_does_not_work_never_replaces_the_old_one() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        CredentialRecord before = store.create(KEY, new DelegatedTokenCredential(ClientId.parse(PUBLIC_CLIENT),
                Secret.of(refreshTokenFromDeviceSignIn(sim)), clock.instant()));

        assertThatThrownBy(() -> client.connections().upgrade(KEY, secret(Secret.of("typo-secret"))))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(store.find(KEY)).contains(before);

        sim.deviceCodes().revokeSessions(UserRef.Upn.parse("admin@contoso.onmicrosoft.com"));
        store.replace(KEY, 1, new LegacyPasswordCredential(UserRef.Upn.parse("a@contoso.onmicrosoft.com"),
                Secret.of("x")));
        CredentialRecord pw = store.find(KEY).orElseThrow();
        DelegatedTokenCredential revoked = (DelegatedTokenCredential) before.credential();
        assertThatThrownBy(() -> client.connections().upgrade(KEY, revoked)).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("AADSTS700082");
        assertThat(store.find(KEY)).contains(pw);
    }
}
