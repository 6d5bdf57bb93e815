package dev.tenantconnect.examples.programs;

import dev.tenantconnect.core.billing.InMemoryUsageLedger;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.extension.InMemoryExtensionStore;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.replication.InMemoryReplicationStateStore;
import dev.tenantconnect.voice.TenantConnectClient;
import dev.tenantconnect.voice.replication.Replicator;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Background replication, as a scheduler runs it: every connected tenant, in parallel on an executor you
 * size, one tenant's failure isolated; the second run reads only what changed.
 */
public final class ReplicateAllTenants {
    private ReplicateAllTenants() {
    }

    /**
     * @param cloud where to run
     * @param out where the outcomes go
     * @return the outcomes of the second run
     */
    public static List<Replicator.Outcome> run(ExampleCloud cloud, PrintWriter out) {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        store.create(cloud.key(), cloud.customerCredential()); // every tenant the platform has connected
        ExecutorService pool = Executors.newFixedThreadPool(4);      // bounds how many tenants run at once
        TenantConnectClient client = cloud.client().credentials(store)
                .inventory(new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT,
                        Clock.systemUTC()), Clock.systemUTC(), new SplittableRandom()))
                .extensions(new InMemoryExtensionStore())            // JdbcExtensionStore in production
                .replicationState(new InMemoryReplicationStateStore()) // JdbcReplicationStateStore: shared links
                .usage(new InMemoryUsageLedger())                    // users gone stop being billed when observed
                .executor(pool).build();
        Replicator replicator = client.replication();
        try {
            List<Replicator.Outcome> outcomes = List.of();
            for (int run = 1; run <= 2; run++) {                     // e.g. daily, from your scheduler
                outcomes = replicator.replicateAll(store.listAll().stream().map(r -> r.key()).toList());
                for (Replicator.Outcome o : outcomes) {
                    int currentRun = run;
                    o.result().ifPresent(r -> out.println("run " + currentRun + ": " + r.tenant() + " " + r.users()
                            + " users, " + r.usersChanged() + " changed, " + r.drift().size() + " drift findings"));
                    o.error().ifPresent(e -> out.println("run " + currentRun + ": " + o.key().tenant() + " failed: "
                            + e));
                }
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * @param args none
     */
    public static void main(String[] args) {
        try (ExampleCloud cloud = ExampleCloud.start(50)) {
            boolean ok = run(cloud, new PrintWriter(System.out, true)).stream().allMatch(o -> o.error().isEmpty());
            System.exit(ok ? 0 : 1);
        }
    }
}
