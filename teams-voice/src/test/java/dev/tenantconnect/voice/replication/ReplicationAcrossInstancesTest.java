package dev.tenantconnect.voice.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.LeaseHeldException;
import dev.tenantconnect.core.extension.InMemoryExtensionStore;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.replication.InMemoryReplicationLeases;
import dev.tenantconnect.core.replication.InMemoryReplicationStateStore;
import dev.tenantconnect.core.replication.ReplicationLease;
import dev.tenantconnect.core.replication.ReplicationLeaseLostException;
import dev.tenantconnect.core.replication.ReplicationLeases;
import dev.tenantconnect.testkit.SimulatedTenant;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Sku;
import dev.tenantconnect.voice.SimulatedConnector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicator instances sharing one lease store (as two JVMs share the JDBC one): a tenant's pass runs on one
 * instance at a time, and {@code replicateAll} over the same tenants on both (one round) replicates each tenant
 * exactly once.
 */
class ReplicationAcrossInstancesTest {
    private static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000c8");
    private static final Secret SECRET = Secret.of("replication-lease-secret");
    private static final int TENANTS = 20;
    private static final List<CredentialKey> KEYS = new ArrayList<>();

    @RegisterExtension
    final SimulatorExtension cloud = SimulatorExtension.create().seededWith(sim -> {
        KEYS.clear();
        for (int i = 0; i < TENANTS; i++) {
            TenantId t = TenantId.parse(String.format("6b17bc95-fa47-49bf-8b00-%012d", 700 + i));
            SimulatedTenant st = sim.tenant(t).domain("r" + i + ".onmicrosoft.com").sku(Sku.OFFICE_365_E5, 3);
            for (int u = 0; u < 3; u++) {
                st.addUser("u" + u + "@r" + i + ".onmicrosoft.com", "U " + u, "SG", Sku.OFFICE_365_E5);
            }
            st.app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                    .grant(GraphPermission.USER_READ_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
                    .secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
            KEYS.add(new CredentialKey(t, ServiceId.of("oc-main")));
        }
    });

    private final ReplicationLeases leases = new InMemoryReplicationLeases(Clock.systemUTC());
    private final InMemoryReplicationStateStore state = new InMemoryReplicationStateStore();
    private final InMemoryCredentialStore store = new InMemoryCredentialStore();

    @BeforeEach
    void credentials() {
        for (CredentialKey k : KEYS) {
            store.create(k, ClientSecretCredential.of(APP, SECRET, Instant.now().plus(Duration.ofDays(30))));
        }
    }

    private Replicator instance(String name) {
        return Replicator.builder().graph(SimulatedConnector.forSimulator(cloud.simulator())).store(store)
                .inventory(new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT,
                        Clock.systemUTC()), Clock.systemUTC(), new SplittableRandom(1)))
                .extensions(new InMemoryExtensionStore()).state(state)
                .leases(leases, name, Duration.ofMinutes(10), Duration.ofMinutes(5)).build();
    }

    private long graphRequests() {
        return cloud.simulator().journal().entries().stream().filter(e -> e.api().equals("graph")).count();
    }

    @Test
    void aTenantBeingReplicatedElsewhereIsLeftAloneWithoutAGraphRequest() {
        Replicator b = instance("node-b");
        ReplicationLease heldByA = leases.acquire(KEYS.get(0).tenant(), "node-a", Duration.ofMinutes(10))
                .orElseThrow();
        long before = graphRequests();

        assertThatThrownBy(() -> b.replicate(KEYS.get(0))).isInstanceOf(LeaseHeldException.class);
        assertThat(graphRequests()).isEqualTo(before);
        assertThat(state.deltaLink(KEYS.get(0).tenant())).isEmpty();

        leases.release(heldByA);
        assertThat(b.replicate(KEYS.get(0)).users()).isEqualTo(3);
        assertThat(state.deltaLink(KEYS.get(0).tenant())).isPresent();
    }

    @Test
    void aPassWhoseLeaseWasTakenOverWritesNoState() {
        ReplicationLeases shared = new ReplicationLeases() {
            private final InMemoryReplicationLeases inner = new InMemoryReplicationLeases(Clock.systemUTC());

            @Override
            public java.util.Optional<ReplicationLease> acquire(TenantId tenant, String holder, Duration ttl,
                    java.util.Optional<Instant> skipIfPassedAfter) {
                return inner.acquire(tenant, holder, ttl, skipIfPassedAfter);
            }

            @Override
            public boolean holds(ReplicationLease lease) {
                // the pass outlasted its lease and another instance took the tenant over meanwhile
                return false;
            }

            @Override
            public java.util.Optional<ReplicationLease> renew(ReplicationLease lease, Duration ttl) {
                return inner.renew(lease, ttl);
            }

            @Override
            public void release(ReplicationLease lease) {
                inner.release(lease);
            }
        };
        Replicator a = Replicator.builder().graph(SimulatedConnector.forSimulator(cloud.simulator())).store(store)
                .inventory(new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT,
                        Clock.systemUTC()), Clock.systemUTC(), new SplittableRandom(1)))
                .extensions(new InMemoryExtensionStore()).state(state)
                .leases(shared, "node-a", Duration.ofMinutes(10)).build();

        assertThatThrownBy(() -> a.replicate(KEYS.get(1))).isInstanceOf(ReplicationLeaseLostException.class)
                .hasMessageContaining("taken over");
        assertThat(state.deltaLink(KEYS.get(1).tenant())).isEmpty();
    }

    @Test
    void replicateAllOnTwoInstancesReplicatesEveryTenantExactlyOnce() throws Exception {
        Replicator a = instance("node-a");
        Replicator b = instance("node-b");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CompletableFuture<List<Replicator.Outcome>> onA = CompletableFuture.supplyAsync(() -> a.replicateAll(KEYS,
                    pool));
            CompletableFuture<List<Replicator.Outcome>> onB = CompletableFuture.supplyAsync(() -> b.replicateAll(KEYS,
                    pool));
            List<Replicator.Outcome> all = new ArrayList<>(onA.get());
            all.addAll(onB.get());

            assertThat(all).noneMatch(o -> o.error().isPresent());
            Map<TenantId, Integer> passes = new HashMap<>();
            all.stream().filter(o -> o.result().isPresent()).forEach(o -> passes.merge(o.key().tenant(), 1,
                    Integer::sum));
            assertThat(passes).hasSize(TENANTS).allSatisfy((t, n) -> assertThat(n).as("passes of " + t).isEqualTo(1));
            assertThat(all).filteredOn(Replicator.Outcome::elsewhere).hasSize(TENANTS);
        } finally {
            pool.shutdownNow();
        }
    }
}
