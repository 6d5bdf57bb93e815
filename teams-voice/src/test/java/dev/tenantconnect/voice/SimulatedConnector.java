package dev.tenantconnect.voice;

import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.graph.CloudEnvironment;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import java.net.URI;

/** The {@link GraphConnector} every teams-voice test points at the simulator. */
public final class SimulatedConnector {
    private SimulatedConnector() {
    }

    /**
     * @param sim the running simulator
     * @param policies the resilience policies to use
     * @return a connector for the simulator's custom cloud, trusting only its certificate
     */
    public static GraphConnector forSimulator(MicrosoftCloudSimulator sim, ResiliencePolicies policies) {
        return GraphConnector.builder()
                .cloud(CloudEnvironment.custom(URI.create(sim.baseUrl()), URI.create(sim.graphBaseUrl())))
                .trust(sim.sslContext(), sim.trustManager()).resilience(policies).build();
    }

    /**
     * @param sim the running simulator
     * @return a connector with the default resilience policies
     */
    public static GraphConnector forSimulator(MicrosoftCloudSimulator sim) {
        return forSimulator(sim, ResiliencePolicies.defaults());
    }
}
