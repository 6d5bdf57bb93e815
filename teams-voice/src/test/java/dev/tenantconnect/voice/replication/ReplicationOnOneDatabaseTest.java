package dev.tenantconnect.voice.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.extension.InMemoryExtensionStore;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.replication.ReplicationLeases;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.tenant.MicrosoftTenants;
import dev.tenantconnect.jdbc.JdbcReplicationLeases;
import dev.tenantconnect.jdbc.JdbcReplicationStateStore;
import dev.tenantconnect.jdbc.JdbcStores;
import dev.tenantconnect.testkit.InMemoryMicrosoftTenants;
import dev.tenantconnect.voice.TenantConnectClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one H2 database sharing {@link JdbcReplicationLeases}, as two JVMs share PostgreSQL: every round of
 * {@code replicateAll} over the same tenants on both replicates each tenant exactly once, spread over both
 * instances, and no tenant's pass ever runs on both at once — for the replicator built directly and for the one the
 * root client builds with {@code replicationLeases}. Each instance's first pass of a round waits until the other's
 * has started, so the two instances do run passes at the same time (and both take part). Time stands still within a
 * round and moves an hour between rounds; the lease heartbeat never beats (leases do not expire on a still clock).
 */
class ReplicationOnOneDatabaseTest {
    private static final int TENANTS = 12;
    private static final int ROUNDS = 3;

    private final FakeClock clock = FakeClock.atEpoch2026();
    private final InMemoryMicrosoftTenants cloud = new InMemoryMicrosoftTenants(clock);
    private final InMemoryCredentialStore store = new InMemoryCredentialStore(clock);
    private final Map<TenantId, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger overlaps = new AtomicInteger();
    // one thread per instance: an instance holding its first pass of a round holds one tenant, so the other always
    // finds one to start with
    private final ExecutorService poolA = Executors.newSingleThreadExecutor();
    private final ExecutorService poolB = Executors.newSingleThreadExecutor();
    private final ExecutorService rounds = Executors.newFixedThreadPool(2);
    private DataSource db;
    private List<CredentialKey> keys;
    private volatile CountDownLatch bothStarted;

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:replication-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcStores.migrate(h2);
        db = h2;
        keys = LeasedTenants.seed(cloud, store, TENANTS, 2);
    }

    @AfterEach
    void stop() {
        poolA.shutdownNow();
        poolB.shutdownNow();
        rounds.shutdownNow();
    }

    /** The Microsoft side of one instance: counts passes of a tenant in flight, and holds its first of a round. */
    private MicrosoftTenants watched(AtomicBoolean firstOfRound) {
        Consumer<TenantId> enter = t -> {
            if (inFlight.computeIfAbsent(t, x -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            if (firstOfRound.compareAndSet(false, true)) {
                bothStarted.countDown();
                try {
                    bothStarted.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        return LeasedTenants.hooked(cloud, enter, t -> inFlight.get(t).decrementAndGet());
    }

    private ReplicationLeases leases() {
        return new JdbcReplicationLeases(db, clock); // one per instance, as each JVM has its own
    }

    @Test
    void twoReplicatorsReplicateEveryTenantOncePerRoundSpreadOverBoth() throws Exception {
        AtomicBoolean firstA = new AtomicBoolean();
        AtomicBoolean firstB = new AtomicBoolean();
        Replicator a = replicator(watched(firstA), "node-a");
        Replicator b = replicator(watched(firstB), "node-b");

        runRounds(() -> a.replicateAll(keys, poolA), () -> b.replicateAll(keys, poolB), firstA, firstB);
    }

    @Test
    void twoRootClientsWithReplicationLeasesNeverRunATenantsPassAtOnce() throws Exception {
        AtomicBoolean firstA = new AtomicBoolean();
        AtomicBoolean firstB = new AtomicBoolean();
        TenantConnectClient a = client(watched(firstA), "node-a", poolA);
        TenantConnectClient b = client(watched(firstB), "node-b", poolB);

        runRounds(() -> a.replication().replicateAll(keys), () -> b.replication().replicateAll(keys), firstA,
                firstB);
    }

    private void runRounds(java.util.function.Supplier<List<Replicator.Outcome>> onA,
            java.util.function.Supplier<List<Replicator.Outcome>> onB, AtomicBoolean firstA, AtomicBoolean firstB)
            throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            bothStarted = new CountDownLatch(2);
            firstA.set(false);
            firstB.set(false);
            CompletableFuture<List<Replicator.Outcome>> fa = CompletableFuture.supplyAsync(onA, rounds);
            CompletableFuture<List<Replicator.Outcome>> fb = CompletableFuture.supplyAsync(onB, rounds);
            List<Replicator.Outcome> byA = fa.get();
            List<Replicator.Outcome> byB = fb.get();

            List<Replicator.Outcome> all = new ArrayList<>(byA);
            all.addAll(byB);
            assertThat(all).as("round " + round).noneMatch(o -> o.error().isPresent());
            Map<TenantId, Integer> passes = new ConcurrentHashMap<>();
            all.stream().filter(o -> o.result().isPresent()).forEach(o -> passes.merge(o.key().tenant(), 1,
                    Integer::sum));
            assertThat(passes).as("round " + round).hasSize(TENANTS)
                    .allSatisfy((t, n) -> assertThat(n).as("passes of " + t).isEqualTo(1));
            assertThat(byA).as("round " + round + " on node-a").anyMatch(o -> o.result().isPresent());
            assertThat(byB).as("round " + round + " on node-b").anyMatch(o -> o.result().isPresent());
            clock.advance(Duration.ofHours(1)); // the next scheduled round
        }
        assertThat(overlaps).as("passes of one tenant running at once").hasValue(0);
    }

    private Replicator replicator(MicrosoftTenants microsoft, String instance) {
        return Replicator.builder().microsoft(microsoft).store(store).inventory(inventory())
                .extensions(new InMemoryExtensionStore()).state(new JdbcReplicationStateStore(db, clock)).clock(clock)
                .sleeper(LeasedTenants.never()).leases(leases(), instance, Duration.ofMinutes(5),
                        Duration.ofMinutes(10)).build();
    }

    private TenantConnectClient client(MicrosoftTenants microsoft, String instance, ExecutorService pool) {
        return TenantConnectClient.builder().microsoft(microsoft).credentials(store).inventory(inventory())
                .replicationState(new JdbcReplicationStateStore(db, clock)).clock(clock)
                .sleeper(LeasedTenants.never()).executor(pool).replicationLeases(leases(), instance).build();
    }

    private InMemoryNumberInventory inventory() {
        return new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT, clock), clock,
                new SplittableRandom(1));
    }
}
