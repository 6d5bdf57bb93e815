package dev.tenantconnect.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Direct Routing onboarding with automatic DNS, re-runnable at every step. */
class DirectRoutingOnboardingTest {
    static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-000000000001");
    static final Secret SECRET = Secret.of("dr-onboarding-secret");
    static final CredentialKey KEY = new CredentialKey(TENANT, ServiceId.of("dr-site1"));
    static final String SUBDOMAIN = "customer1.sbc.operator.com";

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> sim.tenant(TENANT)
            .displayName("Contoso").domain("contoso.onmicrosoft.com").sku(Sku.OFFICE_365_E5, 3)
            .app(APP).roles(DirectoryRole.TEAMS_ADMINISTRATOR, DirectoryRole.DOMAIN_NAME_ADMINISTRATOR,
                    DirectoryRole.USER_ADMINISTRATOR)
            .grant(GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.DOMAIN_READWRITE_ALL,
                    GraphPermission.USER_READWRITE_ALL, GraphPermission.LICENSE_ASSIGNMENT_READWRITE_ALL)
            .secret(SECRET, Instant.now().plus(Duration.ofDays(90))));

    private TenantConnectClient client;

    @BeforeEach
    void wire() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        GraphConnector graph = SimulatedConnector.forSimulator(sim);
        client = TenantConnectClient.builder().credentials(new InMemoryCredentialStore()).connector(graph).build();
        client.connections().connect(KEY, ClientSecretCredential.of(APP, SECRET, Instant.now().plus(Duration.ofDays(90))));
    }

    @Test
    void subdomain_verification_activation_user_and_cleanup_each_rerunnable() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        DomainVerification added = client.directRouting().addDomain(KEY, SUBDOMAIN);
        assertThat(added.verified()).isFalse();
        assertThat(added.records()).hasSize(2);
        assertThat(added.records().get(0)).satisfies(r -> {
            assertThat(r.type()).isEqualTo("TXT");
            assertThat(r.value()).startsWith("MS=ms");
            assertThat(r.preference()).isEmpty();
        });
        assertThat(added.records().get(1)).as("the MX alternative, with its real fields").satisfies(r -> {
            assertThat(r.type()).isEqualTo("MX");
            assertThat(r.value()).isEqualTo(added.records().get(0).value().substring(3) + ".msv1.invalid");
            assertThat(r.preference()).hasValue(32767);
        });
        assertThat(client.directRouting().addDomain(KEY, SUBDOMAIN).records()).as("re-run: same records")
                .isEqualTo(added.records());
        assertThatThrownBy(() -> client.directRouting().createActivationUser(KEY, SUBDOMAIN, "SG", Sku.OFFICE_365_E5.skuId()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not verified");

        assertThat(client.directRouting().verifyDomain(KEY, SUBDOMAIN).verified()).as("records not yet published").isFalse();
        sim.tenant(TENANT).publishDnsTxt(SUBDOMAIN, added.records().get(0).value());
        assertThat(client.directRouting().verifyDomain(KEY, SUBDOMAIN).verified()).isTrue();
        assertThat(client.directRouting().addDomain(KEY, SUBDOMAIN).verified()).isTrue();

        UUID user = client.directRouting().createActivationUser(KEY, SUBDOMAIN, "SG", Sku.OFFICE_365_E5.skuId());
        assertThat(client.directRouting().createActivationUser(KEY, SUBDOMAIN, "SG", Sku.OFFICE_365_E5.skuId())).isEqualTo(user);
        assertThat(sim.tenant(TENANT).licenses(user)).containsExactly(Sku.OFFICE_365_E5.skuId());

        assertThat(client.directRouting().removeActivationUser(KEY, SUBDOMAIN)).isTrue();
        assertThat(client.directRouting().removeActivationUser(KEY, SUBDOMAIN)).isFalse();
        assertThat(sim.journal().count("graph.domains.create")).isEqualTo(1);
        assertThat(sim.journal().count("graph.users.create")).isEqualTo(1);
    }

    @Test
    void a_subscription_without_free_licences_is_reported_by_graph() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        for (int i = 0; i < 3; i++) {
            sim.tenant(TENANT).addUser("u" + i + "@contoso.onmicrosoft.com", "U" + i, "SG", Sku.OFFICE_365_E5);
        }
        DomainVerification added = client.directRouting().addDomain(KEY, SUBDOMAIN);
        sim.tenant(TENANT).publishDnsTxt(SUBDOMAIN, added.records().get(0).value());
        client.directRouting().verifyDomain(KEY, SUBDOMAIN);

        assertThatThrownBy(() -> client.directRouting().createActivationUser(KEY, SUBDOMAIN, "SG", Sku.OFFICE_365_E5.skuId()))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("assign licence");
    }
}
