package dev.tenantconnect.voice.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.extension.InMemoryExtensionStore;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.replication.InMemoryReplicationLeases;
import dev.tenantconnect.core.replication.InMemoryReplicationStateStore;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.testkit.InMemoryMicrosoftTenants;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With leases, a tenant's passes land on different instances over the rounds, and the delta link in the shared state
 * is the last instance's. Each instance's view of the tenant continues from the link it was itself read up to, so a
 * change another instance's pass already consumed still reaches it.
 */
class ReplicationViewsAcrossInstancesTest {
    private final FakeClock clock = FakeClock.atEpoch2026();
    private final InMemoryMicrosoftTenants cloud = new InMemoryMicrosoftTenants(clock);
    private final InMemoryCredentialStore store = new InMemoryCredentialStore(clock);
    private final InMemoryReplicationStateStore state = new InMemoryReplicationStateStore();
    private final InMemoryReplicationLeases leases = new InMemoryReplicationLeases(clock);

    private Replicator instance(String name) {
        return Replicator.builder().microsoft(cloud).store(store).inventory(new InMemoryNumberInventory(
                new NumberLifecycle(QuarantinePolicy.DEFAULT, clock), clock, new SplittableRandom(1)))
                .extensions(new InMemoryExtensionStore()).state(state).clock(clock).sleeper(LeasedTenants.never())
                .leases(leases, name, Duration.ofMinutes(5)).build();
    }

    @Test
    void aUserDeletedBetweenTwoInstancesPassesLeavesEveryInstancesView() {
        CredentialKey key = LeasedTenants.seed(cloud, store, 1, 3).get(0);
        Replicator a = instance("node-a");
        Replicator b = instance("node-b");
        assertThat(a.replicate(key).users()).isEqualTo(3);
        UUID gone = cloud.tenant(key.tenant()).userByUpn("u1@l0.example").orElseThrow();
        cloud.tenant(key.tenant()).deleteUser(gone);

        assertThat(b.replicate(key).users()).as("node-b: first pass, full read").isEqualTo(2);
        Replicator.Result again = a.replicate(key);

        assertThat(again.fullRead()).as("node-a reads incrementally").isFalse();
        assertThat(again.usersRemoved()).isEqualTo(1);
        assertThat(again.users()).as("node-a's view lost the user too").isEqualTo(2);
    }
}
