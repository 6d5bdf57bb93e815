package dev.tenantconnect.core.replication;

import dev.tenantconnect.core.testing.FakeClock;

/** The in-memory leases pass the contract. */
class InMemoryReplicationLeasesTest extends ReplicationLeasesContract {
    @Override
    protected ReplicationLeases newLeases(FakeClock clock) {
        return new InMemoryReplicationLeases(clock);
    }
}
