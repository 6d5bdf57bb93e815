package dev.tenantconnect.voice.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.extension.InMemoryExtensionStore;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.replication.InMemoryReplicationLeases;
import dev.tenantconnect.core.replication.InMemoryReplicationStateStore;
import dev.tenantconnect.core.replication.ReplicationLease;
import dev.tenantconnect.core.replication.ReplicationLeases;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.tenant.MicrosoftTenants;
import dev.tenantconnect.testkit.InMemoryMicrosoftTenants;
import dev.tenantconnect.voice.TenantConnectClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A leased replication pass renews its lease with a heartbeat: a pass longer than the TTL keeps the tenant, and a pass
 * that lost the lease (its instance stalled past the TTL and another took the tenant over) stops before its next
 * write and says so. Time is a fake clock; the heartbeat waits on a sleeper the test wakes, and the pass is held in
 * its read of the tenant's users, so every step happens in the order the test sets.
 */
class ReplicationLeaseRenewalTest {
    private static final Duration TTL = Duration.ofMinutes(6);
    private static final Duration BEAT = TTL.dividedBy(3);

    private final FakeClock clock = FakeClock.atEpoch2026();
    private final InMemoryMicrosoftTenants cloud = new InMemoryMicrosoftTenants(clock);
    private final InMemoryCredentialStore store = new InMemoryCredentialStore(clock);
    private final InMemoryReplicationStateStore state = new InMemoryReplicationStateStore();
    private final BlockingQueue<Duration> beats = new LinkedBlockingQueue<>();
    private final Semaphore wake = new Semaphore(0);
    /** The heartbeat's wait: recorded, then over when the test says (or the pass ends and interrupts it). */
    private final Sleeper sleeper = d -> {
        beats.put(d);
        wake.acquire();
    };
    private final CountDownLatch reading = new CountDownLatch(1);
    private final CountDownLatch readMayEnd = new CountDownLatch(1);
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private CredentialKey key;
    private TenantId tenant;

    @BeforeEach
    void seed() {
        key = LeasedTenants.seed(cloud, store, 1, 4).get(0);
        tenant = key.tenant();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** The Microsoft side, each read of a tenant's users held until the test lets it end. */
    private MicrosoftTenants held() {
        return LeasedTenants.hooked(cloud, t -> {
            reading.countDown();
            try {
                readMayEnd.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, t -> { });
    }

    private InMemoryNumberInventory inventory() {
        return new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT, clock), clock,
                new SplittableRandom(1));
    }

    private Replicator instance(ReplicationLeases leases) {
        return Replicator.builder().microsoft(held()).store(store).inventory(inventory())
                .extensions(new InMemoryExtensionStore()).state(state).clock(clock).sleeper(sleeper)
                .leases(leases, "node-a", TTL).build();
    }

    @Test
    void aPassLongerThanTheTtlKeepsItsLeaseAndFinishes() throws Exception {
        InMemoryReplicationLeases leases = new InMemoryReplicationLeases(clock);
        passLongerThanTheTtl(leases, instance(leases));
    }

    @Test
    void theRootClientsReplicatorRenewsWithTheClientsSleeper() throws Exception {
        InMemoryReplicationLeases leases = new InMemoryReplicationLeases(clock);
        TenantConnectClient client = TenantConnectClient.builder().microsoft(held()).credentials(store)
                .inventory(inventory()).replicationState(state).clock(clock).sleeper(sleeper)
                .replicationLeases(leases, "node-a", TTL, Duration.ZERO).build();

        passLongerThanTheTtl(leases, client.replication());
    }

    private void passLongerThanTheTtl(ReplicationLeases leases, Replicator a) throws Exception {
        CompletableFuture<Replicator.Result> pass = CompletableFuture.supplyAsync(() -> a.replicate(key), pool);
        reading.await();

        Instant start = clock.instant();
        for (int i = 0; i < 6; i++) { // two TTLs, the heartbeat renewing every third of one
            assertThat(beats.take()).isEqualTo(BEAT);
            clock.advance(BEAT);
            wake.release();
        }
        assertThat(beats.take()).as("the sixth renewal done, the heartbeat waits again").isEqualTo(BEAT);

        assertThat(Duration.between(start, clock.instant())).isEqualTo(TTL.multipliedBy(2));
        assertThat(leases.acquire(tenant, "node-b", TTL)).as("still node-a's").isEmpty();
        readMayEnd.countDown();
        Replicator.Result r = pass.join();
        assertThat(r.users()).isEqualTo(4);
        assertThat(state.deltaLink(tenant)).as("the pass wrote its delta link").isPresent();
        assertThat(leases.acquire(tenant, "node-b", TTL)).as("released at the end").isPresent();
    }

    @Test
    void aPassWhoseLeaseWasTakenOverStopsBeforeItsNextWriteAndSaysSo() throws Exception {
        InMemoryReplicationLeases inner = new InMemoryReplicationLeases(clock);
        BlockingQueue<Optional<ReplicationLease>> renewals = new LinkedBlockingQueue<>();
        ReplicationLeases leases = new ReplicationLeases() {
            @Override
            public Optional<ReplicationLease> acquire(TenantId t, String holder, Duration ttl,
                    Optional<Instant> skipIfPassedAfter) {
                return inner.acquire(t, holder, ttl, skipIfPassedAfter);
            }

            @Override
            public boolean holds(ReplicationLease lease) {
                return inner.holds(lease);
            }

            @Override
            public Optional<ReplicationLease> renew(ReplicationLease lease, Duration ttl) {
                Optional<ReplicationLease> r = inner.renew(lease, ttl);
                renewals.add(r);
                return r;
            }

            @Override
            public void release(ReplicationLease lease) {
                inner.release(lease);
            }
        };
        Replicator a = instance(leases);
        CompletableFuture<List<Replicator.Outcome>> round = CompletableFuture.supplyAsync(() -> a.replicateAll(
                List.of(key)), pool);
        reading.await();
        assertThat(beats.take()).isEqualTo(BEAT);

        clock.advance(TTL); // node-a stalls past its lease: no renewal in time
        ReplicationLease b = inner.acquire(tenant, "node-b", TTL).orElseThrow();
        wake.release();
        assertThat(renewals.take()).as("the late renewal is refused").isEmpty();
        readMayEnd.countDown();

        Replicator.Outcome outcome = round.join().get(0);
        assertThat(outcome.result()).isEmpty();
        assertThat(outcome.elsewhere()).as("not silent: an error, not 'done elsewhere'").isFalse();
        assertThat(outcome.error()).hasValueSatisfying(e -> assertThat(e).contains("ReplicationLeaseLostException")
                .contains(tenant.value()));
        assertThat(state.deltaLink(tenant)).as("no write after the lease was lost").isEmpty();
        assertThat(inner.holds(b)).as("node-a's release left node-b's lease alone").isTrue();
    }
}
