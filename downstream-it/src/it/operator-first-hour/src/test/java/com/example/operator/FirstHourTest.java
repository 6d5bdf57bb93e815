package com.example.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.tenant.CloudEndpoints;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatedTenant;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Sku;
import dev.tenantconnect.voice.Connection;
import dev.tenantconnect.voice.TenantConnectClient;
import dev.tenantconnect.voice.enablement.EnableRequest;
import dev.tenantconnect.voice.enablement.EnableResult;
import dev.tenantconnect.voice.enablement.NumberChoice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an operator's engineer writes in the first hour, from the published jars only: the simulator started by the
 * testkit's JUnit extension, the root client pointed at it with one call, a customer tenant connected and a user
 * enabled for Teams calling with a number from the operator's inventory.
 */
class FirstHourTest {
    static final TenantId CUSTOMER = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e1");
    static final TenantId OPERATOR = TenantId.parse("75f9fed4-d8e9-4c90-bc28-5230000000e1");
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000e1");
    static final ClientId OPERATOR_APP = ClientId.parse("75f9fed4-0000-4000-8000-0000000000e2");
    static final Secret SECRET = Secret.of("first-hour-test-secret");

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> {
        SimulatedTenant t = sim.tenant(CUSTOMER).displayName("Contoso").domain("contoso.onmicrosoft.com")
                .sku(Sku.OFFICE_365_E5, 10);
        t.addUser("alice@contoso.onmicrosoft.com", "Alice", "SG", Sku.OFFICE_365_E5);
        t.app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                .grant(GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.USER_READ_ALL,
                        GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
                .secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
        sim.tenant(OPERATOR).app(OPERATOR_APP).secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
        sim.consent(CUSTOMER, "SG");
    });

    @Test
    void connects_a_tenant_and_enables_a_user(MicrosoftCloudSimulator sim) {
        InMemoryNumberInventory inventory = new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT,
                Clock.systemUTC()), Clock.systemUTC(), new SplittableRandom(1));
        inventory.importNumbers(PhoneNumberRange.parse("+6590000000..+6590000009"),
                NumberAttributes.of("SG", "659000", NumberType.OPERATOR_CONNECT, NumberUsage.USER), "first-hour");
        CloudEndpoints cloud = sim.endpoints();
        TenantConnectClient client = TenantConnectClient.builder().endpoints(cloud)
                .credentials(new InMemoryCredentialStore()).inventory(inventory)
                .acgProvisioning(cloud.provisioningBaseUrl(), cloud.provisioningScope(), OPERATOR,
                        ClientSecretCredential.of(OPERATOR_APP, SECRET, Instant.now().plus(Duration.ofDays(30))))
                .build();
        CredentialKey key = new CredentialKey(CUSTOMER, ServiceId.of("oc-main"));

        Connection connection = client.connections().connect(key,
                ClientSecretCredential.of(APP, SECRET, Instant.now().plus(Duration.ofDays(30))));
        assertEquals("Contoso", connection.organization().displayName());

        PhoneNumber number = PhoneNumber.parse("+6590000003");
        EnableResult result = client.enablement().enableUser(key, EnableRequest.builder(
                UserRef.parse("alice@contoso.onmicrosoft.com"), new NumberChoice.Specific(number))
                .addonCodes(List.of("device_import_msteams_OC")).build());

        assertTrue(result.succeeded(), result::toString);
        assertEquals(NumberState.ASSIGNED, inventory.find(number).orElseThrow().status().state());
    }
}
