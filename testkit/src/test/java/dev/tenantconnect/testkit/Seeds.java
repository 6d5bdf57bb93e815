package dev.tenantconnect.testkit;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;

/** The tenant most testkit tests start from. */
final class Seeds {
    static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");
    static final TenantId OTHER = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000002");
    static final ClientId CLIENT = ClientId.parse("11ae0dff-4d1f-6ddf-8000-000000000001");
    static final String SECRET = "sim-secret-value-123";
    static final PhoneNumberRange RANGE = PhoneNumberRange.parse("+6567891200..+6567891219");

    private Seeds() {
    }

    static void contoso(MicrosoftCloudSimulator sim, int users) {
        for (TenantId id : new TenantId[] {TENANT, OTHER}) {
            SimulatedTenant t = sim.tenant(id).displayName("Contoso").domain("contoso" + id.value().charAt(35)
                    + ".onmicrosoft.com").sku(Sku.OFFICE_365_E5, 500).sku(Sku.M365_E3, 500)
                    .sku(Sku.TEAMS_PHONE_RESOURCE_ACCOUNT, 10);
            for (int i = 0; i < users; i++) {
                t.addUser("user" + i + "@contoso.onmicrosoft.com", "User " + i, "SG",
                        i % 5 == 4 ? Sku.M365_E3 : Sku.OFFICE_365_E5);
            }
            t.addResourceAccount("aa-main@contoso.onmicrosoft.com", "Main auto attendant",
                    Sku.TEAMS_PHONE_RESOURCE_ACCOUNT);
            t.app(CLIENT).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                    .grant(GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.USER_READ_ALL,
                            GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL,
                            GraphPermission.ROLE_MANAGEMENT_READ_DIRECTORY, GraphPermission.APPLICATION_READ_ALL,
                            GraphPermission.TEAMS_USER_CONFIGURATION_READ_ALL)
                    .secret(Secret.of(SECRET), Instant.now().plusSeconds(86_400 * 30));
            t.addNumbers(RANGE, SimulatedTenant.NumberType.OPERATOR_CONNECT);
        }
    }
}
