package dev.tenantconnect.examples.spring;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatedTenant;
import dev.tenantconnect.testkit.Sku;
import java.time.Duration;
import java.time.Instant;

/** The simulated customer tenant (three users, an app registration with what Operator Connect needs) and operator. */
final class SampleTenant {
    static final TenantId CUSTOMER = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e1");
    static final TenantId OPERATOR = TenantId.parse("75f9fed4-d8e9-4c90-bc28-523cfdb832e1");
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000e1");
    static final ClientId OPERATOR_APP = ClientId.parse("75f9fed4-0000-4000-8000-0000000000e1");
    static final Secret SECRET = Secret.of("sample-platform-test-secret");

    private SampleTenant() {
    }

    static void seed(MicrosoftCloudSimulator sim) {
        SimulatedTenant t = sim.tenant(CUSTOMER).displayName("Contoso").domain("contoso.onmicrosoft.com")
                .sku(Sku.OFFICE_365_E5, 10);
        for (int i = 0; i < 3; i++) {
            t.addUser("user" + i + "@contoso.onmicrosoft.com", "User " + i, "SG", Sku.OFFICE_365_E5);
        }
        t.app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                .grant(GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.USER_READ_ALL,
                        GraphPermission.APPLICATION_READ_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
                .secret(SECRET, Instant.now().plus(Duration.ofDays(90)));
        sim.tenant(OPERATOR).app(OPERATOR_APP).secret(SECRET, Instant.now().plus(Duration.ofDays(90)));
        sim.consent(CUSTOMER, "SG");
    }
}
