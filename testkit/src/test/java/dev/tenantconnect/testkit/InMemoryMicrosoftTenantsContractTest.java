package dev.tenantconnect.testkit;

import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.tenant.MicrosoftTenants;
import dev.tenantconnect.testkit.contract.MicrosoftPortsContract;
import java.time.Instant;
import java.util.UUID;

/** The in-memory fake keeps the ports' contract — the same checks the graph-adapter passes on the simulator. */
class InMemoryMicrosoftTenantsContractTest extends MicrosoftPortsContract {
    private static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000041");
    private static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-000000000041");
    private InMemoryMicrosoftTenants microsoft;

    @Override
    protected Seeding freshTenant() {
        microsoft = new InMemoryMicrosoftTenants();
        InMemoryTenant t = microsoft.tenant(TENANT).displayName(ORGANIZATION).domain(DOMAIN).app(APP,
                GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.USER_READWRITE_ALL,
                GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
                .sku(Sku.TEAMS_PHONE_STANDARD, 10).sku(Sku.M365_E3, 10);
        return new Seeding() {
            @Override
            public TenantId tenant() {
                return TENANT;
            }

            @Override
            public TenantCredential credential() {
                return ClientSecretCredential.of(APP, Secret.of("in-memory-contract"), Instant.parse(
                        "2099-01-01T00:00:00Z"));
            }

            @Override
            public UUID addUser(String upn, String displayName, String usageLocation, Sku... licenses) {
                return t.addUser(upn, displayName, usageLocation, licenses);
            }

            @Override
            public void addNumber(PhoneNumber number, NumberType type) {
                t.addNumber(number, type);
            }

            @Override
            public void policy(String type, String name) {
                t.policy(type, name, true);
            }
        };
    }

    @Override
    protected MicrosoftTenants ports() {
        return microsoft;
    }
}
