package dev.tenantconnect.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.tenant.MicrosoftTenants;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatedTenant;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Sku;
import dev.tenantconnect.testkit.Timing;
import dev.tenantconnect.testkit.contract.MicrosoftPortsContract;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The graph-adapter keeps the ports' contract on the simulated Microsoft cloud — the same checks the testkit's
 * in-memory fake passes, so the fake stands in for the adapter in unit tests. The connector is pointed at the
 * simulator with one call ({@code endpoints(simulator.endpoints())}).
 */
class GraphPortsContractTest extends MicrosoftPortsContract {
    private static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000042");
    private static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-000000000042");
    private static final Secret SECRET = Secret.of("graph-ports-contract-secret");

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create(MicrosoftCloudSimulator.builder()
            .timing(Timing.FAST));

    private GraphConnector graph;

    @Override
    protected Seeding freshTenant() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        graph = GraphConnector.builder().endpoints(sim.endpoints()).build();
        SimulatedTenant t = sim.tenant(TENANT).displayName(ORGANIZATION).domain(DOMAIN)
                .sku(Sku.TEAMS_PHONE_STANDARD, 10).sku(Sku.M365_E3, 10);
        t.app(APP).grant(GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.USER_READWRITE_ALL,
                GraphPermission.APPLICATION_READWRITE_ALL, GraphPermission.DOMAIN_READWRITE_ALL,
                GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL, GraphPermission.TEAMS_USER_CONFIGURATION_READ_ALL,
                GraphPermission.TEAMS_POLICY_USER_ASSIGN_READWRITE_ALL, GraphPermission.ROLE_MANAGEMENT_READWRITE_DIRECTORY,
                GraphPermission.APP_ROLE_ASSIGNMENT_READWRITE_ALL, GraphPermission.LICENSE_ASSIGNMENT_READWRITE_ALL)
                .secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
        return new Seeding() {
            @Override
            public TenantId tenant() {
                return TENANT;
            }

            @Override
            public TenantCredential credential() {
                return ClientSecretCredential.of(APP, SECRET, Instant.now().plus(Duration.ofDays(30)));
            }

            @Override
            public UUID addUser(String upn, String displayName, String usageLocation, Sku... licenses) {
                return t.addUser(upn, displayName, usageLocation, licenses);
            }

            @Override
            public void addNumber(PhoneNumber number, NumberType type) {
                t.addNumber(number, switch (type) {
                    case OPERATOR_CONNECT -> SimulatedTenant.NumberType.OPERATOR_CONNECT;
                    case DIRECT_ROUTING -> SimulatedTenant.NumberType.DIRECT_ROUTING;
                    case CALLING_PLAN -> SimulatedTenant.NumberType.CALLING_PLAN;
                });
            }

            @Override
            public void policy(String type, String name) {
                t.policy(type, name, true);
            }
        };
    }

    @Override
    protected MicrosoftTenants ports() {
        return graph;
    }

    @Test
    void a_user_the_code_under_test_created_is_found_by_the_simulators_inspection_by_upn() {
        TenantCredential credential = ClientSecretCredential.of(APP, SECRET, Instant.now().plus(Duration.ofDays(30)));
        UUID created = graph.directoryWrites(TENANT, credential).createUser(UserRef.Upn.parse("activation@" + DOMAIN),
                "Activation", "SG");

        assertThat(CLOUD.simulator().tenant(TENANT).userByUpn("Activation@" + DOMAIN.toUpperCase(Locale.ROOT)))
                .contains(created);
        assertThat(CLOUD.simulator().tenant(TENANT).userByUpn("nobody@" + DOMAIN)).isEmpty();
    }
}
