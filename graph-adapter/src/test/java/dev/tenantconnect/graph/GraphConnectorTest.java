package dev.tenantconnect.graph;

import dev.tenantconnect.core.tenant.GeneratedCertificate;
import dev.tenantconnect.core.tenant.AccessToken;
import dev.tenantconnect.core.tenant.ServicePrincipalInfo;
import dev.tenantconnect.core.tenant.SkuInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.AuthenticationFailedException;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.licensing.ServicePlan;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.testing.FakeSleeper;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Sku;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphConnectorTest {
    static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");
    static final TenantId OTHER = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000002");
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-000000000001");
    static final Secret SECRET = Secret.of("graph-adapter-test-secret");

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> {
        for (TenantId t : List.of(TENANT, OTHER)) {
            sim.tenant(t).displayName(t.equals(TENANT) ? "Contoso" : "Fabrikam").domain("contoso.onmicrosoft.com")
                    .sku(Sku.OFFICE_365_E5, 10)
                    .app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                    .grant(GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.ROLE_MANAGEMENT_READ_DIRECTORY,
                            GraphPermission.APPLICATION_READ_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
                    .secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
            sim.tenant(t).addUser("alice@contoso.onmicrosoft.com", "Alice", "SG", Sku.OFFICE_365_E5);
        }
    });

    static GraphConnector.Builder connector(MicrosoftCloudSimulator sim) throws Exception {
        return GraphConnector.builder()
                .cloud(CloudEnvironment.custom(URI.create(sim.baseUrl()), URI.create(sim.graphBaseUrl())))
                .trust(sim.sslContext(), sim.trustManager());
    }

    static ClientSecretCredential credential(Secret secret) {
        return ClientSecretCredential.of(APP, secret, Instant.now().plus(Duration.ofDays(30)));
    }

    @Test
    void app_tokens_carry_the_tenant_and_the_granted_permissions(MicrosoftCloudSimulator sim) throws Exception {
        AccessToken token = connector(sim).build().appToken(TENANT, credential(SECRET));

        assertThat(token.tenant()).isEqualTo(TENANT);
        assertThat(token.roles()).contains(GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL);
        assertThat(token.toString()).doesNotContain(token.value().revealAsString()).contains("value=****");
    }

    @Test
    void sixty_four_threads_asking_for_one_tenant_cause_one_token_request(MicrosoftCloudSimulator sim)
            throws Exception {
        GraphConnector graph = connector(sim).build();
        sim.faults().latency(Duration.ofMillis(150), Duration.ZERO);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<AccessToken>> all = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                all.add(pool.submit(() -> {
                    start.await();
                    return graph.appToken(TENANT, credential(SECRET));
                }));
            }
            start.countDown();
            for (Future<AccessToken> f : all) {
                assertThat(f.get(60, TimeUnit.SECONDS).tenant()).isEqualTo(TENANT);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sim.journal().tokenRequests(TENANT)).isEqualTo(1);
    }

    @Test
    void two_tenants_never_share_tokens_and_the_application_cache_is_bounded(MicrosoftCloudSimulator sim)
            throws Exception {
        GraphConnector graph = connector(sim).maxCachedApplications(1).build();

        AccessToken a = graph.appToken(TENANT, credential(SECRET));
        AccessToken b = graph.appToken(OTHER, credential(SECRET));

        assertThat(a.tenant()).isEqualTo(TENANT);
        assertThat(b.tenant()).isEqualTo(OTHER);
        assertThat(a.value()).isNotEqualTo(b.value());
        assertThat(graph.cachedApplications()).isEqualTo(1);
    }

    @Test
    void entra_refusals_become_authentication_failures_with_the_aadsts_code(MicrosoftCloudSimulator sim)
            throws Exception {
        GraphConnector graph = connector(sim).build();
        assertThatThrownBy(() -> graph.appToken(TENANT, credential(Secret.of("wrong-secret"))))
                .isInstanceOfSatisfying(AuthenticationFailedException.class, e -> {
                    assertThat(e.context().serviceErrorCode()).hasValueSatisfying(c -> assertThat(c)
                            .contains("AADSTS7000215"));
                    assertThat(e.context().tenant()).contains(TENANT);
                })
                .hasMessageNotContaining("wrong-secret");

        sim.tenant(TENANT).app(APP).secret(Secret.of("old-secret"), Instant.now().minusSeconds(5));
        assertThatThrownBy(() -> graph.appToken(TENANT, credential(Secret.of("old-secret"))))
                .hasMessageContaining("AADSTS7000222");
    }

    @Test
    void a_generated_certificate_authenticates_with_a_verified_assertion(MicrosoftCloudSimulator sim)
            throws Exception {
        GraphConnector graph = connector(sim).build();
        GeneratedCertificate cert = graph.generateCertificate(APP, "OpConnect01", Duration.ofDays(365));
        assertThat(cert.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(cert.thumbprint()).hasSize(40);
        assertThat(cert.toString()).doesNotContain("PRIVATE KEY");
        sim.tenant(TENANT).app(APP).certificate(cert.credential().leaf());

        assertThat(graph.appToken(TENANT, cert.credential()).tenant()).isEqualTo(TENANT);
    }

    @Test
    void the_directory_reads_organization_principal_roles_permissions_and_skus(MicrosoftCloudSimulator sim)
            throws Exception {
        TenantDirectory dir = connector(sim).build().directory(TENANT, credential(SECRET));

        assertThat(dir.organization().displayName()).isEqualTo("Contoso");
        ServicePrincipalInfo sp = dir.servicePrincipal(APP).orElseThrow();
        assertThat(dir.directoryRoles(sp.id())).containsExactly(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR);
        assertThat(dir.grantedGraphPermissions(sp.id())).contains(GraphPermission.ROLE_MANAGEMENT_READ_DIRECTORY);
        SkuInfo e5 = dir.subscribedSkus().get(0);
        assertThat(e5.servicePlans()).contains(ServicePlan.TEAMS_PHONE);
        assertThat(e5.available()).isEqualTo(9);
        assertThat(dir.servicePrincipal(ClientId.parse("00000000-0000-0000-0000-0000000000aa"))).isEmpty();
    }

    @Test
    void graph_errors_keep_status_code_and_request_id(MicrosoftCloudSimulator sim) throws Exception {
        sim.tenant(TENANT).app(APP).revoke(GraphPermission.ROLE_MANAGEMENT_READ_DIRECTORY);
        TenantDirectory dir = connector(sim).build().directory(TENANT, credential(SECRET));
        java.util.UUID sp = sim.tenant(TENANT).app(APP).servicePrincipalId();
        assertThatThrownBy(() -> dir.directoryRoles(sp)).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.context().serviceErrorCode()).contains("Authorization_RequestDenied");
            assertThat(e.context().requestId()).isPresent();
        });
    }

    @Test
    void server_errors_are_retried_by_our_policy_not_the_sdk(MicrosoftCloudSimulator sim) throws Exception {
        FakeClock clock = new FakeClock(Instant.now());
        ResiliencePolicies policies = ResiliencePolicies.builder(clock, new FakeSleeper(clock)).build();
        TenantDirectory dir = connector(sim).resilience(policies).clock(Clock.systemUTC()).build()
                .directory(TENANT, credential(SECRET));
        dir.organization();
        sim.journal().clear();
        sim.faults().serverErrors(0.5);

        for (int i = 0; i < 10; i++) {
            assertThat(dir.organization().id()).isEqualTo(TENANT);
        }
        assertThat(sim.journal().count("graph.organization")).isGreaterThan(10);
        assertThat(sim.journal().entries(e -> e.status() >= 500)).isNotEmpty();
        assertThat(Set.of(sim.journal().countStatus(200))).containsExactly(10L);
    }

    @Test
    void a_service_presenting_an_untrusted_certificate_is_refused_with_a_clear_error(MicrosoftCloudSimulator sim) {
        // the default trust store does not know the simulator's self-signed certificate
        GraphConnector untrusting = GraphConnector.builder()
                .cloud(CloudEnvironment.custom(URI.create(sim.baseUrl()), URI.create(sim.graphBaseUrl()))).build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> untrusting.appToken(TENANT, credential(SECRET)))
                .isInstanceOf(dev.tenantconnect.core.error.TenantConnectException.class)
                .hasMessageContaining("certificate");
        assertThat(sim.journal().tokenRequests(TENANT)).as("no request was answered over the untrusted channel")
                .isZero();
    }
}
