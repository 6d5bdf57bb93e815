package dev.tenantconnect.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.access.PermissionProfile;
import dev.tenantconnect.core.access.RoleProfile;
import dev.tenantconnect.core.credential.ClientCertificateCredential;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.AuthenticationFailedException;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.TenantMismatchException;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.model.AppRegistrationName;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.testing.FakeSleeper;
import dev.tenantconnect.core.tenant.AccessToken;
import dev.tenantconnect.core.tenant.AppCredentialInfo;
import dev.tenantconnect.core.tenant.GeneratedCertificate;
import dev.tenantconnect.testkit.InMemoryMicrosoftTenants;
import dev.tenantconnect.testkit.Sku;
import dev.tenantconnect.voice.enablement.EnableRequest;
import dev.tenantconnect.voice.enablement.EnableResult;
import dev.tenantconnect.voice.enablement.NumberChoice;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The root client and every service it hands out depend on the Microsoft ports, not on the Graph adapter: here the
 * client is built on the testkit's in-memory implementation alone ({@code builder().microsoft(fake)}), without HTTPS,
 * an Entra endpoint, a simulator or a {@code GraphConnector}.
 */
class ServicesOnMicrosoftPortsTest {
    private static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000a1");
    private static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000a1");
    private static final CredentialKey KEY = new CredentialKey(TENANT, ServiceId.of("oc-main"));
    private static final String SUBDOMAIN = "customer1.sbc.example";
    private static final PhoneNumber DR = PhoneNumber.parse("+12065550100");

    private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final InMemoryMicrosoftTenants microsoft = new InMemoryMicrosoftTenants(clock);
    private final InMemoryCredentialStore store = new InMemoryCredentialStore(clock);
    private final InMemoryNumberInventory inventory = new InMemoryNumberInventory(new NumberLifecycle(
            QuarantinePolicy.DEFAULT, clock), clock, new SplittableRandom(1));
    private TenantConnectClient client;

    @BeforeEach
    void wire() {
        microsoft.tenant(TENANT).displayName("Contoso").domain("contoso.example").sku(Sku.TEAMS_PHONE_STANDARD, 5)
                .app(APP, GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.USER_READ_ALL,
                        GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL, GraphPermission.APPLICATION_READ_ALL,
                        GraphPermission.APPLICATION_READWRITE_OWNEDBY, GraphPermission.DOMAIN_READWRITE_ALL,
                        GraphPermission.USER_READWRITE_ALL, GraphPermission.LICENSE_ASSIGNMENT_READWRITE_ALL)
                .roles(APP, DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR);
        client = TenantConnectClient.builder().microsoft(microsoft).credentials(store).inventory(inventory)
                .clock(clock).sleeper(new FakeSleeper(clock)).build();
    }

    private static ClientSecretCredential secret(String text) {
        return ClientSecretCredential.of(APP, Secret.of(text), Instant.parse("2026-06-01T00:00:00Z"));
    }

    @Test
    void a_tenant_is_connected_after_its_token_and_organization_are_checked_and_a_stranger_is_refused() {
        Connection c = client.connections().connect(KEY, secret("ports-secret-1"));

        assertThat(c.organization().displayName()).isEqualTo("Contoso");
        assertThat(c.grantedPermissions()).contains(GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL);
        assertThat(store.find(KEY)).isPresent();
        CredentialKey other = new CredentialKey(TENANT, ServiceId.of("other"));
        assertThatThrownBy(() -> client.connections().connect(other, ClientSecretCredential.of(
                ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000a2"), Secret.of("ports-stranger"),
                Instant.parse("2026-06-01T00:00:00Z")))).isInstanceOf(AuthenticationFailedException.class);
        assertThat(store.find(other)).isEmpty();
    }

    @Test
    void verification_reads_roles_from_the_token_and_reports_every_check() {
        client.connections().connect(KEY, secret("ports-secret-2"));

        VerificationReport report = client.verification().verify(KEY, new VerifyOptions(RoleProfile.OPERATOR_CONNECT,
                List.of(PermissionProfile.OPERATOR_CONNECT), Duration.ofDays(30)));

        assertThat(report.check(Check.TOKEN).orElseThrow().status()).isEqualTo(CheckStatus.PASS);
        assertThat(report.check(Check.TENANT).orElseThrow().status()).isEqualTo(CheckStatus.PASS);
        assertThat(report.check(Check.SERVICE_PRINCIPAL).orElseThrow().status()).isEqualTo(CheckStatus.PASS);
        assertThat(report.check(Check.DIRECTORY_ROLES).orElseThrow().status()).isEqualTo(CheckStatus.PASS);
        assertThat(report.check(Check.TEAMS_PHONE_LICENCES).orElseThrow().evidence()).startsWith("5 of 5");
        assertThat(report.check(Check.CREDENTIAL_EXPIRY).orElseThrow().status()).isEqualTo(CheckStatus.PASS);
        assertThat(report.check(Check.GRAPH_PERMISSIONS).orElseThrow().status())
                .as("granted beyond need (domains, users, licences) is a warning").isEqualTo(CheckStatus.WARN);
    }

    @Test
    void a_rotated_secret_is_stored_once_the_tenant_accepts_it_and_retired_after_the_grace_period() {
        client.connections().connect(KEY, secret("ports-secret-3"));
        CredentialRotation rotation = client.credentialRotation();

        RotationResult rotated = rotation.rotateSecret(KEY, Duration.ofDays(180));

        CredentialRecord stored = store.find(KEY).orElseThrow();
        assertThat(stored.previous()).isPresent();
        assertThat(((ClientSecretCredential) stored.credential()).keyId()).contains(rotated.newKeyId());
        assertThat(microsoft.appRegistrations(TENANT, stored.credential()).credentials(APP))
                .extracting(AppCredentialInfo::keyId).contains(rotated.newKeyId());
        assertThat(rotation.retirePrevious(KEY, Duration.ofDays(1)).outcome())
                .isEqualTo(RetirementResult.Outcome.NOT_DUE);
        clock.advance(Duration.ofDays(2));
        assertThat(rotation.retirePrevious(KEY, Duration.ofDays(1)).outcome())
                .isEqualTo(RetirementResult.Outcome.RETIRED);
        assertThat(store.find(KEY).orElseThrow().previous()).isEmpty();
    }

    @Test
    void direct_routing_onboarding_runs_every_step_on_the_ports_and_each_step_reruns() {
        client.connections().connect(KEY, secret("ports-secret-4"));
        DirectRoutingOnboarding onboarding = client.directRouting();

        DomainVerification added = onboarding.addDomain(KEY, SUBDOMAIN);
        assertThat(added.verified()).isFalse();
        assertThat(onboarding.addDomain(KEY, SUBDOMAIN).records()).isEqualTo(added.records());
        assertThatThrownBy(() -> onboarding.createActivationUser(KEY, SUBDOMAIN, "SG", Sku.TEAMS_PHONE_STANDARD.skuId()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not verified");
        microsoft.tenant(TENANT).publishDnsTxt(SUBDOMAIN, added.records().get(0).value());
        assertThat(onboarding.verifyDomain(KEY, SUBDOMAIN).verified()).isTrue();

        UUID user = onboarding.createActivationUser(KEY, SUBDOMAIN, "SG", Sku.TEAMS_PHONE_STANDARD.skuId());
        assertThat(onboarding.createActivationUser(KEY, SUBDOMAIN, "SG", Sku.TEAMS_PHONE_STANDARD.skuId()))
                .isEqualTo(user);
        assertThat(microsoft.tenant(TENANT).userByUpn("tcactivation@" + SUBDOMAIN)).contains(user);
        assertThat(onboarding.removeActivationUser(KEY, SUBDOMAIN)).isTrue();
        assertThat(onboarding.removeActivationUser(KEY, SUBDOMAIN)).isFalse();
        assertThat(microsoft.tenant(TENANT).userByUpn("tcactivation@" + SUBDOMAIN)).isEmpty();
    }

    @Test
    void the_root_client_on_the_ports_alone_connects_verifies_and_enables_a_user() {
        UUID alice = microsoft.tenant(TENANT).sku(Sku.OFFICE_365_E5, 5).addUser("alice@contoso.example", "Alice",
                "US", Sku.OFFICE_365_E5);
        microsoft.tenant(TENANT).addNumber(DR, NumberType.DIRECT_ROUTING);
        inventory.importNumbers(List.of(DR), NumberAttributes.of("US", "1206", NumberType.DIRECT_ROUTING,
                NumberUsage.USER), "test");

        client.connections().connect(KEY, secret("ports-secret-5"));
        VerificationReport report = client.verification().verify(KEY, VerifyOptions.operatorConnect());
        EnableResult r = client.enablement().enableUser(KEY, EnableRequest.builder(
                UserRef.parse("alice@contoso.example"), new NumberChoice.Specific(DR)).build());

        assertThat(report.check(Check.TOKEN).orElseThrow().status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(microsoft.tenant(TENANT).holder(DR)).contains(alice);
        assertThat(inventory.find(DR).orElseThrow().status().state()).isEqualTo(NumberState.ASSIGNED);
        assertThatThrownBy(client::connector).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Microsoft ports alone");
    }

    @Test
    void the_wizard_creates_the_registration_with_an_admin_token_and_a_rerun_reuses_it() {
        AppRegistrationRequest request = AppRegistrationRequest.builder(TENANT, ServiceId.of("oc-wizard"),
                AppRegistrationName.of("OperatorVoice")).build();
        AccessToken admin = microsoft.adminToken(TENANT, DirectoryRole.GLOBAL_ADMINISTRATOR);

        AppRegistrationResult first = client.appRegistrations().create(request, admin);
        AppRegistrationResult again = client.appRegistrations().create(request, admin);

        assertThat(again.applicationObjectId()).isEqualTo(first.applicationObjectId());
        assertThat(first.permissions()).contains(GraphPermission.APPLICATION_READWRITE_OWNEDBY);
        assertThatThrownBy(() -> client.appRegistrations().create(request, microsoft.adminToken(
                TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000b2")))).isInstanceOf(TenantMismatchException.class);
    }

    @Test
    void a_certificate_is_rotated_on_the_ports_and_access_no_longer_needed_is_removed_with_an_admin_token() {
        GeneratedCertificate cert = microsoft.generateCertificate(APP, "oc-main", Duration.ofDays(90));
        AccessToken admin = microsoft.adminToken(TENANT, DirectoryRole.GLOBAL_ADMINISTRATOR);
        var apps = microsoft.appRegistrations(TENANT, admin);
        apps.replaceCertificates(apps.objectId(APP), Optional.of(cert.credential().leaf()), "manual", Set.of());
        client.connections().connect(KEY, cert.credential());

        CredentialRecord rotated = client.credentialRotation().rotateCertificate(KEY, Duration.ofDays(90));

        assertThat(((ClientCertificateCredential) rotated.credential()).thumbprint()).isNotEqualTo(cert.thumbprint());
        AccessCleanup removed = client.appRegistrations().removeUnneededAccess(TENANT, APP,
                admin, RoleProfile.OPERATOR_CONNECT,
                List.of(PermissionProfile.OPERATOR_CONNECT));
        assertThat(removed.removedPermissions()).contains(GraphPermission.DOMAIN_READWRITE_ALL);
    }
}
