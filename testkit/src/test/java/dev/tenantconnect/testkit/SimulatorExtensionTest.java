package dev.tenantconnect.testkit;

import static dev.tenantconnect.testkit.Seeds.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.PhoneNumber;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One simulator per class; tenants, faults and journal are reset and re-seeded before every test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatorExtensionTest {
    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> Seeds.contoso(sim, 2));

    private static int firstPort;

    @Test
    @Order(1)
    void a_test_changes_state_and_faults(MicrosoftCloudSimulator sim) throws Exception {
        firstPort = sim.port();
        sim.tenant(TENANT).addUser("extra@contoso.onmicrosoft.com", "Extra", "SG", Sku.OFFICE_365_E5);
        sim.faults().serverErrors(1.0).latency(Duration.ofMillis(5), Duration.ZERO);
        new Http(sim).token(TENANT, Seeds.CLIENT.value(), Seeds.SECRET);
        assertThat(sim.tenant(TENANT).userCount()).isEqualTo(4);
        assertThat(sim.journal().total()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void the_next_test_starts_from_the_seed_on_the_same_server(MicrosoftCloudSimulator sim) throws Exception {
        assertThat(sim.port()).isEqualTo(firstPort);
        assertThat(sim.tenant(TENANT).userCount()).isEqualTo(3);
        assertThat(sim.faults().serverErrorRate()).isZero();
        assertThat(sim.faults().latency()).isZero();
        assertThat(sim.journal().total()).isZero();
        assertThat(sim.tenant(TENANT).number(PhoneNumber.parse("+6567891200"))).isPresent();
        assertThat(CLOUD.simulator()).isSameAs(sim);
    }

    @Test
    @Order(3)
    void the_demo_seed_builds_the_demo_world(MicrosoftCloudSimulator sim) throws Exception {
        sim.reset();
        DemoSeed.apply(sim, 25, Secret.of("demo-secret"));
        assertThat(sim.tenant(DemoSeed.CUSTOMER).userCount()).isEqualTo(27);
        Http.Reply r = new Http(sim).token(DemoSeed.CUSTOMER, DemoSeed.CUSTOMER_APP.value(), "demo-secret");
        assertThat(r.status()).isEqualTo(200);
    }
}
