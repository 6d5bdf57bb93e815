package dev.tenantconnect.core.replication;

/** The in-memory replication state passes the replication state contract. */
class InMemoryReplicationStateStoreTest extends ReplicationStateStoreContract {
    @Override
    protected ReplicationStateStore newStore() {
        return new InMemoryReplicationStateStore();
    }
}
