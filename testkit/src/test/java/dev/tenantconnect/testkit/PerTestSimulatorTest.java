package dev.tenantconnect.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registered on an instance field, the extension gives every test its own simulator. */
class PerTestSimulatorTest {
    private static MicrosoftCloudSimulator previous;

    @RegisterExtension
    final SimulatorExtension cloud = SimulatorExtension.create();

    private void checkFresh(MicrosoftCloudSimulator sim) {
        assertThat(sim).isNotSameAs(previous);
        assertThat(sim.journal().total()).isZero();
        previous = sim;
    }

    @Test
    void first(MicrosoftCloudSimulator sim) {
        checkFresh(sim);
    }

    @Test
    void second(MicrosoftCloudSimulator sim) {
        checkFresh(sim);
    }
}
