package dev.tenantconnect.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.MissingPrivilegesException;
import dev.tenantconnect.core.error.ResourceNotFoundException;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a caller gets when Microsoft Graph refuses (403) or does not find (404): typed exceptions that name what is
 * missing — the permissions Microsoft documents for the endpoint, against what the token held — and carry Graph's
 * error code, never a bare status.
 */
class RefusalsTest {
    static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000031");
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-000000000031");
    static final Secret SECRET = Secret.of("refusals-test-secret");

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> sim.tenant(TENANT)
            .app(APP).grant(GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.APPLICATION_READ_ALL)
            .secret(SECRET, Instant.now().plus(Duration.ofDays(30))));

    private static ClientSecretCredential credential() {
        return ClientSecretCredential.of(APP, SECRET, Instant.now().plus(Duration.ofDays(30)));
    }

    @Test
    void a_403_names_the_permissions_the_endpoint_needs_and_what_the_token_held(MicrosoftCloudSimulator sim)
            throws Exception {
        GraphConnector graph = GraphConnectorTest.connector(sim).build();

        assertThatThrownBy(() -> graph.teamsNumbers(TENANT, credential()).list())
                .isInstanceOfSatisfying(MissingPrivilegesException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.context().serviceErrorCode()).contains("Authorization_RequestDenied");
                    assertThat(e.evaluation().missingOptions()).isEqualTo(List.of(
                            Set.of(GraphPermission.TEAMS_TELEPHONE_NUMBER_READ_ALL),
                            Set.of(GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)));
                    assertThat(e.evaluation().held()).isEqualTo(Set.of(
                            GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.APPLICATION_READ_ALL));
                    assertThat(e.getMessage()).contains("list numbers was refused by Microsoft Graph")
                            .contains("Insufficient privileges to complete the operation.")
                            .contains("missing one of: TeamsTelephoneNumber.Read.All | "
                                    + "TeamsTelephoneNumber.ReadWrite.All");
                });
    }

    @Test
    void a_write_refused_names_the_write_permission(MicrosoftCloudSimulator sim) throws Exception {
        GraphConnector graph = GraphConnectorTest.connector(sim).build();

        assertThatThrownBy(() -> graph.directoryWrites(TENANT, credential()).addDomain("contoso.example"))
                .isInstanceOfSatisfying(MissingPrivilegesException.class, e -> assertThat(
                        e.evaluation().missingOptions()).isEqualTo(List.of(Set.of(GraphPermission.DOMAIN_READWRITE_ALL))));
    }

    @Test
    void a_404_is_a_resource_not_found_with_graphs_code(MicrosoftCloudSimulator sim) throws Exception {
        GraphConnector graph = GraphConnectorTest.connector(sim).build();
        UUID nobody = UUID.fromString("00000000-0000-0000-0000-00000000dead");

        assertThatThrownBy(() -> graph.directory(TENANT, credential()).grantedGraphPermissions(nobody))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.context().serviceErrorCode()).contains("Request_ResourceNotFound");
                    assertThat(e.getMessage()).contains("read app role assignments: not found");
                });
    }

    @Test
    void reads_whose_answer_may_be_none_still_answer_empty_on_404(MicrosoftCloudSimulator sim) throws Exception {
        GraphConnector graph = GraphConnectorTest.connector(sim).build();

        assertThat(graph.directory(TENANT, credential()).servicePrincipal(
                ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000ff"))).isEmpty();
        assertThat(List.of(graph.directory(TENANT, credential()).organization().id())).containsExactly(TENANT);
    }
}
