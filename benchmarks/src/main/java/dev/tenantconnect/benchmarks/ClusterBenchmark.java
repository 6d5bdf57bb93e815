package dev.tenantconnect.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.job.JournalEntry;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.core.tenant.TenantNumber;
import dev.tenantconnect.jdbc.JdbcCredentialStore;
import dev.tenantconnect.jdbc.JdbcJobJournal;
import dev.tenantconnect.jdbc.JdbcNumberInventory;
import dev.tenantconnect.jdbc.JdbcStores;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real-process benchmark of issue #21, all three scenarios from one command: one embedded PostgreSQL (the JDBC
 * stores migrated), the simulated cloud in its own JVM ({@link ClusterSimulator}, one per scenario, so its CPU is not
 * the instances') and instance JVMs ({@link ClusterInstance}) started as child processes with this JVM's class path.
 * <ul>
 * <li>{@code joined} — one tenant of {@code --users} users, <em>one</em> bulk job: one instance starts it joinable,
 * two join it, all three on the JDBC stores (job journal with its work units, number inventory, credentials,
 * extensions); pacing shared through PostgreSQL, then on an identical second tenant each instance pacing alone.
 * Figures: wall time, enabled/failed, HTTP requests, answered 429 and its share, and the share of the tenant's
 * ceiling = resource units the simulator admitted for the tenant / (rate × wall time + burst); plus the job's
 * correctness (rows lost, concluded twice, users without exactly one number, untracked numbers).</li>
 * <li>{@code tenants} — {@code --tenants} tenants × {@code --tenant-users} users with latency-bound settings, worked
 * by one instance vs three (tenants dealt round-robin, at most {@code --parallel-jobs} jobs per instance at a time),
 * pacing shared: the time ratio.</li>
 * <li>{@code kill} — one joined job of {@code --kill-rows} rows (three quarters name their number, the rest pick one
 * from the pool), three instances, one joiner killed with SIGKILL once it has concluded {@code --kill-after} rows;
 * the job must finish on the two others: rows lost, rows concluded twice, users without exactly one number, numbers
 * in the tenant the inventory does not track, unassignments.</li>
 * </ul>
 * Every run uses tenants of its own (fresh throttling buckets and budget rows), prints the load average at its start
 * and end; with {@code --runs N} each scenario runs N times and the harness prints median and min–max.
 *
 * <p>Arguments: {@code [--scenario all|joined|tenants|kill] [--quick|--full] [--runs N]} and, to override the
 * sizes: {@code --users --rate --burst --latency-ms --operation-ms --concurrency --unit-rows --lease-s} (joined; the
 * kill scenario uses the same latency, operation time and concurrency), {@code --tenants --tenant-users
 * --s2-latency-ms --s2-operation-ms --s2-concurrency --parallel-jobs} (tenants), {@code --kill-rows
 * --kill-unit-rows --kill-after --kill-lease-s} (kill); {@code --timeline} prints the joined runs' admitted and 429
 * requests per second. {@code --quick} (the default) takes a few minutes, {@code --full} is the issue's sizes. Every
 * process's standard error goes to {@code NAME.err} in the printed work folder. Command: docs/BENCHMARKS.md
 * ("Several instances, one tenant budget").
 */
public final class ClusterBenchmark {
    static final TenantId OPERATOR = TenantId.parse("75f9fed4-d8e9-4c90-bc28-523cfdb83244");
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000e2");
    static final ClientId OPERATOR_APP = ClientId.parse("75f9fed4-0000-4000-8000-0000000000a1");
    static final String PROVISIONING_SCOPE = MicrosoftCloudSimulator.PROVISIONING_SCOPE;
    static final NumberAttributes ATTRIBUTES = NumberAttributes.of("SG", "656", NumberType.OPERATOR_CONNECT,
            NumberUsage.USER);
    private static final int INSTANCES = 3;
    /** A throttle far above what the instances ask for: the tenants and kill scenarios are not about the budget. */
    private static final double OPEN_RATE = 1000;
    private static final int OPEN_BURST = 2000;

    private ClusterBenchmark() {
    }

    /**
     * What the benchmark runs with.
     *
     * @param users users of the joined scenario's tenant
     * @param rate the joined scenario's per-(app, tenant) throttle, resource units per second
     * @param burst the joined scenario's throttle bucket
     * @param latency request latency (joined and kill)
     * @param operation assignment operation time (joined and kill)
     * @param concurrency assignments in flight per instance (joined and kill)
     * @param unitRows rows per work unit of the joined job
     * @param lease the joined job's unit lease
     * @param tenants the tenants scenario's tenants
     * @param tenantUsers its users per tenant
     * @param s2Latency its request latency
     * @param s2Operation its assignment operation time
     * @param s2Concurrency its assignments in flight per job
     * @param parallelJobs its jobs (tenants) one instance runs at a time
     * @param killRows the kill scenario's rows
     * @param killUnitRows its rows per work unit
     * @param killAfter the rows the victim concludes before its SIGKILL
     * @param killLease its unit lease
     */
    public record Settings(int users, double rate, int burst, Duration latency, Duration operation, int concurrency,
            int unitRows, Duration lease, int tenants, int tenantUsers, Duration s2Latency, Duration s2Operation,
            int s2Concurrency, int parallelJobs, int killRows, int killUnitRows, int killAfter, Duration killLease) {
        /** A check of the whole command in a few minutes. */
        public static final Settings QUICK = new Settings(600, 25, 50, Duration.ofMillis(50), Duration.ofMillis(500),
                16, 50, Duration.ofSeconds(10), 12, 20, Duration.ofMillis(200), Duration.ofMillis(1000), 4, 2, 300,
                25, 40, Duration.ofSeconds(5));
        /** The issue's sizes. */
        public static final Settings FULL = new Settings(3000, 25, 50, Duration.ofMillis(50), Duration.ofMillis(500),
                16, 100, Duration.ofSeconds(10), 60, 100, Duration.ofMillis(200), Duration.ofMillis(1000), 4, 4,
                3000, 100, 150, Duration.ofSeconds(10));
    }

    static TenantId tenantId(int index) {
        return TenantId.parse(String.format(Locale.ROOT, "6b17bc95-fa47-49bf-8b00-%012d", 21000 + index));
    }

    static String domain(int index) {
        return "c" + index + ".example.com";
    }

    static String upn(int index, int user) {
        return "user" + user + "@" + domain(index);
    }

    static PhoneNumber number(int index, int user) {
        return PhoneNumber.parse(String.format(Locale.ROOT, "+656%03d%05d", index, user));
    }

    /**
     * Writes the bulk file of tenant {@code index}'s users {@code from} to {@code to} (exclusive).
     *
     * @param dir where
     * @param index the tenant
     * @param from first user
     * @param to end of the users
     * @param named users below this name their number; the others pick one from the pool (an add-on asks for it)
     * @return the file, {@code tenantINDEX.csv} in {@code dir}
     * @throws IOException if it cannot be written
     */
    static Path file(Path dir, int index, int from, int to, int named) throws IOException {
        boolean pool = named < to;
        StringBuilder csv = new StringBuilder("Ext Key,Number,User,Addon license 1" + (pool ? ",Addon license 2" : "")
                + "\r\n");
        for (int i = from; i < to; i++) {
            boolean n = i < named;
            csv.append(1000 + i).append(',').append(n ? number(index, i).e164().substring(1) : "").append(',')
                    .append(upn(index, i)).append(",device_import_msteams_OC");
            if (pool) {
                csv.append(',').append(n ? "call_recording" : "license_number");
            }
            csv.append("\r\n");
        }
        return Files.writeString(dir.resolve("tenant" + index + ".csv"), csv, StandardCharsets.UTF_8);
    }

    /** A child JVM: its standard input, and its output as lines read on a thread of its own. */
    private static final class Child implements AutoCloseable {
        private static final String END = "\u0000end";
        private final String name;
        private final Process process;
        private final PrintWriter in;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final AtomicInteger rows = new AtomicInteger();
        /** When each row was concluded (read), ns of {@link System#nanoTime}. */
        private final java.util.Queue<Long> rowTimes = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private volatile int killAfter;
        private volatile boolean killed;

        Child(String name, Path dir, String secret, Class<?> main, List<String> args, String heap) throws IOException {
            this.name = name;
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    main.getName()));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(dir.resolve(name + ".err").toFile());
            pb.environment().put("CLUSTER_SECRET", secret);
            process = pb.start();
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread reader = new Thread(this::read, "out-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals("ROW")) {
                        rowTimes.add(System.nanoTime());
                        if (rows.incrementAndGet() == killAfter) {
                            killed = true;
                            process.destroyForcibly(); // SIGKILL
                        }
                    } else {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            } finally {
                lines.add(END);
            }
        }

        /** @return the first line starting with {@code prefix} (other lines are echoed) */
        String expect(String prefix) throws IOException {
            try {
                for (String line = lines.poll(60, TimeUnit.MINUTES); line != null;
                        line = lines.poll(60, TimeUnit.MINUTES)) {
                    if (line.equals(END)) {
                        lines.add(END);
                        break;
                    }
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                    System.out.println("  [" + name + "] " + line);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException(name + " ended before '" + prefix + "' (see " + name + ".err)");
        }

        void send(String line) {
            in.println(line);
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    /** The work folder, the secret, the database. */
    private record Bench(Path dir, String secret, String jdbc, HikariDataSource ds) {
    }

    /** One run's figures. */
    private record Result(Duration elapsed, long enabled, long failed, long requests, long throttled,
            long tenantThrottled, long accepted, long units, long assignments, long unassignments, String error,
            String jobId, long start) {
        double seconds() {
            return elapsed.toNanos() / 1e9;
        }
    }

    /** A joined job's correctness, read back from the journal, the tenant and the inventory. */
    private record Check(long lost, long twice, long unitsLeft, long usersNotOne, long unassigned, long untracked) {
        long sum() {
            return lost + twice + unitsLeft + usersNotOne + unassigned + untracked;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "rows lost %d, rows concluded twice %d, units left %d, users without "
                    + "exactly one number %d, numbers in the tenant unassigned %d, untracked %d", lost, twice,
                    unitsLeft, usersNotOne, unassigned, untracked);
        }
    }

    private static Child instance(Bench b, String name, boolean shared, int concurrency, int parallelJobs,
            String work) throws IOException {
        return new Child(name, b.dir(), b.secret(), ClusterInstance.class, List.of(b.dir().toString(), name, b.jdbc(),
                shared ? "shared" : "alone", Integer.toString(concurrency), Integer.toString(parallelJobs), work),
                "-Xmx256m");
    }

    /**
     * Waits for every released instance that is not killed and reads the simulator's figures. A joined job's
     * instances each report the whole job: its figures are counted once.
     */
    private static Result finish(Child sim, List<Child> instances, long start, int statsTenant, String jobId)
            throws IOException {
        long enabled = 0;
        long failed = 0;
        String error = "";
        boolean counted = false;
        for (Child c : instances) {
            String[] done;
            try {
                done = c.expect("DONE").split(" ", 4);
            } catch (IOException e) {
                if (c.killed) {
                    continue;
                }
                throw e;
            }
            if (counted) {
                continue;
            }
            enabled += Long.parseLong(done[1]);
            failed += Long.parseLong(done[2]);
            counted = !jobId.isEmpty();
            if (error.isEmpty() && done.length > 3) {
                error = done[3];
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        sim.send("stats " + statsTenant);
        String[] s = sim.expect("STATS").split(" ");
        return new Result(elapsed, enabled, failed, Long.parseLong(s[1]), Long.parseLong(s[2]),
                Long.parseLong(s[3]), Long.parseLong(s[4]), Long.parseLong(s[5]), Long.parseLong(s[6]),
                Long.parseLong(s[7]), error, jobId, start);
    }

    private static Child simulator(Bench b, Duration latency, Duration operation, double rate, int burst)
            throws IOException {
        Child sim = new Child("simulator", b.dir(), b.secret(), ClusterSimulator.class, List.of(b.dir().toString(),
                Long.toString(latency.toMillis()), Long.toString(operation.toMillis()), Double.toString(rate),
                Integer.toString(burst)), "-Xmx768m");
        sim.expect("READY");
        return sim;
    }

    /**
     * @param args see the class comment
     * @throws Exception when a process or PostgreSQL cannot start
     */
    public static void main(String[] args) throws Exception {
        List<String> all = List.of(args);
        int runs = Runs.runs(all, 1);
        List<String> rest = Runs.positional(all);
        String scenario = "all";
        int i = rest.indexOf("--scenario");
        if (i >= 0 && i + 1 < rest.size()) {
            scenario = rest.get(i + 1);
        }
        if (!List.of("all", "joined", "tenants", "kill").contains(scenario)) {
            throw new IllegalArgumentException("--scenario must be all, joined, tenants or kill: " + scenario);
        }
        Settings s = settings(rest);
        if (runs < 1 || runs > 40 || 100 + 2 * runs * s.tenants() > 900) {
            throw new IllegalArgumentException("--runs: 1 to 40, and 2 x runs x tenants at most 800 (tenant indexes)");
        }
        Path dir = Files.createTempDirectory("tenantconnect-cluster");
        byte[] raw = new byte[18];
        new java.security.SecureRandom().nextBytes(raw);
        String secret = "cluster~" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        System.out.printf(Locale.ROOT, "%s%nscenario %s, %d run(s); %s at start; work folder %s%n", s, scenario, runs,
                Runs.load(), dir);
        long t0 = System.nanoTime();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            JdbcStores.migrate(pg.getPostgresDatabase());
            String jdbc = pg.getJdbcUrl("postgres", "postgres");
            try (HikariDataSource ds = ClusterInstance.pool(jdbc, 4)) {
                Bench b = new Bench(dir, secret, jdbc, ds);
                if (scenario.equals("all") || scenario.equals("joined")) {
                    joined(b, s, runs, rest.contains("--timeline"));
                }
                if (scenario.equals("all") || scenario.equals("tenants")) {
                    tenants(b, s, runs);
                }
                if (scenario.equals("all") || scenario.equals("kill")) {
                    kill(b, s, runs);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s at end; the command took %.1f min%n", Runs.load(),
                (System.nanoTime() - t0) / 6e10);
    }

    /** Seeds a joined job's tenant: users in the simulator, numbers and credential in PostgreSQL, the file. */
    private static void prepare(Bench b, Child sim, int index, int rows, int named) throws IOException {
        sim.send("seed " + index + ":" + rows);
        sim.expect("OK");
        ClusterInstance.inventory(b.ds()).importNumbers(PhoneNumberRange.parse(number(index, 0).e164() + ".."
                + number(index, 2 * rows - 1).e164()), ATTRIBUTES, "bench");
        new JdbcCredentialStore(b.ds(), ClusterInstance.keys(), Clock.systemUTC()).create(ClusterInstance.key(index),
                ClientSecretCredential.of(APP, dev.tenantconnect.core.credential.Secret.of(b.secret()),
                        Instant.now().plus(Duration.ofDays(1))));
        file(b.dir(), index, 0, rows, named);
    }

    /**
     * One job over tenant {@code index}'s file: instance 1 starts it joinable, 2 and 3 join it once it has an ID;
     * instance 2 is killed after {@code killAfter} rows unless 0.
     */
    private static Result joinedRun(Bench b, Child sim, int index, boolean shared, int concurrency, int unitRows,
            Duration lease, String label, int killAfter, List<Child> instances) throws IOException {
        for (int k = 0; k < INSTANCES; k++) {
            String role = k == 0 ? "start" : "join";
            instances.add(instance(b, label + "-i" + (k + 1), shared, concurrency, 1, role + ":" + index + ":"
                    + unitRows + ":" + lease.toMillis()));
        }
        instances.get(1).killAfter = killAfter;
        for (Child c : instances) {
            c.expect("READY");
        }
        sim.send("clear");
        sim.expect("OK");
        long start = System.nanoTime();
        instances.get(0).send("GO");
        String jobId = instances.get(0).expect("JOB ").substring(4).strip();
        for (Child c : instances.subList(1, instances.size())) {
            c.send("GO " + jobId);
        }
        return finish(sim, instances, start, index, jobId);
    }

    private static void joined(Bench b, Settings s, int runs, boolean timeline) throws IOException {
        String[] modes = {"shared", "alone"};
        double[][] ceiling = new double[2][runs];
        double[][] share429 = new double[2][runs];
        double[][] wall = new double[2][runs];
        try (Child sim = simulator(b, s.latency(), s.operation(), s.rate(), s.burst())) {
            for (int r = 0; r < runs; r++) {
                for (int m = 0; m < 2; m++) {
                    int index = 10 + 2 * r + m;
                    prepare(b, sim, index, s.users(), s.users());
                    String load = Runs.load();
                    List<Child> instances = new ArrayList<>();
                    Result res;
                    try {
                        res = joinedRun(b, sim, index, m == 0, s.concurrency(), s.unitRows(), s.lease(),
                                "joined-" + modes[m] + "-r" + (r + 1), 0, instances);
                    } finally {
                        instances.forEach(Child::close);
                    }
                    wall[m][r] = res.seconds();
                    ceiling[m][r] = res.units() / (s.rate() * res.seconds() + s.burst());
                    share429[m][r] = 100.0 * res.throttled() / Math.max(1, res.requests());
                    System.out.printf(Locale.ROOT, "joined run %d, %d users, one job, 3 instances, pacing %-6s "
                            + "%7.1f s, %d enabled, %d failed, %d HTTP requests, %d answered 429 (%.2f %%), tenant: "
                            + "%d Graph requests admitted = %d resource units = %.3f of the ceiling (rate %.0f/s, "
                            + "burst %d)%s; %s at start, %s at end%n", r + 1, s.users(), modes[m], res.seconds(),
                            res.enabled(), res.failed(), res.requests(), res.throttled(), share429[m][r],
                            res.accepted(), res.units(), ceiling[m][r], s.rate(), s.burst(),
                            res.error().isEmpty() ? "" : "; first failure: " + res.error(), load, Runs.load());
                    if (timeline) {
                        timeline(sim, index, s.rate(), instances, res);
                    }
                    System.out.println("  " + check(b, res.jobId(), index, s.users(), s.lease()));
                }
            }
            sim.send("quit");
        }
        if (runs > 1) {
            for (int m = 0; m < 2; m++) {
                System.out.printf(Locale.ROOT, "joined, pacing %s, %d runs: share of the ceiling %s; answered 429 "
                        + "%s; wall time %s%n", modes[m], runs, Runs.summary(ceiling[m], "%.3f"),
                        Runs.summary(share429[m], "%.2f %%"), Runs.summary(wall[m], "%.1f s"));
            }
        }
    }

    /** Prints the tenant's admitted and 429 requests per second, and each instance's rows concluded per second. */
    private static void timeline(Child sim, int index, double rate, List<Child> instances, Result res)
            throws IOException {
        sim.send("timeline " + index);
        StringBuilder b = new StringBuilder("  per second since the release, the tenant's Graph requests admitted/429 "
                + "(rate " + (int) rate + ") and the operator's provisioning requests, "
                + "second:admitted/429/provisioning:");
        for (String line = sim.expect(""); !line.equals("END"); line = sim.expect("")) {
            String[] t = line.split(" ");
            b.append(' ').append(t[1]).append(':').append(t[2]).append('/').append(t[3]).append('/').append(t[4]);
        }
        System.out.println(b);
        for (Child c : instances) {
            Map<Long, Integer> perSecond = new java.util.TreeMap<>();
            c.rowTimes.forEach(t -> perSecond.merge((t - res.start()) / 1_000_000_000L, 1, Integer::sum));
            StringBuilder r = new StringBuilder("  " + c.name + " rows concluded per second:");
            perSecond.forEach((sec, n) -> r.append(' ').append(sec).append(':').append(n));
            System.out.println(r);
        }
    }

    /** Reads a joined job's outcome back: journal, the tenant's numbers (through the SDK), the inventory. */
    private static Check check(Bench b, String jobId, int index, int rows, Duration lease) {
        JdbcJobJournal journal = new JdbcJobJournal(b.ds(), Clock.systemUTC(), lease);
        List<JournalEntry> entries = journal.read(jobId).orElseThrow().entries();
        Map<Long, Integer> concluded = new HashMap<>();
        entries.stream().filter(e -> e.kind().terminal()).forEach(e -> concluded.merge(e.line(), 1, Integer::sum));
        long twice = concluded.values().stream().filter(n -> n > 1).count();
        long unitsLeft = journal.units(jobId).stream().filter(u -> !u.done()).count();
        TenantId tenant = tenantId(index);
        List<TenantNumber> inTenant;
        try {
            inTenant = ClusterInstance.connector(b.dir(), ResiliencePolicies.builder(Clock.systemUTC(),
                    Sleeper.system()).build()).teamsNumbers(tenant, ClientSecretCredential.of(APP,
                            dev.tenantconnect.core.credential.Secret.of(b.secret()), Instant.now().plusSeconds(3600)))
                    .list(Optional.empty());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the tenant's numbers", e);
        }
        JdbcNumberInventory inventory = ClusterInstance.inventory(b.ds());
        Map<UUID, Integer> perUser = new HashMap<>();
        long untracked = 0;
        for (TenantNumber n : inTenant) {
            n.assignmentTarget().ifPresent(u -> perUser.merge(u, 1, Integer::sum));
            Optional<InventoryNumber> x = inventory.find(n.number());
            if (x.isEmpty() || !x.get().tenant().equals(Optional.of(tenant))) {
                untracked++;
            }
        }
        // the tenant has exactly `rows` users: those not holding exactly one number are the rest
        long exactlyOne = perUser.values().stream().filter(n -> n == 1).count();
        long unassigned = inTenant.stream().filter(n -> n.assignmentTarget().isEmpty()).count();
        return new Check(rows - concluded.size(), twice, unitsLeft, rows - exactlyOne, unassigned, untracked);
    }

    private static void tenants(Bench b, Settings s, int runs) throws IOException {
        double[][] times = new double[2][runs];
        double[] ratio = new double[runs];
        int[] counts = {1, INSTANCES};
        try (Child sim = simulator(b, s.s2Latency(), s.s2Operation(), OPEN_RATE, OPEN_BURST)) {
            for (int r = 0; r < runs; r++) {
                for (int k = 0; k < 2; k++) {
                    int base = 100 + (2 * r + k) * s.tenants();
                    StringBuilder seed = new StringBuilder();
                    List<List<String>> shares = new ArrayList<>();
                    for (int n = 0; n < counts[k]; n++) {
                        shares.add(new ArrayList<>());
                    }
                    for (int t = 0; t < s.tenants(); t++) {
                        seed.append(t == 0 ? "" : ",").append(base + t).append(':').append(s.tenantUsers());
                        shares.get(t % counts[k]).add((base + t) + ":0:" + s.tenantUsers());
                    }
                    sim.send("seed " + seed);
                    sim.expect("OK");
                    String load = Runs.load();
                    List<Child> instances = new ArrayList<>();
                    Result res;
                    try {
                        for (int n = 0; n < counts[k]; n++) {
                            instances.add(instance(b, "tenants-" + counts[k] + "-r" + (r + 1) + "-i" + (n + 1), true,
                                    s.s2Concurrency(), s.parallelJobs(), String.join(",", shares.get(n))));
                        }
                        for (Child c : instances) {
                            c.expect("READY");
                        }
                        sim.send("clear");
                        sim.expect("OK");
                        long start = System.nanoTime();
                        instances.forEach(c -> c.send("GO"));
                        res = finish(sim, instances, start, base, "");
                    } finally {
                        instances.forEach(Child::close);
                    }
                    times[k][r] = res.seconds();
                    System.out.printf(Locale.ROOT, "tenants run %d, %d tenants x %d users, %d instance(s): %7.1f s, "
                            + "%d enabled, %d failed, %d HTTP requests, %d answered 429%s; %s at start, %s at end%n",
                            r + 1, s.tenants(), s.tenantUsers(), counts[k], res.seconds(), res.enabled(), res.failed(),
                            res.requests(), res.throttled(), res.error().isEmpty() ? "" : "; first failure: "
                            + res.error(), load, Runs.load());
                }
                ratio[r] = times[1][r] / times[0][r];
                System.out.printf(Locale.ROOT, "tenants run %d: three instances took %.3fx the time of one%n", r + 1,
                        ratio[r]);
            }
            sim.send("quit");
        }
        if (runs > 1) {
            System.out.printf(Locale.ROOT, "tenants, %d runs: three/one %s; one instance %s; three %s%n", runs,
                    Runs.summary(ratio, "%.3fx"), Runs.summary(times[0], "%.1f s"), Runs.summary(times[1], "%.1f s"));
        }
    }

    private static void kill(Bench b, Settings s, int runs) throws IOException {
        double[] wall = new double[runs];
        long bad = 0;
        try (Child sim = simulator(b, s.latency(), s.operation(), OPEN_RATE, OPEN_BURST)) {
            for (int r = 0; r < runs; r++) {
                int index = 900 + r;
                int rows = s.killRows();
                prepare(b, sim, index, rows, rows - rows / 4);
                String load = Runs.load();
                List<Child> instances = new ArrayList<>();
                Result res;
                try {
                    res = joinedRun(b, sim, index, true, s.concurrency(), s.killUnitRows(), s.killLease(),
                            "kill-r" + (r + 1), s.killAfter(), instances);
                } finally {
                    instances.forEach(Child::close);
                }
                wall[r] = res.seconds();
                System.out.printf(Locale.ROOT, "kill run %d: one job of %d rows in units of %d, 3 instances, lease "
                        + "%d s, instance 2 killed (SIGKILL) after %d rows: %.1f s (%.1f rows/s), %d enabled, %d "
                        + "failed%s; %d assignment and %d unassignment requests; rows concluded per instance "
                        + "(progress read before the kill) %d / %d%s / %d; %s at start, %s at end%n", r + 1, rows,
                        s.killUnitRows(), s.killLease().toSeconds(), s.killAfter(), res.seconds(),
                        rows / res.seconds(), res.enabled(), res.failed(),
                        res.error().isEmpty() ? "" : "; first failure: " + res.error(), res.assignments(),
                        res.unassignments(), instances.get(0).rows.get(),
                        instances.get(1).rows.get(), instances.get(1).killed ? " (killed)" : " (NOT killed)",
                        instances.get(2).rows.get(), load, Runs.load());
                Check c = check(b, res.jobId(), index, rows, s.killLease());
                bad += c.sum();
                System.out.println("  " + c);
            }
            sim.send("quit");
        }
        if (runs > 1) {
            System.out.printf(Locale.ROOT, "kill, %d runs: wall time %s; correctness figures summed over the runs: "
                    + "%d%n", runs, Runs.summary(wall, "%.1f s"), bad);
        }
    }

    private static Settings settings(List<String> args) {
        Settings d = args.contains("--full") ? Settings.FULL : Settings.QUICK;
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (List.of("--full", "--quick", "--timeline").contains(a)) {
                continue;
            }
            if (!a.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException(a + ": an option with a value expected");
            }
            o.put(a, args.get(++i));
        }
        o.remove("--scenario");
        List<String> known = List.of("--users", "--rate", "--burst", "--latency-ms", "--operation-ms", "--concurrency",
                "--unit-rows", "--lease-s", "--tenants", "--tenant-users", "--s2-latency-ms", "--s2-operation-ms",
                "--s2-concurrency", "--parallel-jobs", "--kill-rows", "--kill-unit-rows", "--kill-after",
                "--kill-lease-s");
        for (String k : o.keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("unknown option " + k);
            }
        }
        return new Settings(i(o, "--users", d.users()), Double.parseDouble(o.getOrDefault("--rate",
                Double.toString(d.rate()))), i(o, "--burst", d.burst()), ms(o, "--latency-ms", d.latency()),
                ms(o, "--operation-ms", d.operation()), i(o, "--concurrency", d.concurrency()),
                i(o, "--unit-rows", d.unitRows()), Duration.ofSeconds(i(o, "--lease-s", (int) d.lease().toSeconds())),
                i(o, "--tenants", d.tenants()), i(o, "--tenant-users", d.tenantUsers()),
                ms(o, "--s2-latency-ms", d.s2Latency()), ms(o, "--s2-operation-ms", d.s2Operation()),
                i(o, "--s2-concurrency", d.s2Concurrency()), i(o, "--parallel-jobs", d.parallelJobs()),
                i(o, "--kill-rows", d.killRows()), i(o, "--kill-unit-rows", d.killUnitRows()),
                i(o, "--kill-after", d.killAfter()),
                Duration.ofSeconds(i(o, "--kill-lease-s", (int) d.killLease().toSeconds())));
    }

    private static int i(Map<String, String> o, String key, int fallback) {
        return o.containsKey(key) ? Integer.parseInt(o.get(key)) : fallback;
    }

    private static Duration ms(Map<String, String> o, String key, Duration fallback) {
        return o.containsKey(key) ? Duration.ofMillis(Long.parseLong(o.get(key))) : fallback;
    }
}
