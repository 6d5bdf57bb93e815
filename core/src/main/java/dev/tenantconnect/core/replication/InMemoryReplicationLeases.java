package dev.tenantconnect.core.replication;

import dev.tenantconnect.core.model.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link ReplicationLeases} for the replicators of one process. */
public final class InMemoryReplicationLeases implements ReplicationLeases {
    private final Clock clock;
    private final Map<TenantId, ReplicationLease> leases = new HashMap<>();
    private final Map<TenantId, Instant> passed = new HashMap<>();

    /** @param clock decides expiry */
    public InMemoryReplicationLeases(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized Optional<ReplicationLease> acquire(TenantId tenant, String holder, Duration ttl,
            Optional<Instant> skipIfPassedAfter) {
        Instant now = clock.instant();
        ReplicationLease current = leases.get(Objects.requireNonNull(tenant, "tenant"));
        if (current != null && now.isBefore(current.expiresAt())) {
            return Optional.empty();
        }
        Instant last = passed.get(tenant);
        if (last != null && skipIfPassedAfter.isPresent() && last.isAfter(skipIfPassedAfter.get())) {
            return Optional.empty();
        }
        ReplicationLease lease = new ReplicationLease(tenant, holder, current == null ? 1 : current.epoch() + 1,
                now.plus(ttl));
        leases.put(tenant, lease);
        return Optional.of(lease);
    }

    @Override
    public synchronized boolean holds(ReplicationLease lease) {
        ReplicationLease current = leases.get(lease.tenant());
        return current != null && current.epoch() == lease.epoch() && clock.instant().isBefore(current.expiresAt());
    }

    @Override
    public synchronized Optional<ReplicationLease> renew(ReplicationLease lease, Duration ttl) {
        if (!holds(lease)) {
            return Optional.empty();
        }
        ReplicationLease renewed = new ReplicationLease(lease.tenant(), lease.holder(), lease.epoch(),
                clock.instant().plus(ttl));
        leases.put(lease.tenant(), renewed);
        return Optional.of(renewed);
    }

    @Override
    public synchronized void release(ReplicationLease lease) {
        ReplicationLease current = leases.get(lease.tenant());
        if (current != null && current.epoch() == lease.epoch()) {
            // keep the epoch so the next lease is fenced above this one
            leases.put(lease.tenant(), new ReplicationLease(lease.tenant(), lease.holder(), lease.epoch(),
                    clock.instant()));
            passed.put(lease.tenant(), clock.instant());
        }
    }
}
