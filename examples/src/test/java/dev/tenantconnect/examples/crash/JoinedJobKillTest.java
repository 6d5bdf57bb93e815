package dev.tenantconnect.examples.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.tenantconnect.core.job.JobUnits;
import dev.tenantconnect.core.job.JournalEntry;
import dev.tenantconnect.core.job.WorkUnit;
import dev.tenantconnect.core.testing.KilledChild;
import dev.tenantconnect.graph.CloudEnvironment;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.testkit.JournalEndpoints;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's kill scenario as a correctness test: three instances of the operator's platform — three child JVMs on one
 * PostgreSQL — work one bulk job together (one starts it with {@code startJoinable}, two {@code join} it); one of the
 * joiners is killed with SIGKILL just after it concluded its first row, its work unit in flight. The job must finish
 * on the two others (the dead one's unit taken over once its lease ran out): every row done exactly once, the results
 * file written once with every row, and in the simulator every user holding exactly one number, no number held twice,
 * no number unassigned again, and no number in the tenant that the inventory does not track. Not timed.
 */
class JoinedJobKillTest {
    static final int ROWS = Integer.getInteger("joined.kill.rows", 24);
    static final int UNIT_ROWS = 4;
    /** The work units' lease: the dead instance's unit is taken over this long after its last progress. */
    static final Duration LEASE = Duration.ofSeconds(5);

    final Map<UUID, String> upns = new HashMap<>();

    @RegisterExtension
    final SimulatorExtension cloud = SimulatorExtension.create().seededWith(sim -> {
        upns.clear();
        upns.putAll(CrashWorld.seed(sim, ROWS));
    });

    @TempDir
    Path dir;

    @Test
    void a_job_joined_by_three_instances_finishes_on_the_two_left_when_one_is_killed_mid_job() throws Exception {
        MicrosoftCloudSimulator sim = cloud.simulator();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            try (HikariDataSource ds = CrashWorld.pool(url)) {
                CrashWorld.prepare(ds, ROWS);
            }
            Path cert = dir.resolve("sim.pem");
            Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(
                    sim.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
            Path csv = CrashWorld.file(dir, ROWS);

            // the two joiners wait for the job before it is started, so that all three work it from the start
            CountDownLatch waiting = new CountDownLatch(2);
            Predicate<String> notKilled = line -> {
                if (line.equals("WAITING")) {
                    waiting.countDown();
                }
                return false;
            };
            Predicate<String> killedMidJob = line -> {
                if (line.equals("WAITING")) {
                    waiting.countDown();
                }
                return line.startsWith("FINISHED "); // its first row concluded, the rest of its unit in flight
            };
            ExecutorService children = Executors.newFixedThreadPool(3);
            try {
                Future<KilledChild.Run> victim = children.submit(() -> child(sim, cert, url, csv, "join",
                        killedMidJob));
                Future<KilledChild.Run> joiner = children.submit(() -> child(sim, cert, url, csv, "join",
                        notKilled));
                assertThat(waiting.await(2, TimeUnit.MINUTES)).as("both joiners started").isTrue();
                Future<KilledChild.Run> starter = children.submit(() -> child(sim, cert, url, csv, "start",
                        notKilled));

                KilledChild.Run killed = victim.get(3, TimeUnit.MINUTES);
                KilledChild.Run first = starter.get(3, TimeUnit.MINUTES);
                KilledChild.Run second = joiner.get(3, TimeUnit.MINUTES);
                String outputs = "\n--- killed:\n" + killed.output() + "--- starter:\n" + first.output()
                        + "--- joiner:\n" + second.output();
                System.out.println(outputs);
                assertThat(killed.killedAt()).as("one instance killed mid-job" + outputs).isPresent();
                assertThat(killed.output()).as("killed before the job ended").doesNotContain("END ");
                assertThat(first.values("END ")).as("the job finished on the starter" + outputs).hasSize(1);
                assertThat(second.values("END ")).as("the job finished on the other joiner" + outputs).hasSize(1);
                String jobId = first.values("JOB ").get(0);
                assertThat(killed.values("JOINED ")).containsExactly(jobId);
                System.out.println("JoinedJobKillTest: " + ROWS + " rows in units of " + UNIT_ROWS + "; rows "
                        + "concluded per instance: killed " + killed.values("FINISHED ").size() + ", starter "
                        + first.values("FINISHED ").size() + ", joiner " + second.values("FINISHED ").size()
                        + "; starter: " + first.values("END ").get(0));

                check(sim, url, jobId);
            } finally {
                children.shutdownNow();
            }
        }
    }

    private void check(MicrosoftCloudSimulator sim, String url, String jobId) throws Exception {
        GraphConnector graph = GraphConnector.builder().cloud(CloudEnvironment.custom(java.net.URI.create(
                sim.baseUrl()), java.net.URI.create(sim.graphBaseUrl())).allowingStoredCredentials())
                .trust(sim.sslContext(), sim.trustManager()).resilience(CrashWorld.policies()).build();
        try (HikariDataSource ds = CrashWorld.pool(url)) {
            CrashWorld.Wired w = CrashWorld.wire(graph, java.net.URI.create(sim.provisioningBaseUrl()), ds,
                    Clock.systemUTC(), LEASE);
            List<JournalEntry> entries = w.journal().read(jobId).orElseThrow().entries();
            assertThat(entries).filteredOn(e -> e.kind().terminal()).as("every row concluded exactly once, "
                    + "across the three instances").extracting(JournalEntry::line).doesNotHaveDuplicates()
                    .hasSize(ROWS);
            assertThat(entries).filteredOn(e -> e.kind() == JournalEntry.Kind.FAILED).as("failed rows")
                    .extracting(e -> e.line() + ": " + e.error()).isEmpty();
            assertThat(((JobUnits) w.journal()).units(jobId)).as("every work unit done").allMatch(WorkUnit::done);

            Path results = dir.resolve("crash.results.csv");
            List<String> lines = Files.readAllLines(results);
            assertThat(lines).as("the results file: a header and every row once").hasSize(ROWS + 1);
            assertThat(lines.subList(1, lines.size())).as("every row done").allMatch(l -> l.contains("\"done\""));

            CrashWorld.Snapshot after = CrashWorld.snapshot(sim, graph, w, upns, results, ROWS, jobId);
            assertThat(after.untracked()).as("numbers in the tenant the inventory does not track").isEmpty();
            Map<String, List<String>> numbersByUser = new HashMap<>();
            after.tenant().forEach((number, state) -> numbersByUser.computeIfAbsent(state.split(" ")[3],
                    u -> new ArrayList<>()).add(number));
            assertThat(numbersByUser).as("every user holds exactly one number in the tenant, no number left over")
                    .hasSize(ROWS).allSatisfy((user, numbers) -> assertThat(numbers).as(user).hasSize(1));
            assertThat(numbersByUser.keySet()).containsExactlyInAnyOrderElementsOf(upns.values());
            assertThat(after.inventory().values()).filteredOn(s -> s.startsWith("ASSIGNED")).hasSize(ROWS);
            assertThat(after.inventory().values()).as("no reservation, upload or assignment left in flight")
                    .allMatch(s -> s.startsWith("ASSIGNED") || s.startsWith("AVAILABLE"));
            long assigns = sim.journal().count(JournalEndpoints.GRAPH_NUMBERS_ASSIGN);
            long unassigns = sim.journal().count(JournalEndpoints.GRAPH_NUMBERS_UNASSIGN);
            System.out.println("JoinedJobKillTest: " + assigns + " assignment requests for " + ROWS + " rows, "
                    + unassigns + " unassignments; 0 rows lost, 0 numbers assigned twice");
            assertThat(unassigns).as("no number taken back from a user").isZero();
        }
    }

    private static KilledChild.Run child(MicrosoftCloudSimulator sim, Path cert, String url, Path csv, String role,
            Predicate<String> killAt) throws Exception {
        return KilledChild.run(List.of(), JoinedJobChild.class, List.of(sim.baseUrl(), sim.graphBaseUrl(),
                sim.provisioningBaseUrl(), cert.toString(), url, csv.toString(), role,
                String.valueOf(LEASE.toMillis()), String.valueOf(UNIT_ROWS)), killAt);
    }
}
