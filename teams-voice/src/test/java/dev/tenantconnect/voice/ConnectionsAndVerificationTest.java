package dev.tenantconnect.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.access.RoleProfile;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.AuthenticationFailedException;
import dev.tenantconnect.core.error.ConcurrentUpdateException;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectionsAndVerificationTest {
    static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-000000000001");
    static final Secret SECRET = Secret.of("voice-test-secret");
    static final CredentialKey KEY = new CredentialKey(TENANT, ServiceId.of("oc-main"));

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> sim.tenant(TENANT)
            .displayName("Contoso").domain("contoso.onmicrosoft.com").sku(Sku.OFFICE_365_E5, 10)
            .app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
            .grant(GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.USER_READ_ALL,
                    GraphPermission.APPLICATION_READ_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
            .secret(SECRET, Instant.now().plus(Duration.ofDays(365))));

    private InMemoryCredentialStore store;
    private TenantConnectClient client;

    @BeforeEach
    void wire() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        GraphConnector graph = SimulatedConnector.forSimulator(sim);
        store = new InMemoryCredentialStore();
        client = TenantConnectClient.builder().credentials(store).connector(graph).build();
    }

    private static ClientSecretCredential secret(Secret s, Duration validFor) {
        return ClientSecretCredential.of(APP, s, Instant.now().plus(validFor));
    }

    private static Map<String, CheckStatus> statuses(VerificationReport r) {
        return r.checks().stream().collect(Collectors.toMap(Check::name, Check::status));
    }

    @Test
    void connect_validates_then_stores_and_verify_passes_every_check() {
        Connection c = client.connections().connect(KEY, secret(SECRET, Duration.ofDays(365)));
        assertThat(c.organization().displayName()).isEqualTo("Contoso");
        assertThat(c.record().version()).isEqualTo(1);
        assertThat(store.find(KEY)).isPresent();

        VerificationReport report = client.verification().verify(KEY, VerifyOptions.operatorConnect());

        assertThat(report.overall()).as(report.toText()).isEqualTo(CheckStatus.PASS);
        assertThat(report.checks()).extracting(Check::name).containsExactly("token", "tenant", "service-principal",
                "directory-roles", "graph-permissions", "credential-expiry", "teams-phone-licences");
        assertThat(report.check("teams-phone-licences").orElseThrow().evidence()).contains("10 of 10");
    }

    @Test
    void a_wrong_secret_is_refused_and_nothing_is_stored() {
        assertThatThrownBy(() -> client.connections().connect(KEY, secret(Secret.of("nope"), Duration.ofDays(30))))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("AADSTS7000215");
        assertThat(store.find(KEY)).isEmpty();
    }

    @Test
    void an_already_connected_service_is_not_overwritten() {
        client.connections().connect(KEY, secret(SECRET, Duration.ofDays(365)));
        assertThatThrownBy(() -> client.connections().connect(KEY, secret(SECRET, Duration.ofDays(365))))
                .isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining("rotate or upgrade");
    }

    @Test
    void verify_lists_every_problem_at_once() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        client.connections().connect(KEY, secret(SECRET, Duration.ofDays(10)));
        sim.tenant(TENANT).app(APP).grant(GraphPermission.MAIL_SEND);

        VerificationReport report = client.verification().verify(KEY, VerifyOptions.operatorConnect()
                .withRoles(RoleProfile.DIRECT_ROUTING_DAY_TWO));

        Map<String, CheckStatus> s = statuses(report);
        assertThat(s).containsEntry("token", CheckStatus.PASS).containsEntry("directory-roles", CheckStatus.FAIL)
                .containsEntry("graph-permissions", CheckStatus.WARN).containsEntry("credential-expiry",
                        CheckStatus.WARN).containsEntry("teams-phone-licences", CheckStatus.PASS);
        assertThat(report.check("directory-roles").orElseThrow().remediation())
                .contains("Teams Administrator | Skype for Business Administrator + Teams Telephony Administrator");
        assertThat(report.check("graph-permissions").orElseThrow().evidence()).contains("Mail.Send")
                .contains("mailbox-wide");
        assertThat(report.overall()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void a_broken_credential_fails_the_token_and_skips_what_needs_it_without_hiding_the_rest() {
        store.create(KEY, secret(Secret.of("stale-secret"), Duration.ofDays(-1)));

        VerificationReport report = client.verification().verify(KEY, VerifyOptions.operatorConnect());

        Map<String, CheckStatus> s = statuses(report);
        assertThat(s).containsEntry("token", CheckStatus.FAIL).containsEntry("directory-roles", CheckStatus.SKIPPED)
                .containsEntry("credential-expiry", CheckStatus.FAIL);
        assertThat(report.checks()).hasSize(7);
        assertThat(report.toText()).doesNotContain("stale-secret");
    }

    @Test
    void roles_are_read_from_the_token_without_role_read_permission_and_a_tenant_without_teams_phone_is_flagged() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        sim.reset();
        sim.tenant(TENANT).sku(Sku.M365_E3, 5).app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                .grant(GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.USER_READ_ALL,
                        GraphPermission.APPLICATION_READ_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
                .secret(SECRET, Instant.now().plus(Duration.ofDays(365)));
        store.create(KEY, secret(SECRET, Duration.ofDays(365)));

        VerificationReport report = client.verification().verify(KEY, VerifyOptions.operatorConnect());

        Map<String, CheckStatus> s = statuses(report);
        // the role assignments are not readable (no RoleManagement.Read.Directory), but the token's wids say it,
        // and by default that tenant-wide read is not expected
        assertThat(s).containsEntry("directory-roles", CheckStatus.PASS)
                .containsEntry("graph-permissions", CheckStatus.PASS)
                .containsEntry("teams-phone-licences", CheckStatus.FAIL)
                .containsEntry("service-principal", CheckStatus.PASS);
        assertThat(report.check("directory-roles").orElseThrow().evidence())
                .contains("Teams Communications Administrator");
        assertThat(sim.journal().count("graph.roleAssignments.list")).isZero();

        // who wants the tenant-wide role read asks for it
        VerificationReport strict = client.verification().verify(KEY, VerifyOptions.operatorConnect().withTenantWideRoleRead());
        assertThat(strict.check("graph-permissions").orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
        assertThat(strict.check("graph-permissions").orElseThrow().remediation())
                .contains("RoleManagement.Read.Directory");

        // a connection that still holds it is told it is not needed
        sim.tenant(TENANT).app(APP).grant(GraphPermission.ROLE_MANAGEMENT_READ_DIRECTORY);
        VerificationReport lean = client.verification().verify(KEY, VerifyOptions.operatorConnect());
        assertThat(lean.check("graph-permissions").orElseThrow().status()).isEqualTo(CheckStatus.WARN);
        assertThat(lean.check("graph-permissions").orElseThrow().evidence())
                .contains("RoleManagement.Read.Directory");
    }

    @Test
    void the_report_renders_as_json_and_the_expiry_report_sorts_soonest_first() throws Exception {
        client.connections().connect(KEY, secret(SECRET, Duration.ofDays(365)));
        store.create(new CredentialKey(TENANT, ServiceId.of("dr-site2")), secret(SECRET, Duration.ofDays(3)));

        JsonNode json = new ObjectMapper().readTree(client.verification().verify(KEY, VerifyOptions.operatorConnect()).toJson());
        assertThat(json.get("overall").asText()).isEqualTo("PASS");
        assertThat(json.get("checks")).hasSize(7);

        List<ExpiryEntry> expiry = client.reports().credentialExpiry(Duration.ofDays(30));
        assertThat(expiry).extracting(e -> e.key().service().value()).containsExactly("dr-site2", "oc-main");
        assertThat(expiry.get(0).status()).isEqualTo(CheckStatus.WARN);
        assertThat(expiry.get(0).daysLeft()).hasValueSatisfying(d -> assertThat(d).isBetween(2L, 3L));
    }
}
