package dev.tenantconnect.examples.programs;

import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.graph.CloudEnvironment;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.testkit.DemoSeed;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.voice.TenantConnectClient;
import dev.tenantconnect.graph.provisioning.AcgProvisioningClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * Where the examples run: the simulated Microsoft cloud with the demo tenant, and the credentials an operator would
 * take from its vault. Close it to stop the simulator.
 */
public final class ExampleCloud implements AutoCloseable {
    private final MicrosoftCloudSimulator sim;
    private final Secret secret;
    private final GraphConnector graph;

    private ExampleCloud(MicrosoftCloudSimulator sim, Secret secret) {
        this.sim = sim;
        this.secret = secret;
        // Production: GraphConnector.builder().cloud(CloudEnvironment.GLOBAL).build()
        this.graph = GraphConnector.builder()
                // the simulator issues throwaway credentials, so the stores of the examples may be persistent ones
                .cloud(CloudEnvironment.custom(URI.create(sim.baseUrl()), URI.create(sim.graphBaseUrl()))
                        .allowingStoredCredentials())
                .trust(sim.sslContext(), sim.trustManager()).build();
    }

    /**
     * @param users users in the demo tenant
     * @return a started simulator with the demo tenant
     */
    public static ExampleCloud start(int users) {
        // no simulated delays: the users seeded just now are there at once, as in a tenant that has them for long
        MicrosoftCloudSimulator sim = MicrosoftCloudSimulator.builder().timing(dev.tenantconnect.testkit.Timing.FAST)
                .start();
        Secret secret = Secret.of("example-secret-" + System.nanoTime());
        DemoSeed.apply(sim, users, secret);
        return new ExampleCloud(sim, secret);
    }

    /**
     * The root client's builder pointed at this cloud: the simulated endpoints, their certificate, and the operator
     * provisioning API with the operator's own credential. Production code starts from
     * {@code TenantConnectClient.builder().cloud(CloudEnvironment.GLOBAL).acgProvisioning(...)} instead.
     *
     * @return a builder; add the stores and build
     */
    public TenantConnectClient.Builder client() {
        return TenantConnectClient.builder()
                .cloud(CloudEnvironment.custom(URI.create(sim.baseUrl()), URI.create(sim.graphBaseUrl()))
                        .allowingStoredCredentials())
                .connectorOptions(g -> g.trust(sim.sslContext(), sim.trustManager()))
                .acgProvisioning(URI.create(sim.provisioningBaseUrl()), MicrosoftCloudSimulator.PROVISIONING_SCOPE,
                        DemoSeed.OPERATOR, ClientSecretCredential.of(DemoSeed.OPERATOR_APP, secret,
                                Instant.now().plus(Duration.ofDays(180))));
    }

    /** @return the connector to Entra and Graph */
    public GraphConnector graph() {
        return graph;
    }

    /** @return the customer tenant's connection key */
    public CredentialKey key() {
        return new CredentialKey(DemoSeed.CUSTOMER, ServiceId.of("oc-main"));
    }

    /** @return the operator app's credential in the customer tenant */
    public ClientSecretCredential customerCredential() {
        return ClientSecretCredential.of(DemoSeed.CUSTOMER_APP, secret, Instant.now().plus(Duration.ofDays(180)));
    }

    /** @return the operator provisioning API client (uploads Operator Connect numbers) */
    public AcgProvisioningClient provisioning() {
        return AcgProvisioningClient.builder().connector(graph)
                .endpoint(URI.create(sim.provisioningBaseUrl()), MicrosoftCloudSimulator.PROVISIONING_SCOPE)
                .operator(DemoSeed.OPERATOR, ClientSecretCredential.of(DemoSeed.OPERATOR_APP, secret,
                        Instant.now().plus(Duration.ofDays(180)))).build();
    }

    /** @return the simulator (for examples that show what happened in the tenant) */
    public MicrosoftCloudSimulator simulator() {
        return sim;
    }

    @Override
    public void close() {
        sim.close();
    }
}
