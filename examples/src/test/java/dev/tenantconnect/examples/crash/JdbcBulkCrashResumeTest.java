package dev.tenantconnect.examples.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.tenantconnect.bulk.BulkJob;
import dev.tenantconnect.bulk.BulkPlan;
import dev.tenantconnect.bulk.BulkReport;
import dev.tenantconnect.core.job.JournalEntry;
import dev.tenantconnect.bulk.ProgressListener;
import dev.tenantconnect.bulk.RowOutcome;
import dev.tenantconnect.bulk.RowStatus;
import dev.tenantconnect.core.testing.KilledChild;
import dev.tenantconnect.core.testing.Seeds;
import dev.tenantconnect.core.testing.tear.TearingFileSystemProvider;
import dev.tenantconnect.graph.CloudEnvironment;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Timing;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 23's crash test on the stores an operator runs in production: a bulk run on the JDBC stores (inventory,
 * job journal, credentials, extensions in one database — an H2 file, or PostgreSQL) in a child JVM, killed with
 * SIGKILL, then resumed from this JVM with the same database and no repair step. The simulator lives here and
 * survives the kill. After the resume, the tenant, the inventory, the extensions and the results file must equal those
 * of an uninterrupted reference run of the same file (IDs of jobs and users aside), every row must be done exactly
 * once, and no number may be in the tenant that the inventory does not track there.
 *
 * <p>Kill points cycle through three kinds: after a random number of finished rows (writes in flight); inside a
 * database transaction (a random commit of the run never happens: its statements executed, the child waits for the
 * kill); in the middle of writing the results file ({@link TearingFileSystemProvider}). Drawn from a seed printed
 * with the test ({@code -Dcrash.seed=N} replays, {@code -Dreliability.seeds=K} runs {@code K} random seeds); {@code -Djdbc.crash.points=N} kill points, alternating between
 * H2 and PostgreSQL, {@code -Djdbc.crash.rows=N} rows (4 and 40 here, more in the {@code reliability} profile).
 */
class JdbcBulkCrashResumeTest {
    static final int ROWS = Integer.getInteger("jdbc.crash.rows", 40);
    static final int POINTS = Integer.getInteger("jdbc.crash.points", 4);

    /** The database the operator's stores live in. */
    enum Database {
        H2_FILE, POSTGRESQL
    }

    /** Where the child is killed. */
    enum KillPoint {
        AFTER_FINISHED_ROWS, INSIDE_TRANSACTION, MID_RESULTS_WRITE
    }

    /** The uninterrupted run: what every resumed run must end as, and how many commits it took. */
    record Reference(CrashWorld.Snapshot state, int commitsBeforeJob, int commits) {
    }

    private static Reference reference;
    private static EmbeddedPostgres postgres;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    final Map<UUID, String> upns = new HashMap<>();

    @RegisterExtension
    final SimulatorExtension cloud = SimulatorExtension.create().seededWith(sim -> {
        upns.clear();
        upns.putAll(CrashWorld.seed(sim, ROWS));
    });

    @TempDir
    Path dir;

    /** Where the reference run's file and results go. */
    @TempDir
    static Path referenceDir;

    static Stream<Arguments> killPoints() {
        System.out.println("JdbcBulkCrashResumeTest: " + POINTS + " kill points per seed, " + ROWS + " rows");
        return Seeds.cases("JdbcBulkCrashResumeTest", "crash.seed", seed -> {
            Random random = new Random(seed);
            // kinds and databases cycle together: six kill points cover every pair
            return IntStream.range(0, POINTS).mapToObj(i -> Arguments.of(Database.values()[i % 2], i + 1,
                    KillPoint.values()[i % KillPoint.values().length], 1 + random.nextInt(ROWS - 1),
                    random.nextDouble()));
        });
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    @ParameterizedTest(name = "{0}, kill point {1}: {2} (after {3} rows / at commit fraction {4})")
    @MethodSource("killPoints")
    void a_job_killed_with_sigkill_resumes_on_the_jdbc_stores_to_the_reference_state(Database db, int run,
            KillPoint point, int killAfter, double commitFraction) throws Exception {
        Reference ref = reference();
        MicrosoftCloudSimulator sim = cloud.simulator();
        String url = database(db);
        try (HikariDataSource ds = CrashWorld.pool(url)) {
            CrashWorld.prepare(ds, ROWS);
        } // closed: an H2 file database is opened by one process at a time
        // a commit of the job's run; the count varies a little between runs and databases (confirmation rounds),
        // so the draw stays within the first three quarters of the reference run's
        int stopAt = ref.commitsBeforeJob() + 1 + (int) (commitFraction * 0.75 * (ref.commits()
                - ref.commitsBeforeJob()));
        System.out.println(db + " kill point " + run + " (" + point + "): " + switch (point) {
            case AFTER_FINISHED_ROWS -> "SIGKILL after " + killAfter + " finished rows";
            case INSIDE_TRANSACTION -> "SIGKILL inside commit " + stopAt + " of " + ref.commits();
            case MID_RESULTS_WRITE -> "SIGKILL inside the results file's write";
        });
        Path cert = dir.resolve("sim.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(
                sim.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Path csv = CrashWorld.file(dir, ROWS);

        List<String> options = point != KillPoint.MID_RESULTS_WRITE ? List.of() : List.of(
                "-Djava.nio.file.spi.DefaultFileSystemProvider=" + TearingFileSystemProvider.class.getName(),
                "-Dtear.file=\\..*\\.results\\.csv\\..*\\.tmp", "-Dtear.at=1");
        KilledChild.Run child = KilledChild.run(options, JdbcBulkChild.class, List.of(sim.baseUrl(),
                sim.graphBaseUrl(), sim.provisioningBaseUrl(), cert.toString(), url, csv.toString(),
                String.valueOf(point == KillPoint.INSIDE_TRANSACTION ? stopAt : 0)), line -> switch (point) {
                    case AFTER_FINISHED_ROWS -> line.startsWith("FINISHED ")
                            && Integer.parseInt(line.substring(9).strip()) >= killAfter;
                    case INSIDE_TRANSACTION -> line.startsWith("INTX ");
                    case MID_RESULTS_WRITE -> line.startsWith("TORN ");
                });
        String output = child.output();
        assertThat(child.killedAt()).as("the child was killed where the kill point says\n" + output).isPresent();
        assertThat(output).as("killed before the job ended").doesNotContain("\nEND ");

        // This process takes over with the same database, as another instance would once the child's lease ran out
        // (its journal's clock is set past the lease): the job it finds there is resumed; a child killed before it
        // committed its job left nothing to resume, and the file is run again.
        GraphConnector graph = GraphConnector.builder().cloud(CloudEnvironment.custom(URI.create(sim.baseUrl()),
                URI.create(sim.graphBaseUrl())).allowingStoredCredentials()).trust(sim.sslContext(),
                        sim.trustManager()).resilience(CrashWorld.policies()).build();
        try (HikariDataSource ds = CrashWorld.pool(url)) {
            CrashWorld.Wired w = CrashWorld.wire(graph, URI.create(sim.provisioningBaseUrl()), ds,
                    Clock.offset(Clock.systemUTC(), CrashWorld.LEASE.plusMinutes(1)));
            List<String> jobs = w.journal().jobIds();
            assertThat(jobs).as("at most the one job the child started").hasSizeLessThanOrEqualTo(1);
            BulkReport resumed = jobs.isEmpty() ? w.bulk().run(w.bulk().plan(csv, CrashWorld.KEY,
                    CrashWorld.options()), ProgressListener.NONE) : w.bulk().resume(jobs.get(0), ProgressListener.NONE);
            String jobId = resumed.jobId();

            assertThat(resumed.complete()).as(resumed.summary() + "\n" + output).isTrue();
            assertThat(resumed.outcomes()).extracting(RowOutcome::line).doesNotHaveDuplicates().hasSize(ROWS);
            assertThat(resumed.outcomes()).extracting(RowOutcome::status).containsOnly(RowStatus.DONE);
            List<JournalEntry> entries = w.journal().read(jobId).orElseThrow().entries();
            assertThat(entries).filteredOn(e -> e.kind() == JournalEntry.Kind.DONE).extracting(JournalEntry::line)
                    .as("every row done exactly once across both processes").doesNotHaveDuplicates().hasSize(ROWS);

            CrashWorld.Snapshot after = CrashWorld.snapshot(sim, graph, w, upns, resumed.resultsFile(), ROWS, jobId);
            assertThat(after.untracked()).as("numbers in the tenant the inventory does not track").isEmpty();
            assertThat(after.tenant()).as("the tenant").isEqualTo(ref.state().tenant());
            assertThat(after.inventory()).as("the inventory").isEqualTo(ref.state().inventory());
            assertThat(after.extensions()).as("the extensions").isEqualTo(ref.state().extensions());
            assertThat(after.results()).as("the results file").isEqualTo(ref.state().results());
        }
    }

    /** A fresh database of the kind, as a JDBC URL both JVMs open. */
    private String database(Database db) throws IOException, SQLException {
        if (db == Database.H2_FILE) {
            // H2 writes a commit to its file up to WRITE_DELAY (500 ms) later unless told otherwise; a process killed
            // in that window loses committed rows (found by this test: reservations gone, numbers in the tenant)
            return "jdbc:h2:file:" + dir.resolve("operator").toAbsolutePath() + ";WRITE_DELAY=0";
        }
        synchronized (JdbcBulkCrashResumeTest.class) {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
            }
        }
        String name = "crash_" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    /** Runs the file once without a kill, in its own simulator and database; once per class. */
    private static synchronized Reference reference() throws IOException {
        if (reference != null) {
            return reference;
        }
        try (MicrosoftCloudSimulator sim = MicrosoftCloudSimulator.builder().timing(Timing.FAST).start();
                HikariDataSource pool = CrashWorld.pool("jdbc:h2:mem:reference-" + UUID.randomUUID()
                        + ";DB_CLOSE_DELAY=-1")) {
            Map<UUID, String> upns = CrashWorld.seed(sim, ROWS);
            CrashWorld.prepare(pool, ROWS);
            AtomicInteger commits = new AtomicInteger();
            javax.sql.DataSource ds = JdbcBulkChild.stoppingAtCommit(pool, commits, 0, new PrintWriter(
                    System.out, true));
            GraphConnector graph = GraphConnector.builder().cloud(CloudEnvironment.custom(URI.create(sim.baseUrl()),
                    URI.create(sim.graphBaseUrl())).allowingStoredCredentials()).trust(sim.sslContext(),
                            sim.trustManager()).resilience(CrashWorld.policies()).build();
            CrashWorld.Wired w = CrashWorld.wire(graph, URI.create(sim.provisioningBaseUrl()), ds,
                    Clock.systemUTC());
            Path csv = CrashWorld.file(referenceDir, ROWS);
            BulkPlan plan = w.bulk().plan(csv, CrashWorld.KEY, CrashWorld.options());
            int beforeJob = commits.get();
            BulkJob job = w.bulk().start(plan, ProgressListener.NONE);
            BulkReport r = job.await();
            assertThat(r.outcomes()).as("the reference run: " + r.summary()).extracting(RowOutcome::status)
                    .containsOnly(RowStatus.DONE).hasSize(ROWS);
            reference = new Reference(CrashWorld.snapshot(sim, graph, w, upns, r.resultsFile(), ROWS, r.jobId()),
                    beforeJob, commits.get());
            assertThat(reference.state().untracked()).isEmpty();
            System.out.println("JdbcBulkCrashResumeTest reference run: " + r.summary() + ", " + commits.get()
                    + " commits (" + beforeJob + " before the job)");
            return reference;
        }
    }
}
