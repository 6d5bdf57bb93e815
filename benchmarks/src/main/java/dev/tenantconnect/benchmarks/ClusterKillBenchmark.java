package dev.tenantconnect.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tenantconnect.bulk.BulkAssignments;
import dev.tenantconnect.bulk.BulkJob;
import dev.tenantconnect.bulk.BulkOptions;
import dev.tenantconnect.bulk.NumberPool;
import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.KeyProvider;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.credential.StoreKey;
import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.job.JobUnits;
import dev.tenantconnect.core.job.JournalEntry;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.resilience.PollingConsistencyPolicy;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.core.tenant.TenantNumber;
import dev.tenantconnect.graph.CloudEnvironment;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.jdbc.JdbcCredentialStore;
import dev.tenantconnect.jdbc.JdbcExtensionStore;
import dev.tenantconnect.jdbc.JdbcJobJournal;
import dev.tenantconnect.jdbc.JdbcNumberInventory;
import dev.tenantconnect.jdbc.JdbcStores;
import dev.tenantconnect.testkit.JournalEndpoints;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatedTenant;
import dev.tenantconnect.testkit.Sku;
import dev.tenantconnect.voice.enablement.UserEnablement;
import dev.tenantconnect.graph.provisioning.AcgProvisioningClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Issue 21's kill scenario at size, with real processes: one bulk job joined by three instance JVMs (child processes
 * of this one, on one embedded PostgreSQL; the simulator runs in this JVM), one of them killed with SIGKILL once it has
 * concluded a given number of rows. Measured, not asserted: how long the job took, how the rows spread over the
 * instances, how long after the kill the dead instance's unit was taken over, and the correctness figures — rows lost
 * (no outcome), rows concluded twice, users holding other than one number, numbers in the tenant the inventory does
 * not track, unassignments.
 *
 * <p>Arguments: {@code [rows (3,000)] [rows per unit (100)] [rows the victim concludes before its kill (150)]
 * [lease seconds (10)]}. Command: see docs/BENCHMARKS.md ("Joined bulk job, one instance killed").
 */
public final class ClusterKillBenchmark {
    private static final TenantId CUSTOMER = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000d1");
    private static final TenantId OPERATOR = TenantId.parse("75f9fed4-d8e9-4c90-bc28-5230000000d1");
    private static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000d1");
    private static final ClientId OPERATOR_APP = ClientId.parse("75f9fed4-0000-4000-8000-0000000000d1");
    private static final Secret SECRET = Secret.of("cluster-kill-benchmark-app-secret");
    private static final CredentialKey KEY = new CredentialKey(CUSTOMER, ServiceId.of("oc-main"));
    private static final long FIRST = 6592000000L;

    private ClusterKillBenchmark() {
    }

    /**
     * @param args see the class comment; {@code --instance ...} runs one instance (used by the benchmark itself)
     * @throws Exception if the database, the simulator or a child cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--instance")) {
            instance(args);
            return;
        }
        List<String> pos = Runs.positional(List.of(args));
        int rows = pos.size() > 0 ? Integer.parseInt(pos.get(0)) : 3_000;
        int unitRows = pos.size() > 1 ? Integer.parseInt(pos.get(1)) : 100;
        int killAfter = pos.size() > 2 ? Integer.parseInt(pos.get(2)) : 150;
        Duration lease = Duration.ofSeconds(pos.size() > 3 ? Long.parseLong(pos.get(3)) : 10);
        String loadBefore = Runs.load();
        Path dir = Files.createTempDirectory("cluster-kill");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                MicrosoftCloudSimulator sim = MicrosoftCloudSimulator.builder().seed(21)
                        .timing(dev.tenantconnect.testkit.Timing.FAST).start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            Set<UUID> users = seed(sim, rows);
            try (HikariDataSource ds = pool(url)) {
                JdbcStores.migrate(ds);
                inventory(ds).importNumbers(PhoneNumberRange.parse("+" + FIRST + "..+" + (FIRST + 2L * rows - 1)),
                        NumberAttributes.of("SG", "6592", NumberType.OPERATOR_CONNECT, NumberUsage.USER), "bench");
                new JdbcCredentialStore(ds, keys(), Clock.systemUTC()).create(KEY, ClientSecretCredential.of(APP,
                        SECRET, Instant.now().plus(Duration.ofDays(30))));
            }
            Path cert = dir.resolve("sim.pem");
            Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(
                    sim.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
            Path csv = file(dir, rows);
            List<String> common = List.of(sim.baseUrl(), sim.graphBaseUrl(), sim.provisioningBaseUrl(),
                    cert.toString(), url, csv.toString(), String.valueOf(lease.toMillis()),
                    String.valueOf(unitRows));

            CountDownLatch waiting = new CountDownLatch(2);
            Instance victim = new Instance("victim", common, "join", waiting, killAfter);
            Instance joiner = new Instance("joiner", common, "join", waiting, 0);
            victim.start();
            joiner.start();
            waiting.await(5, TimeUnit.MINUTES);
            long t0 = System.nanoTime();
            Instance starter = new Instance("starter", common, "start", waiting, 0);
            starter.start();
            for (Instance i : List.of(victim, joiner, starter)) {
                i.join();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;

            try (HikariDataSource ds = pool(url)) {
                report(sim, ds, rows, unitRows, lease, users, seconds, List.of(victim, joiner, starter));
            }
        }
        System.out.println("load average before: " + loadBefore + ", after: " + Runs.load());
    }

    private static void report(MicrosoftCloudSimulator sim, DataSource ds, int rows, int unitRows, Duration lease,
            Set<UUID> users, double seconds, List<Instance> instances) {
        JdbcJobJournal journal = new JdbcJobJournal(ds, Clock.systemUTC(), lease);
        String jobId = journal.jobIds().get(0);
        List<JournalEntry> entries = journal.read(jobId).orElseThrow().entries();
        Map<Long, Integer> concluded = new HashMap<>();
        entries.stream().filter(e -> e.kind().terminal()).forEach(e -> concluded.merge(e.line(), 1, Integer::sum));
        long done = entries.stream().filter(e -> e.kind() == JournalEntry.Kind.DONE).count();
        long twice = concluded.values().stream().filter(n -> n > 1).count();
        long lost = rows - concluded.size();
        long unitsLeft = journal.units(jobId).stream().filter(u -> !u.done()).count();

        JdbcNumberInventory inventory = inventory(ds);
        List<TenantNumber> inTenant = graph(sim.baseUrl(), sim.graphBaseUrl(), Optional.empty(), sim)
                .teamsNumbers(CUSTOMER, ClientSecretCredential.of(APP, SECRET, Instant.now().plusSeconds(3600)))
                .list(Optional.empty());
        Map<UUID, Integer> numbersPerUser = new HashMap<>();
        long untracked = 0;
        for (TenantNumber n : inTenant) {
            n.assignmentTarget().ifPresent(u -> numbersPerUser.merge(u, 1, Integer::sum));
            Optional<InventoryNumber> x = inventory.find(n.number());
            if (x.isEmpty() || !x.get().tenant().equals(Optional.of(CUSTOMER))) {
                untracked++;
            }
        }
        long usersNotOne = users.stream().filter(u -> numbersPerUser.getOrDefault(u, 0) != 1).count();
        long unassigned = inTenant.stream().filter(n -> n.assignmentTarget().isEmpty()).count();
        long leftInFlight = inventory.byTenant(CUSTOMER).stream().filter(n -> n.status().state()
                != NumberState.ASSIGNED).count();
        System.out.printf(java.util.Locale.ROOT, "joined job: %d rows in units of %d, 3 instances, lease %d s, "
                + "one killed after %d rows%n", rows, unitRows, lease.toSeconds(), instances.get(0).killAfter);
        for (Instance i : instances) {
            System.out.printf(java.util.Locale.ROOT, "  %-8s concluded %5d rows%s%n", i.name, i.finished.get(),
                    i.killedAtNanos > 0 ? " (SIGKILL)" : "");
        }
        System.out.printf(java.util.Locale.ROOT, "  job finished in %.1f s (%.1f rows/s), %d done, units left %d%n",
                seconds, rows / seconds, done, unitsLeft);
        System.out.printf(java.util.Locale.ROOT, "  rows lost %d, rows concluded twice %d, users without exactly one "
                + "number %d, numbers in the tenant unassigned %d, untracked %d, inventory not ASSIGNED %d%n", lost,
                twice, usersNotOne, unassigned, untracked, leftInFlight);
        System.out.printf(java.util.Locale.ROOT, "  requests: %d assignments, %d unassignments%n",
                sim.journal().count(JournalEndpoints.GRAPH_NUMBERS_ASSIGN),
                sim.journal().count(JournalEndpoints.GRAPH_NUMBERS_UNASSIGN));
    }

    /** One instance JVM, its output read on a thread of its own. */
    private static final class Instance extends Thread {
        final String name;
        final int killAfter;
        final AtomicInteger finished = new AtomicInteger();
        volatile long killedAtNanos;
        private final List<String> command = new ArrayList<>();
        private final CountDownLatch waiting;

        Instance(String name, List<String> common, String role, CountDownLatch waiting, int killAfter) {
            super("instance-" + name);
            this.name = name;
            this.killAfter = killAfter;
            this.waiting = waiting;
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-cp", System.getProperty("java.class.path"), ClusterKillBenchmark.class.getName(),
                    "--instance", role));
            command.addAll(common);
        }

        @Override
        public void run() {
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.equals("WAITING")) {
                            waiting.countDown();
                        } else if (line.startsWith("ROW")) {
                            if (finished.incrementAndGet() == killAfter) {
                                killedAtNanos = System.nanoTime();
                                p.destroyForcibly(); // SIGKILL
                                break;
                            }
                        } else if (line.startsWith("END ") || line.startsWith("Exception") || line.contains("ERROR")) {
                            System.out.println("[" + name + "] " + line);
                        }
                    }
                } finally {
                    p.destroyForcibly();
                    p.waitFor(60, TimeUnit.SECONDS);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Child: {@code --instance start|join loginUrl graphUrl provisioningUrl cert jdbcUrl csv leaseMs unitRows}. */
    private static void instance(String[] a) throws InterruptedException {
        GraphConnector graph = graph(a[2], a[3], Optional.of(Path.of(a[5])), null);
        HikariDataSource ds = pool(a[6]);
        JdbcCredentialStore store = new JdbcCredentialStore(ds, keys(), Clock.systemUTC());
        JdbcNumberInventory inventory = inventory(ds);
        AcgProvisioningClient acg = AcgProvisioningClient.builder().connector(graph)
                .endpoint(URI.create(a[4]), MicrosoftCloudSimulator.PROVISIONING_SCOPE)
                .operator(OPERATOR, ClientSecretCredential.of(OPERATOR_APP, SECRET, Instant.now().plusSeconds(3600)))
                .build();
        UserEnablement enablement = UserEnablement.builder().graph(graph).store(store).inventory(inventory)
                .provisioning(acg).resilience(policies()).build();
        JdbcJobJournal journal = new JdbcJobJournal(ds, Clock.systemUTC(), Duration.ofMillis(Long.parseLong(a[8])));
        BulkAssignments bulk = BulkAssignments.builder().graph(graph).store(store).inventory(inventory)
                .enablement(enablement).extensions(new JdbcExtensionStore(ds)).journal(journal).build();
        BulkJob job;
        if (a[1].equals("start")) {
            BulkOptions options = BulkOptions.defaults().withConcurrency(16)
                    .withNumberPool(NumberPool.operatorConnect("SG"));
            job = bulk.startJoinable(bulk.plan(Path.of(a[7]), KEY, options), Integer.parseInt(a[9]),
                    p -> System.out.println("ROW"));
        } else {
            System.out.println("WAITING");
            String jobId = null;
            while (jobId == null) {
                List<String> ids = journal.jobIds();
                if (!ids.isEmpty() && !((JobUnits) journal).units(ids.get(0)).isEmpty()) {
                    jobId = ids.get(0);
                } else {
                    Thread.sleep(50);
                }
            }
            job = bulk.join(jobId, p -> System.out.println("ROW"));
        }
        System.out.println("END " + job.await().summary());
        ds.close();
    }

    private static GraphConnector graph(String login, String graphUrl, Optional<Path> cert,
            MicrosoftCloudSimulator sim) {
        GraphConnector.Builder b = GraphConnector.builder().cloud(CloudEnvironment.custom(URI.create(login),
                URI.create(graphUrl)).allowingStoredCredentials()).resilience(policies());
        if (cert.isPresent()) {
            b.trustCertificates(cert.get());
        } else {
            b.trust(sim.sslContext(), sim.trustManager());
        }
        return b.build();
    }

    private static ResiliencePolicies policies() {
        return ResiliencePolicies.builder(Clock.systemUTC(), Sleeper.system())
                .consistency(PollingConsistencyPolicy.builder().initialDelay(Duration.ofMillis(20))
                        .maxDelay(Duration.ofMillis(200)).confirmationDelay(Duration.ofMillis(20))
                        .totalBudget(Duration.ofSeconds(60)).maxPolls(1000).build()).build();
    }

    private static Set<UUID> seed(MicrosoftCloudSimulator sim, int rows) {
        SimulatedTenant t = sim.tenant(CUSTOMER).displayName("Fabrikam").domain("fabrikam.onmicrosoft.com")
                .sku(Sku.OFFICE_365_E5, rows + 5);
        Set<UUID> users = new HashSet<>();
        for (int i = 0; i < rows; i++) {
            users.add(t.addUser("u" + i + "@fabrikam.onmicrosoft.com", "User " + i, "SG", Sku.OFFICE_365_E5));
        }
        Instant expires = Instant.now().plus(Duration.ofDays(30));
        t.app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                .grant(GraphPermission.USER_READ_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
                .secret(SECRET, expires);
        sim.tenant(OPERATOR).app(OPERATOR_APP).secret(SECRET, expires);
        sim.consent(CUSTOMER, "SG");
        return users;
    }

    /** Three quarters of the rows name their number, the rest pick one from the pool (the add-on asks for one). */
    private static Path file(Path dir, int rows) throws IOException {
        StringBuilder b = new StringBuilder("Ext Key,Number,User,Addon license 1,Addon license 2\r\n");
        int named = rows - rows / 4;
        for (int i = 0; i < rows; i++) {
            b.append(7000 + i).append(',').append(i < named ? String.valueOf(FIRST + i) : "").append(",u").append(i)
                    .append("@fabrikam.onmicrosoft.com,device_import_msteams_OC,")
                    .append(i < named ? "call_recording" : "license_number").append("\r\n");
        }
        return Files.writeString(dir.resolve("cluster.csv"), b, StandardCharsets.UTF_8);
    }

    private static KeyProvider keys() {
        byte[] raw = new byte[32];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (0x21 ^ i);
        }
        StoreKey key = StoreKey.of(raw);
        return () -> key;
    }

    private static HikariDataSource pool(String url) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername("postgres");
        c.setMaximumPoolSize(20);
        c.setMinimumIdle(0);
        return new HikariDataSource(c);
    }

    private static JdbcNumberInventory inventory(DataSource ds) {
        return new JdbcNumberInventory(ds, new NumberLifecycle(QuarantinePolicy.DEFAULT, Clock.systemUTC()),
                Clock.systemUTC(), new SplittableRandom(21));
    }
}
