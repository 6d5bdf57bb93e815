package dev.tenantconnect.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ReplicationLeases} must pass: one holder per tenant at a time, taken over only after it
 * expired and then fenced (the old lease no longer holds, nor renews), renewed by its holder past its first TTL,
 * released for the next, tenants apart, and one winner among instances racing. Published in the core test-jar; extend it and implement {@link #newLeases(FakeClock)} and
 * {@link #reopen(ReplicationLeases, FakeClock)}.
 */
public abstract class ReplicationLeasesContract {
    private static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e1");
    private static final TenantId OTHER = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e3");
    private static final Duration TTL = Duration.ofMinutes(5);
    /** The clock every instance shares. */
    protected final FakeClock clock = FakeClock.atEpoch2026();
    private ReplicationLeases leases;

    /**
     * @param clock the clock leases expire by
     * @return new, empty leases
     */
    protected abstract ReplicationLeases newLeases(FakeClock clock);

    /**
     * @param leases the leases under test
     * @param clock their clock
     * @return the same leases as another instance sees them (the same object for memory leases)
     */
    protected ReplicationLeases reopen(ReplicationLeases leases, FakeClock clock) {
        return leases;
    }

    @BeforeEach
    void fresh() {
        leases = newLeases(clock);
    }

    @Test
    void oneInstanceAtATimeAndTenantsApart() {
        ReplicationLeases other = reopen(leases, clock);
        ReplicationLease a = leases.acquire(TENANT, "node-a", TTL).orElseThrow();

        assertThat(other.acquire(TENANT, "node-b", TTL)).isEmpty();
        assertThat(leases.acquire(TENANT, "node-a", TTL)).isEmpty();
        assertThat(other.acquire(OTHER, "node-b", TTL)).isPresent();
        assertThat(other.holds(a)).isTrue();
        assertThat(a.holder()).isEqualTo("node-a");
    }

    @Test
    void anExpiredLeaseIsTakenOverAndFencedOut() {
        ReplicationLeases other = reopen(leases, clock);
        ReplicationLease a = leases.acquire(TENANT, "node-a", TTL).orElseThrow();
        clock.advance(TTL);

        ReplicationLease b = other.acquire(TENANT, "node-b", TTL).orElseThrow();

        assertThat(b.epoch()).isGreaterThan(a.epoch());
        assertThat(leases.holds(a)).isFalse();
        assertThat(leases.holds(b)).isTrue();
        leases.release(a);
        assertThat(other.holds(b)).as("releasing a stale lease leaves the current one").isTrue();
    }

    @Test
    void aReleasedLeaseIsFreeForTheNextWithAHigherEpoch() {
        ReplicationLease a = leases.acquire(TENANT, "node-a", TTL).orElseThrow();
        leases.release(a);

        Optional<ReplicationLease> b = reopen(leases, clock).acquire(TENANT, "node-b", TTL);

        assertThat(b).isPresent();
        assertThat(b.get().epoch()).isGreaterThan(a.epoch());
        assertThat(leases.holds(a)).isFalse();
    }

    @Test
    void aTenantPassedSinceAGivenInstantIsSkippedOnlyWhenAsked() {
        java.time.Instant roundStart = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        leases.release(leases.acquire(TENANT, "node-a", TTL).orElseThrow());
        ReplicationLeases other = reopen(leases, clock);

        assertThat(other.acquire(TENANT, "node-b", TTL, Optional.of(roundStart))).isEmpty();
        assertThat(other.acquire(OTHER, "node-b", TTL, Optional.of(roundStart))).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(other.acquire(TENANT, "node-b", TTL, Optional.of(clock.instant()))).isPresent();
    }

    @Test
    void aRenewedLeaseOutlastsItsFirstTtlAndIsNotTakenOver() {
        ReplicationLeases other = reopen(leases, clock);
        ReplicationLease a = leases.acquire(TENANT, "node-a", TTL).orElseThrow();
        clock.advance(TTL.dividedBy(3));

        ReplicationLease renewed = leases.renew(a, TTL).orElseThrow();

        assertThat(renewed.epoch()).as("renewal keeps the fencing token").isEqualTo(a.epoch());
        assertThat(renewed.holder()).isEqualTo("node-a");
        assertThat(renewed.expiresAt()).isEqualTo(clock.instant().plus(TTL));
        clock.advance(TTL.dividedBy(3).multipliedBy(2).plusSeconds(1)); // past the first expiry
        assertThat(other.acquire(TENANT, "node-b", TTL)).isEmpty();
        assertThat(other.holds(a)).as("the lease is checked by epoch, not by the copy").isTrue();
        assertThat(other.holds(renewed)).isTrue();
    }

    @Test
    void aLeaseTakenOverAfterItExpiredIsNotRenewed() {
        ReplicationLeases other = reopen(leases, clock);
        ReplicationLease a = leases.acquire(TENANT, "node-a", TTL).orElseThrow();
        clock.advance(TTL);
        ReplicationLease b = other.acquire(TENANT, "node-b", TTL).orElseThrow();

        assertThat(leases.renew(a, TTL)).isEmpty();
        assertThat(other.holds(b)).as("a refused renewal leaves the new holder's lease").isTrue();
        assertThat(other.renew(b, TTL)).isPresent();
    }

    @Test
    void anExpiredOrReleasedLeaseIsNotRenewedEvenWhenNobodyTookIt() {
        ReplicationLease a = leases.acquire(TENANT, "node-a", TTL).orElseThrow();
        clock.advance(TTL);
        assertThat(leases.renew(a, TTL)).as("expired").isEmpty();

        ReplicationLease b = leases.acquire(TENANT, "node-a", TTL).orElseThrow();
        leases.release(b);
        assertThat(leases.renew(b, TTL)).as("released").isEmpty();
        assertThat(reopen(leases, clock).acquire(TENANT, "node-b", TTL)).isPresent();
    }

    @Test
    void aRenewedLeaseIsReleasedForTheNext() {
        ReplicationLeases other = reopen(leases, clock);
        ReplicationLease a = leases.acquire(TENANT, "node-a", TTL).orElseThrow();
        clock.advance(TTL.dividedBy(2));
        ReplicationLease renewed = leases.renew(a, TTL).orElseThrow();
        clock.advance(TTL.dividedBy(2));

        leases.release(renewed);

        assertThat(leases.holds(renewed)).isFalse();
        ReplicationLease b = other.acquire(TENANT, "node-b", TTL).orElseThrow();
        assertThat(b.epoch()).isGreaterThan(a.epoch());
    }

    @Test
    void racingInstancesGetOneLease() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> work = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ReplicationLeases mine = reopen(leases, clock);
                String holder = "node-" + i;
                work.add(() -> mine.acquire(TENANT, holder, TTL).isPresent());
            }
            int won = 0;
            for (Future<Boolean> f : pool.invokeAll(work)) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
