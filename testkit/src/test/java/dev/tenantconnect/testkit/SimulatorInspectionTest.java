package dev.tenantconnect.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.model.TenantId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The simulator's inspection API and the one value that points a client at it. */
class SimulatorInspectionTest {
    private static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000045");

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create();

    @Test
    void users_are_found_by_upn_without_regard_to_case(MicrosoftCloudSimulator sim) {
        UUID alice = sim.tenant(TENANT).addUser("alice@contoso.example", "Alice", "SG");

        assertThat(sim.tenant(TENANT).userByUpn("Alice@Contoso.Example")).contains(alice);
        assertThat(sim.tenant(TENANT).userByUpn("bob@contoso.example")).isEmpty();
    }

    @Test
    void the_endpoints_name_this_simulator_and_its_certificate(MicrosoftCloudSimulator sim) {
        var e = sim.endpoints();

        assertThat(e.loginEndpoint().toString()).isEqualTo(sim.baseUrl());
        assertThat(e.graphBaseUrl().toString()).isEqualTo(sim.graphBaseUrl());
        assertThat(e.provisioningBaseUrl().toString()).isEqualTo(sim.provisioningBaseUrl());
        assertThat(e.provisioningScope()).isEqualTo(MicrosoftCloudSimulator.PROVISIONING_SCOPE);
        assertThat(e.trustedCertificates()).containsExactly(sim.certificate());
    }
}
