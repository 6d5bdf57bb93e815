package dev.tenantconnect.voice.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.billing.BillingReport;
import dev.tenantconnect.core.billing.InMemoryUsageLedger;
import dev.tenantconnect.core.billing.UsageEvent;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.extension.Extension;
import dev.tenantconnect.core.extension.InMemoryExtensionStore;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.licensing.CapabilityStatus;
import dev.tenantconnect.core.licensing.ServicePlan;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.replication.InMemoryReplicationStateStore;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.graph.TeamsNumbers;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatedTenant;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Sku;
import dev.tenantconnect.voice.SimulatedConnector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Background replication against the simulator: incremental reads, drift, recovery, many tenants. */
class ReplicatorTest {
    static final TenantId CUSTOMER = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000c7");
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000c7");
    static final Secret SECRET = Secret.of("replication-secret");
    static final CredentialKey KEY = new CredentialKey(CUSTOMER, ServiceId.of("oc-main"));
    static final int USERS = 1000;
    static final List<UUID> IDS = new ArrayList<>();

    @RegisterExtension
    final SimulatorExtension cloud = SimulatorExtension.create().seededWith(sim -> {
        IDS.clear();
        SimulatedTenant t = sim.tenant(CUSTOMER).domain("contoso.onmicrosoft.com").sku(Sku.OFFICE_365_E5, USERS);
        for (int i = 0; i < USERS; i++) {
            IDS.add(t.addUser("user" + i + "@contoso.onmicrosoft.com", "User " + i, "SG", Sku.OFFICE_365_E5));
        }
        t.app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                .grant(GraphPermission.USER_READ_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL,
                        GraphPermission.TEAMS_USER_CONFIGURATION_READ_ALL)
                .secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
        t.addNumbers(PhoneNumberRange.parse("+6590000000..+6590000009"), SimulatedTenant.NumberType.OPERATOR_CONNECT);
        t.addNumber(PhoneNumber.parse("+6599999999"), SimulatedTenant.NumberType.OPERATOR_CONNECT);
    });

    private InMemoryCredentialStore store;
    private InMemoryNumberInventory inventory;
    private InMemoryExtensionStore extensions;
    private InMemoryUsageLedger ledger;
    private Replicator replicator;
    private GraphConnector graph;

    @BeforeEach
    void wire() {
        graph = SimulatedConnector.forSimulator(cloud.simulator());
        store = new InMemoryCredentialStore();
        store.create(KEY, credential());
        inventory = new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT, Clock.systemUTC()),
                Clock.systemUTC(), new SplittableRandom(1));
        inventory.importNumbers(PhoneNumberRange.parse("+6590000000..+6590000009"),
                NumberAttributes.of("SG", "659000", NumberType.OPERATOR_CONNECT, NumberUsage.USER), "test");
        extensions = new InMemoryExtensionStore();
        ledger = new InMemoryUsageLedger();
        replicator = Replicator.builder().graph(graph).store(store).inventory(inventory).extensions(extensions)
                .state(new InMemoryReplicationStateStore()).ledger(ledger).build();
    }

    private static ClientSecretCredential credential() {
        return ClientSecretCredential.of(APP, SECRET, Instant.now().plus(Duration.ofDays(30)));
    }

    private long graphRequests(MicrosoftCloudSimulator sim) {
        return sim.journal().entries().stream().filter(e -> e.api().equals("graph")).count();
    }

    /** Puts a number through the inventory to ASSIGNED for the tenant, as the enablement pipeline leaves it. */
    private void assignedInInventory(PhoneNumber n) {
        InventoryNumber x = inventory.reserve(n, CUSTOMER, "test", Duration.ofMinutes(5));
        for (NumberState s : List.of(NumberState.IN_TENANT, NumberState.ASSIGNING, NumberState.ASSIGNED)) {
            x = inventory.move(n, s, x.version(), "test", "setup");
        }
    }

    private void assignInTenant(PhoneNumber n, UUID user) {
        TeamsNumbers numbers = graph.teamsNumbers(CUSTOMER, credential());
        assertThat(numbers.await(numbers.beginAssign(n, user, NumberType.OPERATOR_CONNECT, Optional.empty()).id()).succeeded())
                .isTrue();
    }

    @Test
    void teams_user_settings_are_read_in_full_once_then_only_for_changed_users() {
        MicrosoftCloudSimulator sim = cloud.simulator();
        Replicator withSettings = Replicator.builder().graph(graph).store(store).inventory(inventory)
                .extensions(extensions).state(new InMemoryReplicationStateStore()).userSettings(true).build();
        withSettings.replicate(KEY);
        assertThat(withSettings.userSettings(CUSTOMER)).hasSize(USERS);
        assertThat(withSettings.userSettings(CUSTOMER).get(IDS.get(3)).numbers()).isEmpty();

        long before = graphRequests(sim);
        withSettings.replicate(KEY);
        assertThat(graphRequests(sim) - before).as("unchanged: still no settings request").isEqualTo(1);

        PhoneNumber n = PhoneNumber.parse("+6590000003");
        assignInTenant(n, IDS.get(3));
        sim.tenant(CUSTOMER).planStatus(IDS.get(3), ServicePlan.TEAMS, CapabilityStatus.ENABLED); // a user change
        long gets = sim.journal().count("graph.userConfigurations.get");
        withSettings.replicate(KEY);
        assertThat(sim.journal().count("graph.userConfigurations.get") - gets).as("only the changed user")
                .isEqualTo(1);
        assertThat(withSettings.userSettings(CUSTOMER).get(IDS.get(3)).numbers()).containsExactly(n);
    }

    @Test
    void an_unchanged_tenant_costs_one_http_request_on_the_second_pass() {
        MicrosoftCloudSimulator sim = cloud.simulator();
        long before = graphRequests(sim);
        Replicator.Result first = replicator.replicate(KEY);
        long firstCost = graphRequests(sim) - before;

        Replicator.Result second = replicator.replicate(KEY);
        long secondCost = graphRequests(sim) - before - firstCost;

        assertThat(first.fullRead()).isTrue();
        assertThat(first.users()).isEqualTo(USERS);
        assertThat(first.numbers()).hasSize(11);
        assertThat(firstCost).as("1,000 users at 999 per page, plus the numbers").isEqualTo(3);
        assertThat(second.fullRead()).isFalse();
        assertThat(second.usersChanged()).isZero();
        assertThat(second.users()).isEqualTo(USERS);
        assertThat(secondCost).as("one JSON batch carrying the delta read and the numbers page").isEqualTo(1);
        assertThat(sim.journal().entries(e -> e.api().equals(dev.tenantconnect.testkit.RequestJournal.BATCHED)))
                .extracting(e -> e.endpoint()).endsWith("graph.users.delta", "graph.numbers.list");
    }

    @Test
    void changes_made_outside_the_platform_show_as_drift_and_stop_billing_when_observed() {
        MicrosoftCloudSimulator sim = cloud.simulator();
        // the platform enabled users 0, 1 and 2 with numbers ...00, ...01, ...02
        for (int i = 0; i < 3; i++) {
            PhoneNumber n = PhoneNumber.parse("+659000000" + i);
            assignedInInventory(n);
            assignInTenant(n, IDS.get(i));
            extensions.put(new Extension(CUSTOMER, "10" + i, IDS.get(i), Optional.of(n),
                    List.of("device_import_msteams_OC"), Instant.now()));
            ledger.record(new UsageEvent(CUSTOMER, IDS.get(i), UsageEvent.Kind.HOLDS, Optional.of(n),
                    java.util.Set.of("device_import_msteams_OC"), Instant.now().minus(Duration.ofDays(1)),
                    UsageEvent.Source.PLATFORM));
        }
        replicator.replicate(KEY);

        // outside the platform: user 0 deleted, user 1 loses Teams Phone, an admin assigns ...05 to user 9 in the
        // portal, and ...02 is unassigned by hand
        sim.tenant(CUSTOMER).deleteUser(IDS.get(0));
        sim.tenant(CUSTOMER).planStatus(IDS.get(1), ServicePlan.TEAMS_PHONE, CapabilityStatus.SUSPENDED);
        assignInTenant(PhoneNumber.parse("+6590000005"), IDS.get(9));
        TeamsNumbers numbers = graph.teamsNumbers(CUSTOMER, credential());
        numbers.await(numbers.beginUnassign(PhoneNumber.parse("+6590000002"), NumberType.OPERATOR_CONNECT).id());

        Replicator.Result r = replicator.replicate(KEY);

        assertThat(r.usersRemoved()).isEqualTo(1);
        assertThat(r.drift()).extracting(f -> f.kind() + " " + f.number().map(PhoneNumber::e164).orElse("-") + " "
                + f.suggested()).containsExactlyInAnyOrder(
                        "ENABLED_USER_DELETED +6590000000 DISABLE",
                        "ENABLED_USER_LOST_LICENCE +6590000001 DISABLE",
                        "ASSIGNED_IN_TENANT_ONLY +6590000005 ADOPT",
                        "ASSIGNED_IN_INVENTORY_ONLY +6590000002 RE_ASSIGN",
                        "NUMBER_NOT_OURS +6599999999 IGNORE");
        List<UsageEvent> observed = ledger.eventsBefore(Instant.now().plusSeconds(1)).stream()
                .filter(e -> e.source() == UsageEvent.Source.OBSERVED).toList();
        assertThat(observed).extracting(UsageEvent::user).containsExactlyInAnyOrder(IDS.get(0), IDS.get(1));
        replicator.replicate(KEY);
        assertThat(ledger.eventsBefore(Instant.now().plusSeconds(1))).filteredOn(e -> e.source()
                == UsageEvent.Source.OBSERVED).as("observed once, not once per run").hasSize(2);
        java.util.Map<DriftFinding, DriftFinding.Action> chosen = new java.util.LinkedHashMap<>();
        r.drift().forEach(f -> chosen.put(f, f.suggested()));
        List<String> applied = replicator.apply(KEY, chosen);
        assertThat(applied).hasSize(5).anyMatch(a -> a.endsWith(": adopted"))
                .anyMatch(a -> a.endsWith(": assigned again"));
        assertThat(inventory.find(PhoneNumber.parse("+6590000005")).orElseThrow().status().state())
                .isEqualTo(NumberState.ASSIGNED);
        assertThat(inventory.find(PhoneNumber.parse("+6590000005")).orElseThrow().tenant()).contains(CUSTOMER);
        assertThat(sim.tenant(CUSTOMER).number(PhoneNumber.parse("+6590000002")).orElseThrow().assignmentTarget())
                .contains(IDS.get(2));
        assertThat(replicator.replicate(KEY).drift()).extracting(DriftFinding::kind).as("only the user-side findings "
                + "remain, and the number nobody uploaded").containsExactlyInAnyOrder(
                        DriftFinding.Kind.ENABLED_USER_DELETED, DriftFinding.Kind.ENABLED_USER_LOST_LICENCE,
                        DriftFinding.Kind.NUMBER_NOT_OURS);
        BillingReport bill = BillingReport.compute(ledger, Instant.now().minus(Duration.ofDays(2)),
                Instant.now().plusSeconds(1));
        assertThat(bill.lines()).singleElement().satisfies(l -> assertThat(l.userDays()).isBetween(2.99, 3.01));
    }

    @Test
    void an_expired_delta_link_recovers_with_a_full_read() {
        MicrosoftCloudSimulator sim = cloud.simulator();
        replicator.replicate(KEY);
        sim.tenant(CUSTOMER).deleteUser(IDS.get(5));
        sim.tenant(CUSTOMER).expireDeltaTokens();

        Replicator.Result r = replicator.replicate(KEY);

        assertThat(r.fullRead()).isTrue();
        assertThat(r.users()).isEqualTo(USERS - 1);
        assertThat(replicator.replicate(KEY).fullRead()).isFalse();
    }

    @Test
    void many_tenants_in_parallel_one_failing_tenant_never_stalls_the_others() {
        MicrosoftCloudSimulator sim = cloud.simulator();
        List<CredentialKey> keys = fiftyTenants(500, 5, 7);
        sim.tenant(keys.get(13).tenant()).app(APP).enabled(false); // the customer disabled the operator's app
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Replicator.Outcome> outcomes = replicator.replicateAll(keys, pool);
            assertThat(outcomes).hasSize(50);
            assertThat(outcomes).filteredOn(o -> o.result().isPresent()).hasSize(48)
                    .allSatisfy(o -> assertThat(o.result().orElseThrow().users()).isEqualTo(5));
            assertThat(outcomes).filteredOn(o -> o.error().isPresent()).extracting(o -> o.key().tenant())
                    .containsExactlyInAnyOrder(keys.get(7).tenant(), keys.get(13).tenant());
            assertThat(outcomes.get(7).error().orElseThrow()).doesNotContain("revoked-secret");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_throttled_tenant_waits_alone_while_the_other_tenants_complete() {
        MicrosoftCloudSimulator sim = cloud.simulator();
        List<CredentialKey> keys = fiftyTenants(600, 3, 9);
        TenantId throttled = keys.get(21).tenant();
        // one request at once, then one every 2 s: each further request of this tenant is answered 429 first
        sim.faults().throttleTenant(throttled, new dev.tenantconnect.testkit.Faults.Throttling(1, 0.5));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Replicator.Outcome> outcomes = replicator.replicateAll(keys, pool);

            assertThat(outcomes).filteredOn(o -> o.result().isPresent()).hasSize(49)
                    .allSatisfy(o -> assertThat(o.result().orElseThrow().users()).isEqualTo(3));
            assertThat(outcomes).filteredOn(o -> o.error().isPresent()).extracting(o -> o.key().tenant())
                    .containsExactly(keys.get(9).tenant());
            var journal = sim.journal().entries(e -> e.api().equals("graph"));
            assertThat(journal).filteredOn(e -> e.status() == 429).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.tenant()).contains(throttled));
            Instant throttledFirst429 = journal.stream().filter(e -> e.status() == 429).map(e -> e.at()).min(
                    Instant::compareTo).orElseThrow();
            Instant othersDone = journal.stream().filter(e -> !e.tenant().equals(Optional.of(throttled)))
                    .map(e -> e.at()).max(Instant::compareTo).orElseThrow();
            Instant throttledDone = journal.stream().filter(e -> e.tenant().equals(Optional.of(throttled)))
                    .map(e -> e.at()).max(Instant::compareTo).orElseThrow();
            assertThat(othersDone).as("the other 48 tenants finished before the throttled one, which waited out "
                    + "its Retry-After alone").isBefore(throttledDone);
            assertThat(throttledFirst429).isBefore(throttledDone);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Seeds 50 tenants with {@code users} licensed users each; tenant {@code revoked} holds a wrong secret. */
    private List<CredentialKey> fiftyTenants(int firstId, int users, int revoked) {
        List<CredentialKey> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            TenantId t = TenantId.parse(String.format("6b17bc95-fa47-49bf-8b00-%012d", firstId + i));
            SimulatedTenant st = cloud.simulator().tenant(t).domain("t" + i + ".onmicrosoft.com")
                    .sku(Sku.OFFICE_365_E5, users);
            for (int u = 0; u < users; u++) {
                st.addUser("u" + u + "@t" + i + ".onmicrosoft.com", "U " + u, "SG", Sku.OFFICE_365_E5);
            }
            st.app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                    .grant(GraphPermission.USER_READ_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
                    .secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
            CredentialKey k = new CredentialKey(t, ServiceId.of("oc-main"));
            store.create(k, i == revoked ? ClientSecretCredential.of(APP, Secret.of("revoked-secret"),
                    Instant.now().plus(Duration.ofDays(30))) : credential());
            keys.add(k);
        }
        return keys;
    }

    @Test
    void a_licence_lost_twice_is_observed_twice_and_a_number_moved_to_another_user_is_a_finding() {
        MicrosoftCloudSimulator sim = cloud.simulator();
        for (int i = 0; i < 2; i++) {
            PhoneNumber n = PhoneNumber.parse("+659000000" + i);
            assignedInInventory(n);
            assignInTenant(n, IDS.get(i));
            extensions.put(new Extension(CUSTOMER, "10" + i, IDS.get(i), Optional.of(n),
                    List.of("device_import_msteams_OC"), Instant.now()));
        }
        replicator.replicate(KEY);
        java.util.function.Supplier<List<UsageEvent>> observed = () -> ledger.eventsBefore(Instant.now()
                .plusSeconds(1)).stream().filter(e -> e.source() == UsageEvent.Source.OBSERVED).toList();

        sim.tenant(CUSTOMER).planStatus(IDS.get(0), ServicePlan.TEAMS_PHONE, CapabilityStatus.SUSPENDED);
        replicator.replicate(KEY);
        sim.tenant(CUSTOMER).planStatus(IDS.get(0), ServicePlan.TEAMS_PHONE, CapabilityStatus.ENABLED);
        replicator.replicate(KEY);
        assertThat(observed.get()).hasSize(1);
        sim.tenant(CUSTOMER).planStatus(IDS.get(0), ServicePlan.TEAMS_PHONE, CapabilityStatus.SUSPENDED);
        replicator.replicate(KEY);
        assertThat(observed.get()).as("the second loss is billed too").hasSize(2)
                .allSatisfy(e -> assertThat(e.user()).isEqualTo(IDS.get(0)));

        // an admin moves ...01 from user 1 to user 2 in Teams admin center
        TeamsNumbers numbers = graph.teamsNumbers(CUSTOMER, credential());
        numbers.await(numbers.beginUnassign(PhoneNumber.parse("+6590000001"), NumberType.OPERATOR_CONNECT).id());
        assignInTenant(PhoneNumber.parse("+6590000001"), IDS.get(2));
        Replicator.Result r = replicator.replicate(KEY);

        assertThat(r.drift()).filteredOn(f -> f.kind() == DriftFinding.Kind.ASSIGNED_TO_ANOTHER_USER)
                .singleElement().satisfies(f -> {
                    assertThat(f.number()).contains(PhoneNumber.parse("+6590000001"));
                    assertThat(f.user()).contains(IDS.get(1));
                    assertThat(f.suggested()).isEqualTo(DriftFinding.Action.DISABLE);
                    assertThat(f.detail()).contains(IDS.get(2).toString()).contains("moveNumber");
                });
        assertThat(observed.get()).as("the recorded user's service ended").filteredOn(e -> e.user()
                .equals(IDS.get(1))).hasSize(1);
    }
}
