package dev.tenantconnect.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.kiota.http.middleware.options.HeadersInspectionOption;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Microsoft asks for a new {@code client-request-id} on every request; the simulator echoes what it received. */
class ClientRequestIdTest {
    static final Secret SECRET = Secret.of("request-id-test-secret");

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> sim
            .tenant(GraphConnectorTest.TENANT).app(GraphConnectorTest.APP).grant(GraphPermission.USER_READ_ALL)
            .secret(SECRET, Instant.now().plus(Duration.ofDays(30))));

    @Test
    void every_request_carries_its_own_client_request_id(MicrosoftCloudSimulator sim) throws Exception {
        var graph = GraphConnectorTest.connector(sim).build().graphClient(GraphConnectorTest.TENANT,
                ClientSecretCredential.of(GraphConnectorTest.APP, SECRET, Instant.now().plus(Duration.ofDays(30))));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            HeadersInspectionOption headers = new HeadersInspectionOption(false, true);
            graph.users().get(rc -> rc.options.add(headers));
            ids.addAll(headers.getResponseHeaders().get("client-request-id"));
        }
        assertThat(ids).hasSize(3).allSatisfy(id -> assertThat(java.util.UUID.fromString(id)).isNotNull());
    }
}
