package dev.tenantconnect.bulk;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.extension.InMemoryExtensionStore;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.resilience.PollingConsistencyPolicy;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.resilience.RetryingTransportPolicy;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.core.job.FileJobJournal;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatedTenant;
import dev.tenantconnect.testkit.Sku;
import dev.tenantconnect.voice.enablement.UserEnablement;
import dev.tenantconnect.graph.provisioning.AcgProvisioningClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * One customer tenant seeded in the simulator and the bulk service wired to it: shared by the in-process tests and
 * the child JVM the crash test kills.
 */
final class BulkFixture {
    static final TenantId CUSTOMER = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000b1");
    static final TenantId OPERATOR = TenantId.parse("75f9fed4-d8e9-4c90-bc28-523cfdb83244");
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000b1");
    static final ClientId OPERATOR_APP = ClientId.parse("75f9fed4-0000-4000-8000-0000000000a1");
    static final Secret SECRET = Secret.of("bulk-test-secret");
    static final CredentialKey KEY = new CredentialKey(CUSTOMER, ServiceId.of("oc-main"));
    static final int PICKED = 20;

    private BulkFixture() {
    }

    /** The wired pieces. */
    record Wired(InMemoryNumberInventory inventory, UserEnablement enablement, BulkAssignments bulk,
            FileJobJournal journal, java.util.List<dev.tenantconnect.core.billing.UsageEvent> usage) {
    }

    /**
     * Seeds the customer tenant: {@code users} licensed users, a few awkward accounts, the apps and the consent.
     */
    static void seed(MicrosoftCloudSimulator sim, int users) {
        SimulatedTenant t = sim.tenant(CUSTOMER).displayName("Contoso").domain("contoso.onmicrosoft.com")
                .sku(Sku.OFFICE_365_E5, users + 10).sku(Sku.M365_E3, 10).sku(Sku.TEAMS_PHONE_RESOURCE_ACCOUNT, 2);
        for (int i = 0; i < users; i++) {
            t.addUser("user" + i + "@contoso.onmicrosoft.com", "User " + i, "SG", Sku.OFFICE_365_E5);
        }
        t.addUser("nolicence@contoso.onmicrosoft.com", "No Licence", "SG", Sku.M365_E3);
        t.addUser("john.a@contoso.onmicrosoft.com", "John", "SG", Sku.OFFICE_365_E5);
        t.addUser("john.b@contoso.onmicrosoft.com", "John", "SG", Sku.OFFICE_365_E5);
        t.addUser("alice@contoso.onmicrosoft.com", "Alice", "SG", Sku.OFFICE_365_E5);
        t.addResourceAccount("aa-main@contoso.onmicrosoft.com", "Main AA", Sku.TEAMS_PHONE_RESOURCE_ACCOUNT);
        t.app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                .grant(GraphPermission.USER_READ_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
                .secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
        sim.tenant(OPERATOR).app(OPERATOR_APP).secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
        sim.consent(CUSTOMER, "SG");
    }

    /** Fast polling: the simulator answers at once. */
    static ResiliencePolicies policies() {
        return ResiliencePolicies.builder(Clock.systemUTC(), Sleeper.system())
                .transport(RetryingTransportPolicy.builder().baseDelay(Duration.ofMillis(20)).build())
                .consistency(PollingConsistencyPolicy.builder().initialDelay(Duration.ofMillis(5))
                        .maxDelay(Duration.ofMillis(50)).confirmationDelay(Duration.ofMillis(5))
                        .totalBudget(Duration.ofSeconds(20)).maxPolls(400).build()).build();
    }

    /** Wires a fresh inventory (the same numbers every time), stores and the bulk service. */
    static Wired wire(GraphConnector graph, URI provisioning, Path jobs) {
        return wire(graph, provisioning, jobs, java.util.function.UnaryOperator.identity());
    }

    /**
     * Wires as {@link #wire(GraphConnector, URI, Path)}, the enablement and the bulk service using the inventory
     * through {@code around} (a wrapper injecting faults); {@link Wired#inventory()} is the one underneath.
     */
    static Wired wire(GraphConnector graph, URI provisioning, Path jobs,
            java.util.function.UnaryOperator<dev.tenantconnect.core.inventory.NumberInventory> around) {
        return wire(graph, provisioning, jobs, around, java.util.function.UnaryOperator.identity());
    }

    /**
     * Wires as {@link #wire(GraphConnector, URI, Path, java.util.function.UnaryOperator)}, the bulk service writing
     * its journal through {@code journalAround} (e.g. a wrapper counting writes); {@link Wired#journal()} is the file
     * journal underneath.
     */
    static Wired wire(GraphConnector graph, URI provisioning, Path jobs,
            java.util.function.UnaryOperator<dev.tenantconnect.core.inventory.NumberInventory> around,
            java.util.function.UnaryOperator<dev.tenantconnect.core.job.JobJournal> journalAround) {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        store.create(KEY, ClientSecretCredential.of(APP, SECRET, Instant.now().plus(Duration.ofDays(30))));
        InMemoryNumberInventory inventory = new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT,
                Clock.systemUTC()), Clock.systemUTC(), new SplittableRandom(1));
        inventory.importNumbers(PhoneNumberRange.parse("+6590000000..+6590000499"),
                NumberAttributes.of("SG", "659000", NumberType.OPERATOR_CONNECT, NumberUsage.USER), "test");
        inventory.importNumbers(PhoneNumberRange.parse("+6590009000..+6590009009"),
                NumberAttributes.of("SG", "659000", NumberType.OPERATOR_CONNECT, NumberUsage.VOICE_APPLICATION),
                "test");
        AcgProvisioningClient acg = AcgProvisioningClient.builder().connector(graph)
                .endpoint(provisioning, MicrosoftCloudSimulator.PROVISIONING_SCOPE)
                .operator(OPERATOR, ClientSecretCredential.of(OPERATOR_APP, SECRET, Instant.now().plusSeconds(3600)))
                .build();
        dev.tenantconnect.core.inventory.NumberInventory used = around.apply(inventory);
        UserEnablement enablement = UserEnablement.builder().graph(graph).store(store).inventory(used)
                .provisioning(acg).resilience(policies()).build();
        FileJobJournal journal = new FileJobJournal(jobs);
        java.util.List<dev.tenantconnect.core.billing.UsageEvent> usage = new java.util.concurrent.CopyOnWriteArrayList<>();
        BulkAssignments bulk = BulkAssignments.builder().graph(graph).store(store).inventory(used)
                .enablement(enablement).extensions(new InMemoryExtensionStore()).journal(journalAround.apply(journal))
                .usage(usage::add)
                .build();
        return new Wired(inventory, enablement, bulk, journal, usage);
    }

    /**
     * Users 0..users-PICKED-1 get the number named in the file; the last PICKED users get one picked from the pool.
     */
    static Path file(Path dir, int users, String... extraRows) throws IOException {
        StringBuilder b = new StringBuilder("Ext Key,Number,User,Addon license 1,Addon license 2\r\n");
        for (int i = 0; i < users; i++) {
            boolean pick = i >= users - PICKED;
            b.append(1000 + i).append(',').append(pick ? "" : String.valueOf(6590000000L + i)).append(",user")
                    .append(i).append("@contoso.onmicrosoft.com,device_import_msteams_OC,")
                    .append(pick ? "license_number" : "call_recording").append("\r\n");
        }
        for (String r : extraRows) {
            b.append(r).append("\r\n");
        }
        Path f = dir.resolve("users.csv");
        Files.writeString(f, b, StandardCharsets.UTF_8);
        return f;
    }

    /** @return the options every bulk test runs with */
    static BulkOptions options() {
        return BulkOptions.defaults().withConcurrency(8).withNumberPool(NumberPool.operatorConnect("SG"));
    }
}
