package dev.tenantconnect.voice.enablement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.addon.AddonCatalog;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.inventory.AllocationRequest;
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
import dev.tenantconnect.core.tenant.TeamsPolicy;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.problem.Problem;
import dev.tenantconnect.core.problem.ProblemCode;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.resilience.PollingConsistencyPolicy;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.resilience.RetryingTransportPolicy;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.RequestJournal;
import dev.tenantconnect.testkit.SimulatedTenant;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Sku;
import dev.tenantconnect.graph.provisioning.AcgProvisioningClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Enabling users for Teams calling, end to end against the simulator. */
class UserEnablementTest {
    static final TenantId CUSTOMER = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");
    static final TenantId OPERATOR = TenantId.parse("75f9fed4-d8e9-4c90-bc28-523cfdb83244");
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-000000000001");
    static final ClientId OPERATOR_APP = ClientId.parse("75f9fed4-0000-4000-8000-0000000000a1");
    static final Secret SECRET = Secret.of("enablement-secret");
    static final CredentialKey KEY = new CredentialKey(CUSTOMER, ServiceId.of("oc-main"));
    static final PhoneNumber DR = PhoneNumber.parse("+12065550100");
    static final List<String> OC = List.of("device_import_msteams_OC", "call_recording");

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> {
        SimulatedTenant t = sim.tenant(CUSTOMER).displayName("Contoso").domain("contoso.onmicrosoft.com")
                .sku(Sku.OFFICE_365_E5, 10).sku(Sku.M365_E3, 10).sku(Sku.TEAMS_PHONE_RESOURCE_ACCOUNT, 2);
        t.addUser("alice@contoso.onmicrosoft.com", "Alice", "SG", Sku.OFFICE_365_E5);
        t.addUser("bob@contoso.onmicrosoft.com", "Bob", "SG", Sku.M365_E3);
        t.addUser("carol@contoso.onmicrosoft.com", "Carol", "SG", Sku.OFFICE_365_E5);
        t.addResourceAccount("aa-main@contoso.onmicrosoft.com", "Main AA", Sku.TEAMS_PHONE_RESOURCE_ACCOUNT);
        t.policy("TeamsCallingPolicy", "AllowCalling", true);
        t.policy("OnlineVoiceRoutingPolicy", "SG-Outbound", false);
        t.app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                .grant(GraphPermission.USER_READ_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL,
                        GraphPermission.TEAMS_POLICY_USER_ASSIGN_READWRITE_ALL)
                .secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
        t.addNumber(DR, SimulatedTenant.NumberType.DIRECT_ROUTING);
        sim.tenant(OPERATOR).app(OPERATOR_APP).secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
        sim.consent(CUSTOMER, "SG");
    });

    private InMemoryNumberInventory inventory;
    private UserEnablement enablement;
    private GraphConnector graph;
    private InMemoryCredentialStore store;
    private AcgProvisioningClient acg;
    private ResiliencePolicies policies;
    private final List<BillingEvent> billed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void wire() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        policies = ResiliencePolicies.builder(Clock.systemUTC(), Sleeper.system())
                .transport(RetryingTransportPolicy.builder().baseDelay(Duration.ofMillis(50)).build())
                .consistency(PollingConsistencyPolicy.builder().initialDelay(Duration.ofMillis(50))
                        .maxDelay(Duration.ofMillis(200)).confirmationDelay(Duration.ofMillis(20))
                        .totalBudget(Duration.ofSeconds(10)).maxPolls(100).build()).build();
        graph = dev.tenantconnect.voice.SimulatedConnector.forSimulator(sim, policies);
        store = new InMemoryCredentialStore();
        store.create(KEY, ClientSecretCredential.of(APP, SECRET, Instant.now().plus(Duration.ofDays(30))));
        inventory = new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT, Clock.systemUTC()),
                Clock.systemUTC(), new SplittableRandom(1));
        inventory.importNumbers(PhoneNumberRange.parse("+6590000000..+6590000099"),
                NumberAttributes.of("SG", "659000", NumberType.OPERATOR_CONNECT, NumberUsage.USER), "test");
        inventory.importNumbers(PhoneNumberRange.parse("+6590001000..+6590001009"),
                NumberAttributes.of("SG", "659000", NumberType.OPERATOR_CONNECT, NumberUsage.VOICE_APPLICATION),
                "test");
        inventory.importNumbers(List.of(DR), NumberAttributes.of("US", "1206", NumberType.DIRECT_ROUTING,
                NumberUsage.USER), "test");
        acg = AcgProvisioningClient.builder().connector(graph)
                .endpoint(URI.create(sim.provisioningBaseUrl()), MicrosoftCloudSimulator.PROVISIONING_SCOPE)
                .operator(OPERATOR, ClientSecretCredential.of(OPERATOR_APP, SECRET, Instant.now().plusSeconds(3600)))
                .build();
        enablement = UserEnablement.builder().graph(graph).store(store).inventory(inventory).provisioning(acg)
                .billing(billed::add).resilience(policies).build();
    }

    private static EnableRequest pick(String upn, NumberUsage usage, List<String> addons) {
        return EnableRequest.builder(UserRef.parse(upn), new NumberChoice.Pick(AllocationRequest.builder(CUSTOMER, "SG")
                .usage(usage).type(NumberType.OPERATOR_CONNECT).holder("test").reservationTtl(Duration.ofMinutes(10))
                .build())).addonCodes(addons).build();
    }

    @Test
    void a_user_is_enabled_with_an_auto_selected_uploaded_and_assigned_number() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        EnableResult r = enablement.enableUser(KEY, pick("alice@contoso.onmicrosoft.com", NumberUsage.USER, OC));

        assertThat(r.succeeded()).as(r.problems().toString()).isTrue();
        assertThat(r.warnings()).as("the licence was assigned when the test seeded the user").singleElement()
                .satisfies(w -> assertThat(w).contains("voice-ready"));
        PhoneNumber n = r.number().orElseThrow();
        assertThat(n).isEqualTo(PhoneNumber.parse("+6590000000"));
        assertThat(inventory.find(n).orElseThrow().status().state()).isEqualTo(NumberState.ASSIGNED);
        assertThat(sim.tenant(CUSTOMER).number(n).orElseThrow().assignmentTarget()).contains(r.user().orElseThrow());
        assertThat(billed).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(BillingEvent.Kind.ENABLED);
            assertThat(b.addons().contains(dev.tenantconnect.core.addon.AddonLicense.CALL_RECORDING)).isTrue();
        });
        assertThat(inventory.history(n)).extracting(t -> t.to()).containsExactly(NumberState.AVAILABLE,
                NumberState.RESERVED, NumberState.UPLOADING, NumberState.IN_TENANT, NumberState.ASSIGNING,
                NumberState.ASSIGNED);

        EnableResult off = enablement.disableUser(KEY, UserRef.parse("alice@contoso.onmicrosoft.com"), n,
                AddonCatalog.standard().parseSet(OC));
        assertThat(off.succeeded()).isTrue();
        assertThat(inventory.find(n).orElseThrow().status().state()).isEqualTo(NumberState.IN_TENANT);
        assertThat(sim.tenant(CUSTOMER).number(n).orElseThrow().assignmentStatus()).isEqualTo("unassigned");
        assertThat(billed).extracting(BillingEvent::kind).containsExactly(BillingEvent.Kind.ENABLED,
                BillingEvent.Kind.DISABLED);
    }

    @Test
    void a_resource_account_gets_a_voice_application_number() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        EnableResult r = enablement.enableUser(KEY, pick("aa-main@contoso.onmicrosoft.com",
                NumberUsage.VOICE_APPLICATION, List.of("device_import_msteams_OC_resource")));

        assertThat(r.succeeded()).as(r.problems().toString()).isTrue();
        assertThat(sim.tenant(CUSTOMER).number(r.number().orElseThrow()).orElseThrow().assignmentStatus())
                .isEqualTo("voiceApplicationAssigned");
    }

    @Test
    void preflight_reports_every_problem_at_once_and_writes_nothing() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        EnableRequest bad = EnableRequest.builder(UserRef.parse("bob@contoso.onmicrosoft.com"),
                new NumberChoice.Specific(PhoneNumber.parse("+6599999999")))
                .addonCodes(List.of("device_import_msteams_oc", "license_call_recording_unlimited_enabled")).build();

        EnableResult r = enablement.enableUser(KEY, bad);

        assertThat(r.succeeded()).isFalse();
        assertThat(r.failedStep()).contains(Step.PREFLIGHT);
        assertThat(r.problems()).extracting(Problem::code).containsExactly(ProblemCode.ADDON_UNKNOWN,
                ProblemCode.ADDON_RULE, ProblemCode.LICENSE_MISSING, ProblemCode.NUMBER_NOT_IN_INVENTORY);
        assertThat(r.problems()).extracting(Problem::message).anySatisfy(p -> assertThat(p).contains("did you mean"))
                .anySatisfy(p -> assertThat(p).contains("MCOEV")).anySatisfy(p -> assertThat(p).contains("inventory"));
        assertThat(r.toString()).as("the result shows its problems").contains("ADDON_UNKNOWN", "did you mean",
                "LICENSE_MISSING", "NUMBER_NOT_IN_INVENTORY");
        assertThat(sim.journal().count("graph.numbers.assign")).isZero();
        assertThat(inventory.capacity(Duration.ofDays(1)).byState()).containsEntry(NumberState.AVAILABLE, 111L);
    }

    @Test
    void a_failed_assignment_leaves_the_uploaded_number_in_the_tenant_tracked_and_a_rerun_succeeds() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        sim.faults().failOperationsFor("+6590000000");
        EnableResult first = enablement.enableUser(KEY, pick("carol@contoso.onmicrosoft.com", NumberUsage.USER, OC));

        assertThat(first.failedStep()).contains(Step.ASSIGN);
        assertThat(first.problems()).extracting(Problem::message).singleElement().satisfies(p -> assertThat(p).contains("Assignment failed"));
        PhoneNumber n = first.number().orElseThrow();
        assertThat(inventory.find(n).orElseThrow().status().state()).isEqualTo(NumberState.IN_TENANT);
        assertThat(sim.tenant(CUSTOMER).number(n).orElseThrow().assignmentStatus()).isEqualTo("unassigned");

        sim.faults().reset();
        EnableResult again = enablement.enableUser(KEY, EnableRequest.builder(UserRef.parse(
                "carol@contoso.onmicrosoft.com"), new NumberChoice.Specific(n)).addonCodes(OC).build());
        assertThat(again.succeeded()).as(again.problems().toString()).isTrue();
        assertThat(inventory.find(n).orElseThrow().status().state()).isEqualTo(NumberState.ASSIGNED);
    }

    @Test
    void an_answer_lost_after_the_assignment_was_applied_converges_without_a_second_assignment() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        sim.faults().dropAfterWrite(1.0);
        EnableRequest dr = EnableRequest.builder(UserRef.parse("alice@contoso.onmicrosoft.com"),
                new NumberChoice.Specific(PhoneNumber.parse("+12065550100;ext=4711").withoutExtension()))
                .addonCodes(List.of()).build();

        EnableResult first = enablement.enableUser(KEY, dr);
        sim.faults().dropAfterWrite(0);
        EnableResult rerun = enablement.enableUser(KEY, dr);

        assertThat(first.succeeded()).as(first.problems().toString()).isTrue();
        assertThat(rerun.succeeded()).isTrue();
        assertThat(rerun.converged()).isTrue();
        assertThat(sim.journal().count("graph.numbers.assign")).isEqualTo(1);
        assertThat(inventory.find(DR).orElseThrow().status().state()).isEqualTo(NumberState.ASSIGNED);
    }

    @Test
    void changing_a_number_returns_the_old_one_to_the_tenant_pool() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        PhoneNumber old = enablement.enableUser(KEY, pick("alice@contoso.onmicrosoft.com", NumberUsage.USER, OC))
                .number().orElseThrow();

        EnableResult changed = enablement.changeNumber(KEY, UserRef.parse("alice@contoso.onmicrosoft.com"), old,
                pick("alice@contoso.onmicrosoft.com", NumberUsage.USER, OC));

        assertThat(changed.succeeded()).as(changed.problems().toString()).isTrue();
        PhoneNumber fresh = changed.number().orElseThrow();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(inventory.find(old).orElseThrow().status().state()).isEqualTo(NumberState.IN_TENANT);
        assertThat(sim.tenant(CUSTOMER).number(old).orElseThrow().assignmentStatus()).isEqualTo("unassigned");
        assertThat(sim.tenant(CUSTOMER).number(fresh).orElseThrow().assignmentTarget())
                .isEqualTo(changed.user());
    }

    @Test
    void a_failed_change_assigns_the_old_number_back() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        PhoneNumber old = enablement.enableUser(KEY, pick("alice@contoso.onmicrosoft.com", NumberUsage.USER, OC))
                .number().orElseThrow();
        sim.faults().failOperationsFor("+6590000001");

        EnableResult changed = enablement.changeNumber(KEY, UserRef.parse("alice@contoso.onmicrosoft.com"), old,
                pick("alice@contoso.onmicrosoft.com", NumberUsage.USER, OC));

        assertThat(changed.succeeded()).isFalse();
        assertThat(changed.failedStep()).contains(Step.ASSIGN);
        assertThat(changed.problems()).extracting(Problem::message).contains("the old number was assigned back");
        assertThat(sim.tenant(CUSTOMER).number(old).orElseThrow().assignmentStatus()).isEqualTo("userAssigned");
        assertThat(inventory.find(old).orElseThrow().status().state()).isEqualTo(NumberState.ASSIGNED);
    }

    @Test
    void users_enabled_concurrently_never_share_a_number() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        List<String> upns = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String upn = "parallel" + i + "@contoso.onmicrosoft.com";
            sim.tenant(CUSTOMER).addUser(upn, "P" + i, "SG", Sku.OFFICE_365_E5);
            upns.add(upn);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<EnableResult>> futures = new java.util.ArrayList<>();
            for (String upn : upns) {
                futures.add(pool.submit(() -> enablement.enableUser(KEY, pick(upn, NumberUsage.USER, OC))));
            }
            java.util.Set<PhoneNumber> numbers = new java.util.HashSet<>();
            for (var f : futures) {
                EnableResult r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.succeeded()).as(r.problems().toString()).isTrue();
                assertThat(numbers.add(r.number().orElseThrow())).as("number given twice").isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(billed).hasSize(8);
    }

    @Test
    void policies_graph_accepts_are_granted_and_the_others_are_reported_precisely() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        EnableRequest withPolicies = EnableRequest.builder(UserRef.parse("carol@contoso.onmicrosoft.com"), pick("carol@contoso.onmicrosoft.com", NumberUsage.USER, OC).number())
                .addonCodes(OC)
                .teamsPolicies(TeamsPolicy.fromMap(java.util.Map.of("TeamsCallingPolicy", "AllowCalling",
                        "OnlineVoiceRoutingPolicy", "SG-Outbound",
                        "TenantDialPlan", "Missing"))).build();

        EnableResult r = enablement.enableUser(KEY, withPolicies);

        assertThat(r.succeeded()).isTrue();
        assertThat(sim.tenant(CUSTOMER).policyAssignments(r.user().orElseThrow())).as(r.warnings().toString())
                .containsOnlyKeys(
                "TeamsCallingPolicy");
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("OnlineVoiceRoutingPolicy")
                .contains("Teams PowerShell")).anySatisfy(w -> assertThat(w).contains("TenantDialPlan")
                .contains("no TenantDialPlan named Missing"));
    }

    @Test
    void without_consent_for_the_country_nothing_is_uploaded() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        sim.consentStatus(CUSTOMER, "removed");

        EnableResult r = enablement.enableUser(KEY, pick("alice@contoso.onmicrosoft.com", NumberUsage.USER, OC));

        assertThat(r.failedStep()).contains(Step.PREFLIGHT);
        assertThat(r.problems()).extracting(Problem::message).singleElement().satisfies(p -> assertThat(p).contains("consented"));
        assertThat(sim.journal().count("provisioning.accounts.createOrUpdateNumbers")).isZero();
    }

    @Test
    void a_batch_costs_one_write_per_user_and_is_confirmed_from_the_number_list_not_by_polling() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        EnableResult carol = enablement.enableUser(KEY, pick("carol@contoso.onmicrosoft.com", NumberUsage.USER, OC));
        assertThat(carol.number()).contains(PhoneNumber.parse("+6590000000"));
        sim.tenant(CUSTOMER).sku(Sku.OFFICE_365_E5, 100);
        List<BatchItem> items = new java.util.ArrayList<>();
        items.add(BatchItem.builder(0, new UserRef.ObjectId(carol.user().orElseThrow()),
                carol.number().orElseThrow(), AddonCatalog.standard().parseSet(OC)).build());
        for (int i = 1; i <= 60; i++) {
            java.util.UUID user = sim.tenant(CUSTOMER).addUser("batch" + i + "@contoso.onmicrosoft.com", "B" + i,
                    "SG", Sku.OFFICE_365_E5);
            PhoneNumber n = PhoneNumber.parse(String.format("+65900000%02d", i));
            inventory.reserve(n, CUSTOMER, "test", Duration.ofMinutes(10));
            items.add(BatchItem.builder(i, new UserRef.ObjectId(user), n, AddonCatalog.standard().parseSet(OC))
                    .build());
        }
        PhoneNumber rejected = PhoneNumber.parse("+6590000007");
        PhoneNumber failing = PhoneNumber.parse("+6590000011");
        sim.faults().failProvisioningFor(rejected.e164()).failOperationsFor(failing.e164())
                .operationDelay(Duration.ofMillis(300));
        sim.journal().clear();
        billed.clear();
        java.util.Map<Long, EnableResult> results = new java.util.concurrent.ConcurrentHashMap<>();

        enablement.enableAll(KEY, items, BatchOptions.DEFAULT.withConcurrency(8), (item, r) ->
                assertThat(results.put(item.id(), r)).as("one result per item").isNull());

        assertThat(results).hasSize(61);
        assertThat(results.get(0L).converged()).as("carol's assignment is recognised, not repeated").isTrue();
        assertThat(results.get(7L).failedStep()).contains(Step.UPLOAD);
        assertThat(results.get(7L).problems()).extracting(Problem::message).singleElement().satisfies(p -> assertThat(p).contains("rejected"));
        assertThat(inventory.find(rejected).orElseThrow().status().state()).as("reservation released")
                .isEqualTo(NumberState.AVAILABLE);
        assertThat(results.get(11L).failedStep()).contains(Step.ASSIGN);
        assertThat(results.get(11L).problems()).extracting(Problem::message).singleElement().satisfies(p -> assertThat(p)
                .contains("Assignment failed"));
        assertThat(inventory.find(failing).orElseThrow().status().state()).as("left in the tenant, tracked")
                .isEqualTo(NumberState.IN_TENANT);
        assertThat(sim.tenant(CUSTOMER).number(failing).orElseThrow().assignmentStatus()).isEqualTo("unassigned");
        results.forEach((id, r) -> {
            if (id != 7L && id != 11L) {
                assertThat(r.succeeded()).as(id + ": " + r.problems()).isTrue();
                PhoneNumber n = r.number().orElseThrow();
                assertThat(inventory.find(n).orElseThrow().status().state()).isEqualTo(NumberState.ASSIGNED);
                assertThat(sim.tenant(CUSTOMER).number(n).orElseThrow().assignmentTarget()).isEqualTo(r.user());
            }
        });
        assertThat(billed).hasSize(59);
        assertThat(sim.journal().count("graph.numbers.assign")).as("one write per user that needed one")
                .isEqualTo(59);
        assertThat(sim.journal().count("graph.numbers.operation")).as("operations read only to explain a failure")
                .isEqualTo(1);
        long graphRequests = sim.journal().entries(e -> e.api().equals("graph")).size();
        assertThat(graphRequests).as("Graph requests for 59 writes").isLessThanOrEqualTo((long) (59 * 1.5));
    }

    @Test
    void a_batchs_confirmation_rounds_read_only_the_numbers_still_pending_not_the_tenants_whole_list() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        // a tenant with 3,000 other numbers: reading its whole list takes 4 requests (pages of 1,000 until a short one)
        sim.tenant(CUSTOMER).addNumbers(PhoneNumberRange.parse("+6580000000..+6580002999"),
                SimulatedTenant.NumberType.DIRECT_ROUTING).sku(Sku.OFFICE_365_E5, 100);
        List<BatchItem> items = new java.util.ArrayList<>();
        java.util.Set<PhoneNumber> batchNumbers = new java.util.HashSet<>();
        for (int i = 0; i < 30; i++) {
            java.util.UUID user = sim.tenant(CUSTOMER).addUser("pending" + i + "@contoso.onmicrosoft.com", "P" + i,
                    "SG", Sku.OFFICE_365_E5);
            PhoneNumber n = PhoneNumber.parse(String.format("+65900000%02d", 20 + i));
            inventory.reserve(n, CUSTOMER, "test", Duration.ofMinutes(10));
            batchNumbers.add(n);
            items.add(BatchItem.builder(i, new UserRef.ObjectId(user), n, AddonCatalog.standard().parseSet(OC))
                    .build());
        }
        sim.faults().operationDelay(Duration.ofMillis(300));
        List<java.util.Collection<?>> filteredReads = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger wholeReads = new java.util.concurrent.atomic.AtomicInteger();
        UserEnablement counted = UserEnablement.builder().microsoft(recordingNumberReads(graph, filteredReads,
                wholeReads)).store(store).inventory(inventory).provisioning(acg).billing(billed::add)
                .resilience(policies).build();
        sim.journal().clear();
        java.util.Map<Long, EnableResult> results = new java.util.concurrent.ConcurrentHashMap<>();

        counted.enableAll(KEY, items, BatchOptions.DEFAULT.withConcurrency(8), (item, r) -> results.put(item.id(), r));

        assertThat(results.values()).hasSize(30).allSatisfy(r -> assertThat(r.succeeded()).as(r.problems()
                .toString()).isTrue());
        assertThat(wholeReads).as("the whole list is read once, before the batch").hasValue(1);
        assertThat(filteredReads).as("every round read the pending numbers only").isNotEmpty()
                .allSatisfy(read -> assertThat(batchNumbers).containsAll((java.util.Collection<PhoneNumber>) read));
        assertThat(sim.journal().count("graph.numbers.list")).as("4 pages once, then one request per round")
                .isEqualTo(4 + filteredReads.size());
    }

    @Test
    void the_consent_and_the_account_are_made_sure_of_while_the_tenants_numbers_are_read_and_only_once() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        List<BatchItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            java.util.UUID user = sim.tenant(CUSTOMER).addUser("ahead" + i + "@contoso.onmicrosoft.com", "A" + i,
                    "SG", Sku.OFFICE_365_E5);
            PhoneNumber n = PhoneNumber.parse(String.format("+65900000%02d", 96 + i));
            inventory.reserve(n, CUSTOMER, "test", Duration.ofMinutes(10));
            items.add(BatchItem.builder(i, new UserRef.ObjectId(user), n, AddonCatalog.standard().parseSet(OC))
                    .build());
        }
        // every answer 400 ms late: asked one after the other, the consent would reach the service at least 400 ms
        // after the number list did
        sim.faults().latency(Duration.ofMillis(400), Duration.ZERO);
        sim.journal().clear();
        java.util.Map<Long, EnableResult> results = new java.util.concurrent.ConcurrentHashMap<>();

        enablement.enableAll(KEY, items, BatchOptions.DEFAULT, (item, r) -> results.put(item.id(), r));

        assertThat(results.values()).hasSize(4).allSatisfy(r -> assertThat(r.succeeded()).as(r.problems()
                .toString()).isTrue());
        RequestJournal.Entry list = sim.journal().entries(e -> e.endpoint().equals("graph.numbers.list")).get(0);
        RequestJournal.Entry consent = sim.journal().entries(e -> e.endpoint().equals("provisioning.rfi.get")).get(0);
        assertThat(Duration.between(list.at(), consent.at()).abs()).as("the consent asked for beside the number list")
                .isLessThan(Duration.ofMillis(200));
        assertThat(sim.journal().count("provisioning.rfi.get")).as("the consent read once").isOne();
        assertThat(sim.journal().count("provisioning.accounts.get")).as("the account read once").isOne();
        assertThat(sim.journal().count("provisioning.accounts.createOrUpdateNumbers")).isOne();
    }

    @Test
    void a_confirmation_round_skips_assignments_younger_than_the_quickest_one_seen_landing() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        List<BatchItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            java.util.UUID user = sim.tenant(CUSTOMER).addUser("young" + i + "@contoso.onmicrosoft.com", "Y" + i,
                    "SG", Sku.OFFICE_365_E5);
            PhoneNumber n = PhoneNumber.parse(String.format("+65900000%02d", 80 + i));
            inventory.reserve(n, CUSTOMER, "test", Duration.ofMinutes(10));
            items.add(BatchItem.builder(i, new UserRef.ObjectId(user), n, AddonCatalog.standard().parseSet(OC))
                    .build());
        }
        // one write at a time, 100 ms each way: the sends spread over seconds, landing 800 ms after each
        sim.faults().latency(Duration.ofMillis(100), Duration.ZERO).operationDelay(Duration.ofMillis(800));
        java.util.Map<Object, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
        List<java.util.Map.Entry<Long, List<?>>> reads = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicLong firstLandingSeen = new java.util.concurrent.atomic.AtomicLong(-1);
        dev.tenantconnect.core.tenant.MicrosoftTenants real = graph;
        dev.tenantconnect.core.tenant.MicrosoftTenants timed = (dev.tenantconnect.core.tenant.MicrosoftTenants)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {
                    dev.tenantconnect.core.tenant.MicrosoftTenants.class}, (proxy, m, args) -> {
                        Object out = invoke(m, real, args);
                        if (!m.getName().equals("teamsNumbers")) {
                            return out;
                        }
                        return java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                                new Class<?>[] {dev.tenantconnect.core.tenant.TeamsNumbers.class}, (p2, m2, a2) -> {
                                    long at = System.nanoTime();
                                    if (m2.getName().equals("beginAssign")) {
                                        sentAt.put(a2[0], at);
                                    }
                                    Object answer = invoke(m2, out, a2);
                                    if (m2.getName().equals("listOf")) {
                                        reads.add(java.util.Map.entry(at, List.copyOf((java.util.Collection<?>) a2[0])));
                                        boolean landed = ((List<?>) answer).stream().anyMatch(x ->
                                                ((dev.tenantconnect.core.tenant.TenantNumber) x).assignmentTarget()
                                                        .isPresent());
                                        if (landed) {
                                            firstLandingSeen.compareAndSet(-1, reads.size() - 1);
                                        }
                                    }
                                    return answer;
                                });
                    });
        UserEnablement counted = UserEnablement.builder().microsoft(timed).store(store).inventory(inventory)
                .provisioning(acg).billing(billed::add).resilience(policies).build();
        java.util.Map<Long, EnableResult> results = new java.util.concurrent.ConcurrentHashMap<>();

        counted.enableAll(KEY, items, BatchOptions.DEFAULT.withConcurrency(1), (item, r) -> results.put(item.id(), r));

        assertThat(results.values()).hasSize(16).allSatisfy(r -> assertThat(r.succeeded()).as(r.problems()
                .toString()).isTrue());
        assertThat(firstLandingSeen.get()).as("some round saw an assignment landed").isNotNegative();
        // once an assignment was seen landing (at least about 700 ms after its send), no later round reads one sent
        // less than that long before it: 300 ms leaves the round trip's 100 ms and a slow machine a wide margin
        for (int r = (int) firstLandingSeen.get() + 1; r < reads.size(); r++) {
            long readAt = reads.get(r).getKey();
            for (Object n : reads.get(r).getValue()) {
                assertThat(Duration.ofNanos(readAt - sentAt.get(n))).as("age of %s when read in round %d", n, r)
                        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
            }
        }
    }

    /** The Graph ports, recording the number reads: whole list, or the numbers asked for. */
    private static dev.tenantconnect.core.tenant.MicrosoftTenants recordingNumberReads(
            dev.tenantconnect.core.tenant.MicrosoftTenants real, List<java.util.Collection<?>> filtered,
            java.util.concurrent.atomic.AtomicInteger whole) {
        return (dev.tenantconnect.core.tenant.MicrosoftTenants) java.lang.reflect.Proxy.newProxyInstance(
                UserEnablementTest.class.getClassLoader(), new Class<?>[] {
                    dev.tenantconnect.core.tenant.MicrosoftTenants.class}, (proxy, m, args) -> {
                        Object out = invoke(m, real, args);
                        if (!m.getName().equals("teamsNumbers")) {
                            return out;
                        }
                        return java.lang.reflect.Proxy.newProxyInstance(UserEnablementTest.class.getClassLoader(),
                                new Class<?>[] {dev.tenantconnect.core.tenant.TeamsNumbers.class}, (p2, m2, a2) -> {
                                    if (m2.getName().equals("list") && m2.getParameterCount() == 0) {
                                        whole.incrementAndGet();
                                    } else if (m2.getName().equals("listOf")) {
                                        filtered.add(List.copyOf((java.util.Collection<?>) a2[0]));
                                    }
                                    return invoke(m2, out, a2);
                                });
                    });
    }

    private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void a_batch_takes_users_by_principal_name_and_fails_only_the_item_whose_user_is_unknown() {
        PhoneNumber forCarol = PhoneNumber.parse("+6590000070");
        PhoneNumber forNobody = PhoneNumber.parse("+6590000071");
        inventory.reserve(forCarol, CUSTOMER, "test", Duration.ofMinutes(10));
        inventory.reserve(forNobody, CUSTOMER, "test", Duration.ofMinutes(10));
        List<BatchItem> items = List.of(
                BatchItem.builder(1, UserRef.parse("carol@contoso.onmicrosoft.com"), forCarol,
                        AddonCatalog.standard().parseSet(OC)).build(),
                BatchItem.builder(2, UserRef.parse("nobody@contoso.onmicrosoft.com"), forNobody,
                        AddonCatalog.standard().parseSet(OC)).build());
        java.util.Map<Long, EnableResult> results = new java.util.concurrent.ConcurrentHashMap<>();

        enablement.enableAll(KEY, items, BatchOptions.DEFAULT, (item, r) -> results.put(item.id(), r));

        assertThat(results.get(1L).succeeded()).as(String.valueOf(results.get(1L))).isTrue();
        assertThat(CLOUD.simulator().tenant(CUSTOMER).number(forCarol).orElseThrow().assignmentTarget())
                .isEqualTo(results.get(1L).user());
        assertThat(results.get(2L).failedStep()).contains(Step.PREFLIGHT);
        assertThat(results.get(2L).problems()).extracting(Problem::message).singleElement()
                .satisfies(m -> assertThat(m).contains("not found"));
        assertThat(inventory.find(forNobody).orElseThrow().status().state()).isEqualTo(NumberState.RESERVED);
    }

    @Test
    void numbers_are_uploaded_ahead_of_assignment_and_released_into_quarantine() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        PhoneNumber a = PhoneNumber.parse("+6590000050");
        PhoneNumber b = PhoneNumber.parse("+6590000051");
        PhoneNumber unknown = PhoneNumber.parse("+6580000000");

        List<NumberOutcome> uploaded = enablement.uploadNumbers(KEY, List.of(a, b, unknown));

        assertThat(uploaded).extracting(NumberOutcome::succeeded).containsExactly(true, true, false);
        assertThat(uploaded.get(2).problem()).contains("the number is not in the operator's inventory");
        assertThat(inventory.find(a).orElseThrow().status().state()).isEqualTo(NumberState.IN_TENANT);
        assertThat(sim.tenant(CUSTOMER).number(b).orElseThrow().assignmentStatus()).isEqualTo("unassigned");
        assertThat(sim.journal().count("provisioning.accounts.createOrUpdateNumbers")).as("one batch").isEqualTo(1);
        assertThat(enablement.uploadNumbers(KEY, List.of(a))).singleElement()
                .satisfies(o -> assertThat(o.succeeded()).as("already in the tenant").isTrue());

        NumberOutcome released = enablement.releaseNumber(KEY, a);

        assertThat(released.succeeded()).as(released.toString()).isTrue();
        assertThat(inventory.find(a).orElseThrow().status().state()).isEqualTo(NumberState.QUARANTINED);
        assertThat(sim.tenant(CUSTOMER).number(a)).as("gone from the tenant").isEmpty();

        EnableResult alice = enablement.enableUser(KEY, EnableRequest.builder(UserRef.parse(
                "alice@contoso.onmicrosoft.com"), new NumberChoice.Specific(b)).addonCodes(OC).build());
        assertThat(alice.succeeded()).isTrue();
        assertThat(enablement.releaseNumber(KEY, b).problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("disable its user first"));
        assertThat(inventory.find(b).orElseThrow().status().state()).isEqualTo(NumberState.ASSIGNED);
    }

    // ---- safe re-runs and ownership ------------------------------------------------------------------------

    private static final String ALICE = "alice@contoso.onmicrosoft.com";

    private dev.tenantconnect.graph.TeamsNumbers teams() {
        return graph.teamsNumbers(CUSTOMER, ClientSecretCredential.of(APP, SECRET, Instant.now().plusSeconds(3600)));
    }

    private java.util.UUID alice() {
        return id(ALICE);
    }

    private java.util.UUID id(String upn) {
        return graph.directory(CUSTOMER, ClientSecretCredential.of(APP, SECRET, Instant.now().plusSeconds(3600)))
                .user(UserRef.parse(upn)).orElseThrow().id();
    }

    private List<PhoneNumber> assignedTo(java.util.UUID user) {
        return teams().list(Optional.empty()).stream().filter(t -> t.assignmentTarget().map(user::equals)
                .orElse(false)).map(dev.tenantconnect.core.tenant.TenantNumber::number).toList();
    }

    /** The number of the user's first pick, reserved for the user as an interrupted run leaves it. */
    private PhoneNumber reservedForAlice() {
        PhoneNumber n = PhoneNumber.parse("+6590000000");
        inventory.reserve(n, CUSTOMER, UserEnablement.holderFor("test", alice()), Duration.ofMinutes(10));
        return n;
    }

    private void intoTenant(PhoneNumber n) {
        var cur = inventory.find(n).orElseThrow();
        cur = inventory.move(n, NumberState.UPLOADING, cur.version(), "test", "crash test");
        CLOUD.simulator().tenant(CUSTOMER).addNumber(n, SimulatedTenant.NumberType.OPERATOR_CONNECT);
        inventory.move(n, NumberState.IN_TENANT, cur.version(), "test", "crash test");
    }

    private void assertAliceHoldsOnly(PhoneNumber n, EnableResult r) {
        assertThat(r.succeeded()).as(r.problems().toString()).isTrue();
        assertThat(r.number()).contains(n);
        assertThat(assignedTo(alice())).containsExactly(n);
        assertThat(inventory.find(n).orElseThrow().status().state()).isEqualTo(NumberState.ASSIGNED);
        assertThat(inventory.capacity(Duration.ofDays(1)).byState()).as("no other number left in flight")
                .doesNotContainKeys(NumberState.RESERVED, NumberState.UPLOADING, NumberState.ASSIGNING);
    }

    @Test
    void enabling_twice_with_a_lost_answer_in_between_leaves_one_number_on_the_user() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        // a Direct Routing number needs no upload: the only write is the assignment, and its answer is lost
        EnableRequest dr = EnableRequest.builder(UserRef.parse(ALICE), new NumberChoice.Pick(AllocationRequest.builder(
                CUSTOMER, "US").type(NumberType.DIRECT_ROUTING).holder("test").reservationTtl(Duration.ofMinutes(10))
                .build())).addonCodes(List.of()).build();
        sim.faults().dropAfterWrite(1.0);
        enablement.enableUser(KEY, dr); // the caller never sees this answer
        sim.faults().dropAfterWrite(0);

        EnableResult second = enablement.enableUser(KEY, dr);

        assertThat(second.converged()).as("already enabled: no write").isTrue();
        assertAliceHoldsOnly(DR, second);
        assertThat(sim.journal().count("graph.numbers.assign")).isEqualTo(1);
    }

    @Test
    void an_unreadable_answer_to_an_assignment_is_settled_against_the_tenant() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        // the assignment is applied, but the answers about its operation arrive cut short
        sim.faults().rewriteResponses("GET", ".*/operations.*", body -> body.substring(0, body.length() / 2));
        EnableResult r = enablement.enableUser(KEY, pick(ALICE, NumberUsage.USER, OC));
        sim.faults().reset();

        assertThat(sim.journal().count("graph.numbers.operation")).as("the unreadable answer was served")
                .isPositive();
        assertAliceHoldsOnly(PhoneNumber.parse("+6590000000"), r);
        assertThat(billed).extracting(BillingEvent::kind).containsExactly(BillingEvent.Kind.ENABLED);
    }

    @Test
    void a_user_who_holds_a_number_is_refused_another_named_one_and_pointed_to_change_number() {
        PhoneNumber held = enablement.enableUser(KEY, pick(ALICE, NumberUsage.USER, OC)).number().orElseThrow();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> enablement.enableUser(KEY, EnableRequest.builder(UserRef.parse(ALICE),
                new NumberChoice.Specific(PhoneNumber.parse("+6590000005")))
                .addonCodes(OC).build())).isInstanceOfSatisfying(NumberOwnershipException.class, e -> {
                    assertThat(e.getMessage()).contains("changeNumber");
                    assertThat(e.userHolds()).contains(held);
                    assertThat(e.number()).isEqualTo(PhoneNumber.parse("+6590000005"));
                });
        assertThat(inventory.find(PhoneNumber.parse("+6590000005")).orElseThrow().status().state())
                .isEqualTo(NumberState.AVAILABLE);
    }

    @Test
    void rerun_after_a_crash_in_reserved_continues_the_users_reservation() {
        PhoneNumber n = reservedForAlice();
        inventory.reserve(PhoneNumber.parse("+6590000001"), CUSTOMER, UserEnablement.holderFor("test",
                id("carol@contoso.onmicrosoft.com")),
                Duration.ofMinutes(10));

        EnableResult r = enablement.enableUser(KEY, pick(ALICE, NumberUsage.USER, OC));

        assertThat(r.succeeded()).as(r.problems().toString()).isTrue();
        assertThat(r.number()).contains(n);
        assertThat(assignedTo(alice())).containsExactly(n);
        assertThat(inventory.find(PhoneNumber.parse("+6590000001")).orElseThrow().status().state())
                .as("another user's reservation is left alone").isEqualTo(NumberState.RESERVED);
    }

    @Test
    void rerun_after_a_crash_in_uploading_uploads_and_assigns_that_number() {
        PhoneNumber n = reservedForAlice();
        var cur = inventory.find(n).orElseThrow();
        inventory.move(n, NumberState.UPLOADING, cur.version(), "test", "crash test");

        assertAliceHoldsOnly(n, enablement.enableUser(KEY, pick(ALICE, NumberUsage.USER, OC)));
    }

    @Test
    void rerun_after_a_crash_in_in_tenant_assigns_that_number() {
        PhoneNumber n = reservedForAlice();
        intoTenant(n);

        assertAliceHoldsOnly(n, enablement.enableUser(KEY, pick(ALICE, NumberUsage.USER, OC)));
        assertThat(CLOUD.simulator().journal().count("provisioning.accounts.createOrUpdateNumbers")).isZero();
    }

    @Test
    void rerun_after_a_crash_in_assigning_whose_write_landed_records_it_without_a_second_write() {
        PhoneNumber n = reservedForAlice();
        intoTenant(n);
        var cur = inventory.find(n).orElseThrow();
        inventory.move(n, NumberState.ASSIGNING, cur.version(), "test", "crash test");
        teams().await(teams().beginAssign(n, alice(), NumberType.OPERATOR_CONNECT, Optional.empty()).id());

        EnableResult r = enablement.enableUser(KEY, pick(ALICE, NumberUsage.USER, OC));

        assertAliceHoldsOnly(n, r);
        assertThat(r.converged()).isTrue();
        assertThat(CLOUD.simulator().journal().count("graph.numbers.assign")).as("the crashed run's only")
                .isEqualTo(1);
    }

    @Test
    void rerun_after_a_crash_in_assigning_whose_write_never_left_assigns_it() {
        PhoneNumber n = reservedForAlice();
        intoTenant(n);
        var cur = inventory.find(n).orElseThrow();
        inventory.move(n, NumberState.ASSIGNING, cur.version(), "test", "crash test");

        assertAliceHoldsOnly(n, enablement.enableUser(KEY, pick(ALICE, NumberUsage.USER, OC)));
    }

    @Test
    void rerun_after_a_crash_in_unassigning_whose_write_landed_records_it() {
        PhoneNumber n = enablement.enableUser(KEY, pick(ALICE, NumberUsage.USER, OC)).number().orElseThrow();
        var cur = inventory.find(n).orElseThrow();
        inventory.move(n, NumberState.UNASSIGNING, cur.version(), "test", "crash test");
        teams().await(teams().beginUnassign(n, NumberType.OPERATOR_CONNECT).id());

        EnableResult r = enablement.disableUser(KEY, UserRef.parse(ALICE), n, AddonCatalog.standard().parseSet(OC));

        assertThat(r.succeeded()).as(r.problems().toString()).isTrue();
        assertThat(inventory.find(n).orElseThrow().status().state()).isEqualTo(NumberState.IN_TENANT);
        assertThat(assignedTo(alice())).isEmpty();
        assertThat(billed).extracting(BillingEvent::kind).containsExactly(BillingEvent.Kind.ENABLED,
                BillingEvent.Kind.DISABLED);
    }

    @Test
    void rerun_after_a_crash_in_unassigning_whose_write_never_left_unassigns_it() {
        PhoneNumber n = enablement.enableUser(KEY, pick(ALICE, NumberUsage.USER, OC)).number().orElseThrow();
        var cur = inventory.find(n).orElseThrow();
        inventory.move(n, NumberState.UNASSIGNING, cur.version(), "test", "crash test");

        EnableResult r = enablement.disableUser(KEY, UserRef.parse(ALICE), n, AddonCatalog.standard().parseSet(OC));

        assertThat(r.succeeded()).as(r.problems().toString()).isTrue();
        assertThat(inventory.find(n).orElseThrow().status().state()).isEqualTo(NumberState.IN_TENANT);
        assertThat(assignedTo(alice())).isEmpty();
        EnableResult again = enablement.disableUser(KEY, UserRef.parse(ALICE), n,
                AddonCatalog.standard().parseSet(OC));
        assertThat(again.converged()).as("already disabled").isTrue();
        assertThat(billed).extracting(BillingEvent::kind).containsExactly(BillingEvent.Kind.ENABLED,
                BillingEvent.Kind.DISABLED);
    }

    @Test
    void disabling_with_another_users_number_is_refused_and_changes_nothing() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        PhoneNumber n = enablement.enableUser(KEY, pick(ALICE, NumberUsage.USER, OC)).number().orElseThrow();
        sim.journal().clear();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> enablement.disableUser(KEY, UserRef.parse(
                "carol@contoso.onmicrosoft.com"), n, AddonCatalog.standard().parseSet(OC)))
                .isInstanceOfSatisfying(NumberOwnershipException.class, e -> {
                    assertThat(e.getMessage()).contains("another user").contains("c***@contoso.onmicrosoft.com");
                    assertThat(e.number()).isEqualTo(n);
                });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> enablement.changeNumber(KEY, UserRef.parse(
                "carol@contoso.onmicrosoft.com"), n, pick("carol@contoso.onmicrosoft.com", NumberUsage.USER, OC)))
                .isInstanceOf(NumberOwnershipException.class);
        assertThat(inventory.find(n).orElseThrow().status().state()).isEqualTo(NumberState.ASSIGNED);
        assertThat(assignedTo(alice())).containsExactly(n);
        assertThat(sim.journal().count("graph.numbers.unassign")).isZero();
        assertThat(billed).extracting(BillingEvent::kind).containsExactly(BillingEvent.Kind.ENABLED);
    }

    @Test
    void disabling_can_release_the_number_from_the_tenant_into_quarantine() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        PhoneNumber n = enablement.enableUser(KEY, pick(ALICE, NumberUsage.USER, OC)).number().orElseThrow();

        EnableResult r = enablement.disableUser(KEY, UserRef.parse(ALICE), n, AddonCatalog.standard().parseSet(OC),
                DisableMode.RELEASE_FROM_TENANT);

        assertThat(r.succeeded()).as(r.problems().toString()).isTrue();
        assertThat(inventory.find(n).orElseThrow().status().state()).isEqualTo(NumberState.QUARANTINED);
        assertThat(sim.tenant(CUSTOMER).number(n)).isEmpty();
    }

    @Test
    void a_number_moves_between_users_in_one_operation() {
        PhoneNumber n = enablement.enableUser(KEY, pick(ALICE, NumberUsage.USER, OC)).number().orElseThrow();
        java.util.UUID carol = id("carol@contoso.onmicrosoft.com");

        EnableResult r = enablement.moveNumber(KEY, UserRef.parse(ALICE), EnableRequest.builder(UserRef.parse(
                "carol@contoso.onmicrosoft.com"), new NumberChoice.Specific(n)).addonCodes(OC).build(), n);

        assertThat(r.succeeded()).as(r.problems().toString()).isTrue();
        assertThat(assignedTo(carol)).containsExactly(n);
        assertThat(assignedTo(alice())).isEmpty();
        assertThat(inventory.find(n).orElseThrow().status().state()).isEqualTo(NumberState.ASSIGNED);
        assertThat(billed).extracting(BillingEvent::kind).containsExactly(BillingEvent.Kind.ENABLED,
                BillingEvent.Kind.DISABLED, BillingEvent.Kind.ENABLED);
    }

    private UserEnablement enablementWith(dev.tenantconnect.core.inventory.NumberInventory inv) {
        return UserEnablement.builder().graph(graph).store(store).inventory(inv).provisioning(acg)
                .billing(billed::add).resilience(policies).build();
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> crashes() {
        int cases = Integer.getInteger("enablement.crash.cases", 6);
        System.out.println("UserEnablementTest crashes: " + cases + " cases per seed");
        return dev.tenantconnect.core.testing.Seeds.cases("UserEnablementTest crashes", "crash.seed", seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            return java.util.stream.IntStream.range(0, cases).mapToObj(i -> org.junit.jupiter.params.provider
                    .Arguments.of(List.of("enableUser", "disableUser", "changeNumber").get(i % 3), 1 + r.nextInt(8),
                            r.nextBoolean(), r.nextInt(3) == 0));
        });
    }

    /**
     * The property: whatever inventory write a run is killed at (before or after it lands), with or without answers
     * lost after the server applied a write, running the same call again (at most three times) ends in a final state
     * — the user holds exactly the numbers the call means, the inventory agrees with the tenant, nothing is left in
     * flight, and no number is in the tenant that the inventory does not track.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} killed at inventory write {1} (after it landed: {2}), "
            + "answers lost: {3}")
    @org.junit.jupiter.params.provider.MethodSource("crashes")
    void a_run_killed_at_any_point_ends_in_a_final_state_when_run_again(String call, int killAt, boolean afterWrite,
            boolean loseAnswers) {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        UserRef alice = UserRef.parse(ALICE);
        dev.tenantconnect.core.addon.AddonSet addons = AddonCatalog.standard().parseSet(OC);
        PhoneNumber before = call.equals("enableUser") ? null
                : enablement.enableUser(KEY, pick(ALICE, NumberUsage.USER, OC)).number().orElseThrow();
        KillingInventory killing = new KillingInventory(inventory, killAt, afterWrite);
        java.util.function.Function<UserEnablement, EnableResult> run = e -> switch (call) {
            case "enableUser" -> e.enableUser(KEY, pick(ALICE, NumberUsage.USER, OC));
            case "disableUser" -> e.disableUser(KEY, alice, before, addons);
            default -> e.changeNumber(KEY, alice, before, pick(ALICE, NumberUsage.USER, OC));
        };
        if (loseAnswers) {
            sim.faults().dropAfterWrite(0.5);
        }
        try {
            run.apply(enablementWith(killing));
        } catch (KillingInventory.Killed expected) {
            // the process died here
        }
        sim.faults().reset();

        EnableResult last = run.apply(enablement);
        for (int i = 1; i < 3 && !last.succeeded(); i++) {
            last = run.apply(enablement);
        }

        assertThat(last.succeeded()).as(last.problems().toString()).isTrue();
        List<PhoneNumber> held = assignedTo(alice());
        if (call.equals("disableUser")) {
            assertThat(held).isEmpty();
            assertThat(inventory.find(before).orElseThrow().status().state()).isEqualTo(NumberState.IN_TENANT);
        } else {
            assertThat(held).as("one number, never a second").hasSize(1);
            assertThat(last.number()).contains(held.get(0));
            if (before != null) {
                assertThat(held.get(0)).isNotEqualTo(before);
            }
        }
        assertThat(inventory.byTenant(CUSTOMER)).as("nothing left in flight").allSatisfy(n -> assertThat(
                n.status().state()).isIn(NumberState.IN_TENANT, NumberState.ASSIGNED, NumberState.QUARANTINED));
        for (var t : teams().list(Optional.empty())) {
            var tracked = inventory.find(t.number());
            assertThat(tracked).as("%s is tracked", t.number().redacted()).isPresent();
            if (tracked.get().tenant().isEmpty()) {
                continue; // operator stock the tenant was seeded with (Direct Routing), never used
            }
            assertThat(tracked.get().status().state()).as(t.number().redacted()).isEqualTo(t.unassigned()
                    ? NumberState.IN_TENANT : NumberState.ASSIGNED);
        }
    }
}
