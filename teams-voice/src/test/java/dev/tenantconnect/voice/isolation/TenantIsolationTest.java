package dev.tenantconnect.voice.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.extension.InMemoryExtensionStore;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.replication.InMemoryReplicationStateStore;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.core.tenant.UserInfo;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Sku;
import dev.tenantconnect.voice.SimulatedConnector;
import dev.tenantconnect.voice.replication.Replicator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.resilience.AdaptivePacer;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.core.resilience.TenantGuards;
import dev.tenantconnect.testkit.Faults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tenant isolation as a property over random interleavings: one multi-tenant app (the same client ID and secret in
 * every tenant, as operators deploy it), one connector, one replicator, many threads. Whatever the order, a token,
 * pacer, cache entry or delta link of tenant A is never used for tenant B: every look-up sees only its own tenant's
 * users, every replication reports exactly the changes made in its tenant, and each tenant gets its own token. The
 * seed is printed ({@code -Disolation.seed=N} replays the program; thread timing still varies).
 */
class TenantIsolationTest {
    static final int TENANTS = 6;
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000f1");
    static final Secret SECRET = Secret.of("isolation-secret");

    @RegisterExtension
    final SimulatorExtension cloud = SimulatorExtension.create();

    private static TenantId tenant(int i) {
        return TenantId.parse(String.format("6b17bc95-fa47-49bf-8b00-%012d", 700 + i));
    }

    private static String upn(int tenant, int user) {
        return "u" + user + "@t" + tenant + ".onmicrosoft.com";
    }

    @Test
    void no_tenant_ever_sees_or_spends_another_tenants_state() throws Exception {
        long seed = Long.getLong("isolation.seed", new SecureRandom().nextLong());
        System.out.println("TenantIsolationTest seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        MicrosoftCloudSimulator sim = cloud.simulator();
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        Map<Integer, Map<String, UUID>> users = new HashMap<>();
        for (int t = 0; t < TENANTS; t++) {
            var st = sim.tenant(tenant(t)).domain("t" + t + ".onmicrosoft.com").sku(Sku.OFFICE_365_E5, 100);
            st.app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                    .grant(GraphPermission.USER_READ_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
                    .secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
            Map<String, UUID> mine = new HashMap<>();
            for (int u = 0; u < 3; u++) {
                mine.put(upn(t, u), st.addUser(upn(t, u), "User " + u, "SG", Sku.OFFICE_365_E5));
            }
            users.put(t, mine);
            store.create(new CredentialKey(tenant(t), ServiceId.of("oc-main")), ClientSecretCredential.of(APP, SECRET,
                    Instant.now().plus(Duration.ofDays(30))));
        }
        // tenant 0 is throttled hard: its 429s must slow its own pacer only, and no tenant's bulkhead keeps a permit
        // (its pacer's floor is 10 calls/s, so the throttling costs this test seconds, not minutes)
        ResiliencePolicies policies = ResiliencePolicies.builder(Clock.systemUTC(), Sleeper.system())
                .guards(TenantGuards.builder().pacing(tenant(0), new AdaptivePacer.Settings(20, 10, 2_000)).build())
                .build();
        GraphConnector graph = SimulatedConnector.forSimulator(sim, policies);
        sim.faults().throttleTenant(tenant(0), new Faults.Throttling(1, 1));
        for (int i = 0; i < 4; i++) { // back to back against one request a second: answered with 429 for certain
            graph.directory(tenant(0), ClientSecretCredential.of(APP, SECRET, Instant.now().plus(Duration.ofDays(30))))
                    .user(UserRef.parse(upn(0, i % 3)));
        }
        sim.faults().throttleTenant(tenant(0), new Faults.Throttling(4, 20)); // and still tight in the rounds
        Replicator replicator = Replicator.builder().graph(graph).store(store)
                .inventory(new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT,
                        Clock.systemUTC()), Clock.systemUTC(), new SplittableRandom(1)))
                .extensions(new InMemoryExtensionStore()).state(new InMemoryReplicationStateStore()).build();
        List<CredentialKey> keys = new ArrayList<>();
        for (int t = 0; t < TENANTS; t++) {
            keys.add(new CredentialKey(tenant(t), ServiceId.of("oc-main")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                // the world changes in some tenants
                int[] added = new int[TENANTS];
                for (int t = 0; t < TENANTS; t++) {
                    int n = random.nextInt(3);
                    for (int i = 0; i < n; i++) {
                        String name = upn(t, users.get(t).size());
                        users.get(t).put(name, sim.tenant(tenant(t)).addUser(name, name, "SG", Sku.OFFICE_365_E5));
                    }
                    added[t] = n;
                }
                // replication of every tenant and cross-tenant look-ups, shuffled together on eight threads
                List<Callable<Runnable>> work = new ArrayList<>();
                Map<CredentialKey, Replicator.Result> results = new java.util.concurrent.ConcurrentHashMap<>();
                for (CredentialKey k : keys) {
                    work.add(() -> {
                        results.put(k, replicator.replicate(k));
                        return () -> { };
                    });
                }
                for (int i = 0; i < 40; i++) {
                    int asker = random.nextInt(TENANTS);
                    int owner = random.nextInt(TENANTS);
                    String name = upn(owner, random.nextInt(3));
                    UUID id = users.get(owner).get(name);
                    work.add(() -> {
                        Optional<UserInfo> seen = graph.directory(tenant(asker), ClientSecretCredential.of(APP,
                                SECRET, Instant.now().plus(Duration.ofDays(30)))).user(UserRef.parse(name));
                        return () -> {
                            if (asker == owner) {
                                assertThat(seen).as("tenant %d finds its own user", asker)
                                        .hasValueSatisfying(u -> assertThat(u.id()).isEqualTo(id));
                            } else {
                                assertThat(seen).as("tenant %d never sees tenant %d's user", asker, owner).isEmpty();
                            }
                        };
                    });
                }
                java.util.Collections.shuffle(work, new java.util.Random(random.nextLong()));
                List<Future<Runnable>> done = new ArrayList<>();
                for (Callable<Runnable> w : work) {
                    done.add(pool.submit(w));
                }
                for (Future<Runnable> f : done) {
                    f.get().run();
                }
                for (int t = 0; t < TENANTS; t++) {
                    Replicator.Result r = results.get(keys.get(t));
                    assertThat(r.users()).as("round %d, tenant %d: its own users only", round, t)
                            .isEqualTo(users.get(t).size());
                    if (round > 0) {
                        assertThat(r.fullRead()).isFalse();
                        assertThat(r.usersChanged()).as("round %d, tenant %d: exactly its own changes", round, t)
                                .isEqualTo(added[t]);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        TenantGuards guards = policies.guards();
        System.out.println("TenantIsolationTest: tenant 0 answered 429 " + sim.journal().entries(e -> e.tenant()
                .equals(Optional.of(tenant(0))) && e.status() == 429).size() + " times; its pacer " + guards.pacer(
                        tenant(0)));
        assertThat(guards.pacer(tenant(0)).throttledCount()).as("tenant 0's pacer heard its 429s").isPositive();
        for (int t = 0; t < TENANTS; t++) {
            TenantId id = tenant(t);
            assertThat(sim.journal().tokenRequests(id)).as("tenant %d has its own token, fetched once", t)
                    .isEqualTo(1);
            var bulkhead = guards.bulkhead(id);
            assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).as("tenant %d's bulkhead holds no permit",
                    t).isEqualTo(bulkhead.getMetrics().getMaxAllowedConcurrentCalls());
            if (t > 0) {
                assertThat(sim.journal().entries(e -> e.tenant().equals(Optional.of(id)) && e.status() == 429))
                        .as("tenant %d was never throttled", t).isEmpty();
                assertThat(guards.pacer(id).throttledCount()).as("tenant %d's pacer never slowed for tenant 0", t)
                        .isZero();
                assertThat(guards.pacer(id).rate()).as("tenant %d's rate is its own", t)
                        .isGreaterThanOrEqualTo(AdaptivePacer.Settings.DEFAULT.initialRate());
            }
        }
    }
}
