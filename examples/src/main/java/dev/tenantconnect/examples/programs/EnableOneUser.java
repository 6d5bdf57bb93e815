package dev.tenantconnect.examples.programs;

import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.inventory.AllocationRequest;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.testkit.DemoSeed;
import dev.tenantconnect.voice.enablement.EnableRequest;
import dev.tenantconnect.voice.TenantConnectClient;
import dev.tenantconnect.voice.enablement.EnableResult;
import dev.tenantconnect.voice.enablement.NumberChoice;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;

/** Enable one user for Teams calling: pick a number, upload it, assign it, record the add-ons — what the
 * customer's admin would otherwise do in the Teams admin center (Users > Manage users > the user > Assigned phone
 * number) after accepting the operator's numbers. */
public final class EnableOneUser {
    private EnableOneUser() {
    }

    /**
     * @param cloud where to run
     * @param out where the outcome goes
     * @return the outcome
     */
    public static EnableResult run(ExampleCloud cloud, PrintWriter out) {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        store.create(cloud.key(), cloud.customerCredential()); // connected earlier (see ConnectAndVerify)

        // The operator's numbers: JdbcNumberInventory when several instances share them.
        InMemoryNumberInventory inventory = new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT,
                Clock.systemUTC()), Clock.systemUTC(), new SplittableRandom());
        inventory.importNumbers(DemoSeed.NUMBERS, NumberAttributes.of("SG", "656789", NumberType.OPERATOR_CONNECT,
                NumberUsage.USER), "example");

        TenantConnectClient client = cloud.client().credentials(store).inventory(inventory).build();
        EnableResult r = client.enablement().enableUser(cloud.key(), EnableRequest.builder(
                UserRef.parse("user001@contoso.onmicrosoft.com"),
                new NumberChoice.Pick(AllocationRequest.lowest(cloud.key().tenant(), "SG", "example")))
                .addonCodes(List.of("device_import_msteams_OC", "call_recording")).build());

        // A failed step is named, with every problem; nothing is left half-done.
        out.println(r.succeeded() ? "enabled with " + r.number().orElseThrow().e164()
                : "failed at " + r.failedStep().orElseThrow() + ": " + r); // toString shows every problem
        return r;
    }

    /**
     * @param args none
     */
    public static void main(String[] args) {
        try (ExampleCloud cloud = ExampleCloud.start(50)) {
            System.exit(run(cloud, new PrintWriter(System.out, true)).succeeded() ? 0 : 1);
        }
    }
}
