package dev.tenantconnect.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.TenantConnectException;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.resilience.RetryingTransportPolicy;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.testing.FakeSleeper;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Our transport policy is the only retry: MSAL's own retry of a failed token request is switched off. */
class MsalInternalRetryTest {
    static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000031");
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-000000000031");
    static final Secret SECRET = Secret.of("msal-retry-test-secret");

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> sim.tenant(TENANT)
            .displayName("Contoso").app(APP).grant(GraphPermission.ORGANIZATION_READ_ALL)
            .secret(SECRET, Instant.now().plus(Duration.ofDays(30))));

    private static GraphConnector connector(MicrosoftCloudSimulator sim, int attempts) throws Exception {
        FakeClock clock = new FakeClock(Instant.now());
        return GraphConnector.builder()
                .cloud(CloudEnvironment.custom(URI.create(sim.baseUrl()), URI.create(sim.graphBaseUrl())))
                .trust(sim.sslContext(), sim.trustManager())
                .resilience(ResiliencePolicies.builder(clock, new FakeSleeper(clock))
                        .transport(RetryingTransportPolicy.builder().maxAttempts(attempts)
                                .baseDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(10)).build()).build())
                .build();
    }

    @Test
    void a_failing_token_endpoint_is_asked_exactly_as_often_as_our_policy_allows(MicrosoftCloudSimulator sim)
            throws Exception {
        sim.faults().tokenEndpointDown(true);
        ClientSecretCredential credential = ClientSecretCredential.of(APP, SECRET, Instant.now().plus(
                Duration.ofDays(30)));

        assertThatThrownBy(() -> connector(sim, 1).freshAppToken(TENANT, credential))
                .isInstanceOf(TenantConnectException.class);
        long once = sim.journal().count("entra.token");
        assertThatThrownBy(() -> connector(sim, 3).freshAppToken(TENANT, credential))
                .isInstanceOf(TenantConnectException.class);
        long thrice = sim.journal().count("entra.token") - once;

        // MSAL on its own retries a 5xx once; with its internal retries on, these would be 2 and 6
        assertThat(once).isEqualTo(1);
        assertThat(thrice).isEqualTo(3);
        sim.faults().tokenEndpointDown(false);
        assertThat(connector(sim, 1).freshAppToken(TENANT, credential).tenant()).isEqualTo(TENANT);
    }
}
