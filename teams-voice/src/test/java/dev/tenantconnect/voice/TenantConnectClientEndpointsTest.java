package dev.tenantconnect.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Sku;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The root client pointed at the simulator with one call, as the README's testkit section shows. */
class TenantConnectClientEndpointsTest {
    static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000c1");
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000c1");
    static final Secret SECRET = Secret.of("endpoints-test-secret");

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> sim.tenant(TENANT)
            .displayName("Fabrikam").domain("fabrikam.onmicrosoft.com").sku(Sku.OFFICE_365_E5, 5)
            .app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
            .grant(GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.USER_READ_ALL,
                    GraphPermission.APPLICATION_READ_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
            .secret(SECRET, Instant.now().plus(Duration.ofDays(90))));

    @Test
    void one_call_points_the_root_client_at_the_simulator_and_it_connects_and_verifies() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        TenantConnectClient client = TenantConnectClient.builder().endpoints(sim.endpoints())
                .credentials(new InMemoryCredentialStore()).build();
        CredentialKey key = new CredentialKey(TENANT, ServiceId.of("oc-main"));

        Connection c = client.connections().connect(key,
                ClientSecretCredential.of(APP, SECRET, Instant.now().plus(Duration.ofDays(90))));

        assertThat(c.organization().displayName()).isEqualTo("Fabrikam");
        VerificationReport report = client.verification().verify(key, VerifyOptions.operatorConnect());
        assertThat(report.overall()).as(report.toText()).isEqualTo(CheckStatus.PASS);
        assertThat(sim.journal().tokenRequests(TENANT)).isPositive();
    }
}
