package dev.tenantconnect.testkit;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The demo world: one customer tenant ("Contoso") with a few hundred users — every fifth without a Teams Phone
 * licence — two resource accounts, the operator's app registration with the Operator Connect roles and
 * permissions, a consent to the operator, and the operator's own tenant and app for the provisioning API.
 */
public final class DemoSeed {
    /** The customer tenant. */
    public static final TenantId CUSTOMER = TenantId.parse("c0a7e5d1-0000-4000-8000-00000000c001");
    /** The operator's own tenant (for the provisioning API). */
    public static final TenantId OPERATOR = TenantId.parse("0be7a70c-0000-4000-8000-0000000000e1");
    /** The operator's app registration in the customer tenant. */
    public static final ClientId CUSTOMER_APP = ClientId.parse("0be7a70c-0000-4000-8000-00000000a001");
    /** The operator's app in its own tenant, for the provisioning API. */
    public static final ClientId OPERATOR_APP = ClientId.parse("0be7a70c-0000-4000-8000-00000000a002");
    /** The numbers the operator owns for the demo. */
    public static final PhoneNumberRange NUMBERS = PhoneNumberRange.parse("+6567891200..+6567891499");

    private DemoSeed() {
    }

    /**
     * Seeds the demo world.
     *
     * @param sim the simulator
     * @param users how many customer users
     * @param secret the client secret both apps accept
     */
    public static void apply(MicrosoftCloudSimulator sim, int users, Secret secret) {
        Objects.requireNonNull(secret, "secret");
        Instant expires = Instant.now().plus(Duration.ofDays(180));
        SimulatedTenant t = sim.tenant(CUSTOMER).displayName("Contoso").domain("contoso.onmicrosoft.com")
                .sku(Sku.OFFICE_365_E5, users).sku(Sku.M365_E3, users).sku(Sku.TEAMS_PHONE_RESOURCE_ACCOUNT, 5);
        for (int i = 1; i <= users; i++) {
            t.addUser(String.format("user%03d@contoso.onmicrosoft.com", i), "User " + i, "SG",
                    i % 5 == 0 ? Sku.M365_E3 : Sku.OFFICE_365_E5);
        }
        t.addResourceAccount("aa-main@contoso.onmicrosoft.com", "Main auto attendant",
                Sku.TEAMS_PHONE_RESOURCE_ACCOUNT);
        t.addResourceAccount("cq-sales@contoso.onmicrosoft.com", "Sales call queue", Sku.TEAMS_PHONE_RESOURCE_ACCOUNT);
        t.app(CUSTOMER_APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                // directory roles are verified from the token's wids claim: no RoleManagement.Read.Directory
                .grant(GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.USER_READ_ALL,
                        GraphPermission.APPLICATION_READ_ALL,
                        GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL,
                        GraphPermission.TEAMS_USER_CONFIGURATION_READ_ALL)
                .ownedByItself() // as the wizard leaves it: with Application.ReadWrite.OwnedBy it rotates its secrets
                .secret(secret, expires);
        sim.tenant(OPERATOR).displayName("Operator").domain("operator.onmicrosoft.com").app(OPERATOR_APP)
                .secret(secret, expires);
        sim.consent(CUSTOMER, "SG");
    }
}
