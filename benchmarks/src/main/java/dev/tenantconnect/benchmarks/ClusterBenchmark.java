package dev.tenantconnect.benchmarks;

import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The real-process benchmark of issue #21: the simulated cloud in its own JVM ({@link ClusterSimulator}), one
 * embedded PostgreSQL, and instance JVMs ({@link ClusterInstance}) started as child processes with this JVM's class
 * path. Scenario 1: one tenant's users split in thirds over three instances, each enabling its third through the
 * SDK's bulk enablement at the same time, pacing shared through PostgreSQL vs each instance pacing alone — share of
 * the tenant's ceiling and requests answered 429, from the simulator's request journal. Scenario 2: many small tenants
 * with latency-bound settings, worked by one instance vs three (tenants split between them) — the time ratio.
 *
 * <p>Run: {@code mvn -q -pl benchmarks exec:exec -Dbench.main=dev.tenantconnect.benchmarks.ClusterBenchmark
 * -Dbench.args=--full} (see docs/BENCHMARKS.md); options {@code --full} (the issue's sizes), {@code --only-1},
 * {@code --only-2} (one scenario) and {@code --users --tenants --tenant-users --rate --burst
 * --latency-ms --operation-ms --concurrency --s2-latency-ms --s2-operation-ms --s2-concurrency --parallel-jobs}.
 */
public final class ClusterBenchmark {
    static final TenantId OPERATOR = TenantId.parse("75f9fed4-d8e9-4c90-bc28-523cfdb83244");
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000e2");
    static final ClientId OPERATOR_APP = ClientId.parse("75f9fed4-0000-4000-8000-0000000000a1");
    static final String PROVISIONING_SCOPE = MicrosoftCloudSimulator.PROVISIONING_SCOPE;
    private static final int INSTANCES = 3;

    private ClusterBenchmark() {
    }

    /**
     * What the benchmark runs with.
     *
     * @param users users of scenario 1's one tenant
     * @param rate scenario 1's per-(app, tenant) throttle, requests (resource units) per second
     * @param burst scenario 1's throttle bucket
     * @param latency scenario 1's request latency
     * @param operation scenario 1's assignment operation time
     * @param concurrency scenario 1's assignments in flight per job
     * @param tenants scenario 2's tenants
     * @param tenantUsers scenario 2's users per tenant
     * @param s2Latency scenario 2's request latency
     * @param s2Operation scenario 2's assignment operation time
     * @param s2Concurrency scenario 2's assignments in flight per job
     * @param parallelJobs scenario 2's jobs (tenants) one instance runs at a time
     */
    public record Settings(int users, double rate, int burst, Duration latency, Duration operation, int concurrency,
            int tenants, int tenantUsers, Duration s2Latency, Duration s2Operation, int s2Concurrency,
            int parallelJobs) {
        /** A quick check (a minute or two). */
        public static final Settings QUICK = new Settings(300, 50, 50, Duration.ofMillis(50), Duration.ofMillis(500),
                8, 12, 20, Duration.ofMillis(200), Duration.ofMillis(1000), 4, 2);
        /** The issue's sizes. */
        public static final Settings FULL = new Settings(3000, 50, 100, Duration.ofMillis(50),
                Duration.ofMillis(500), 8, 60, 100, Duration.ofMillis(200), Duration.ofMillis(1000), 4, 4);
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

    /** A child JVM: its standard input and output as lines. */
    private static final class Child implements AutoCloseable {
        private final String name;
        private final Process process;
        private final BufferedReader out;
        private final PrintWriter in;

        Child(String name, Path dir, String secret, Class<?> main, List<String> args, String heap) throws IOException {
            this.name = name;
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    main.getName()));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(dir.resolve(name + ".err").toFile());
            pb.environment().put("CLUSTER_SECRET", secret);
            process = pb.start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        /** @return the first line starting with {@code prefix} (other lines are echoed) */
        String expect(String prefix) throws IOException {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
                System.out.println("  [" + name + "] " + line);
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

    /** One run's figures. */
    private record Result(Duration elapsed, long enabled, long failed, long requests, long throttled, long accepted,
            String error) {
    }

    /**
     * Starts the instances (each a list of {@code INDEX:FROM:TO} shares), waits until all are ready, releases them
     * at once and waits for all to finish; the simulator's journal covers exactly the run.
     */
    private static Result run(Child sim, Path dir, String secret, String jdbc, int concurrency, int parallelJobs,
            List<List<String>> shares, int statsTenant, String label) throws IOException {
        List<Child> instances = new ArrayList<>();
        try {
            for (int i = 0; i < shares.size(); i++) {
                String name = label + "-i" + (i + 1);
                instances.add(new Child(name, dir, secret, ClusterInstance.class, List.of(dir.toString(), name, jdbc,
                        Integer.toString(concurrency), Integer.toString(parallelJobs), String.join(",",
                                shares.get(i))), "-Xmx256m"));
            }
            for (Child c : instances) {
                c.expect("READY");
            }
            sim.send("clear");
            sim.expect("OK");
            long start = System.nanoTime();
            for (Child c : instances) {
                c.send("GO");
            }
            long enabled = 0;
            long failed = 0;
            String error = "";
            for (Child c : instances) {
                String[] done = c.expect("DONE").split(" ", 4);
                enabled += Long.parseLong(done[1]);
                failed += Long.parseLong(done[2]);
                if (error.isEmpty() && done.length > 3) {
                    error = done[3];
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            sim.send("stats " + statsTenant);
            String[] stats = sim.expect("STATS").split(" ");
            return new Result(elapsed, enabled, failed, Long.parseLong(stats[1]), Long.parseLong(stats[2]),
                    Long.parseLong(stats[3]), error);
        } finally {
            instances.forEach(Child::close);
        }
    }

    private static Child simulator(Path dir, String secret, Duration latency, Duration operation, double rate,
            int burst, String tenants) throws IOException {
        Child sim = new Child("simulator", dir, secret, ClusterSimulator.class, List.of(dir.toString(),
                Long.toString(latency.toMillis()), Long.toString(operation.toMillis()), Double.toString(rate),
                Integer.toString(burst), tenants), "-Xmx768m");
        sim.expect("READY");
        return sim;
    }

    /**
     * @param args {@code --full}, {@code --only-1}, {@code --only-2} and the options of the class comment
     * @throws Exception when a process or PostgreSQL cannot start
     */
    public static void main(String[] args) throws Exception {
        Settings s = settings(args);
        Path dir = Files.createTempDirectory("tenantconnect-cluster");
        byte[] raw = new byte[18];
        new java.security.SecureRandom().nextBytes(raw);
        String secret = "cluster~" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        System.out.printf(Locale.ROOT, "%s%nload average (1, 5, 15 min) at start: %s; %d cores; work folder %s%n", s,
                Runs.load(), Runtime.getRuntime().availableProcessors(), dir);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            JdbcStores.migrate(pg.getPostgresDatabase());
            String jdbc = pg.getJdbcUrl("postgres", "postgres");
            if (!List.of(args).contains("--only-2")) {
                scenario1(s, dir, secret, jdbc);
            }
            if (!List.of(args).contains("--only-1")) {
                scenario2(s, dir, secret, jdbc);
            }
        }
        System.out.printf(Locale.ROOT, "load average (1, 5, 15 min) at end: %s%n", Runs.load());
    }

    private static void scenario1(Settings s, Path dir, String secret, String jdbc) throws IOException {
        try (Child sim = simulator(dir, secret, s.latency(), s.operation(), s.rate(), s.burst(),
                "0:" + s.users() + ",1:" + s.users())) {
            for (int shared = 1; shared >= 0; shared--) {
                int tenant = shared == 1 ? 0 : 1;
                List<List<String>> shares = new ArrayList<>();
                for (int i = 0; i < INSTANCES; i++) {
                    shares.add(List.of(tenant + ":" + s.users() * i / INSTANCES + ":" + s.users() * (i + 1)
                            / INSTANCES));
                }
                String label = shared == 1 ? "s1-shared" : "s1-alone";
                Result r = run(sim, dir, secret, shared == 1 ? jdbc : "none", s.concurrency(), 1, shares, tenant,
                        label);
                double secs = r.elapsed().toNanos() / 1e9;
                double ceiling = r.accepted() / (s.rate() * secs + s.burst());
                System.out.printf(Locale.ROOT, "scenario 1, %d users, 3 instances, pacing %-9s %8.1f s, %d enabled, "
                        + "%d failed, %d requests, %d answered 429 (%.2f %%), tenant's accepted requests %d = %.3f "
                        + "of the ceiling%s%n", s.users(), shared == 1 ? "shared" : "alone", secs, r.enabled(),
                        r.failed(), r.requests(), r.throttled(), 100.0 * r.throttled() / Math.max(1, r.requests()),
                        r.accepted(), ceiling, r.error().isEmpty() ? "" : "; first failure: " + r.error());
            }
            sim.send("quit");
        }
    }

    private static void scenario2(Settings s, Path dir, String secret, String jdbc) throws IOException {
        StringBuilder seed = new StringBuilder();
        for (int t = 0; t < s.tenants(); t++) {
            seed.append(seed.length() == 0 ? "" : ",").append(100 + t).append(':').append(s.tenantUsers())
                    .append(',').append(300 + t).append(':').append(s.tenantUsers());
        }
        // the throttle is set well above what a tenant's few assignments in flight ask for: latency-bound
        try (Child sim = simulator(dir, secret, s.s2Latency(), s.s2Operation(), 1000, 2000, seed.toString())) {
            Duration[] times = new Duration[2];
            int[] counts = {1, INSTANCES};
            for (int k = 0; k < 2; k++) {
                int base = k == 0 ? 100 : 300;
                List<List<String>> shares = new ArrayList<>();
                for (int i = 0; i < counts[k]; i++) {
                    shares.add(new ArrayList<>());
                }
                for (int t = 0; t < s.tenants(); t++) {
                    shares.get(t % counts[k]).add((base + t) + ":0:" + s.tenantUsers());
                }
                Result r = run(sim, dir, secret, jdbc, s.s2Concurrency(), s.parallelJobs(), shares, base,
                        "s2-" + counts[k]);
                times[k] = r.elapsed();
                System.out.printf(Locale.ROOT, "scenario 2, %d tenants x %d users, %d instance(s): %8.1f s, %d "
                        + "enabled, %d failed, %d requests, %d answered 429%s%n", s.tenants(), s.tenantUsers(),
                        counts[k], r.elapsed().toNanos() / 1e9, r.enabled(), r.failed(), r.requests(), r.throttled(),
                        r.error().isEmpty() ? "" : "; first failure: " + r.error());
            }
            System.out.printf(Locale.ROOT, "scenario 2: three instances took %.2fx the time of one%n",
                    times[1].toNanos() / (double) times[0].toNanos());
            sim.send("quit");
        }
    }

    private static Settings settings(String[] args) {
        Settings d = List.of(args).contains("--full") ? Settings.FULL : Settings.QUICK;
        int users = d.users();
        double rate = d.rate();
        int burst = d.burst();
        long latency = d.latency().toMillis();
        long op = d.operation().toMillis();
        int concurrency = d.concurrency();
        int tenants = d.tenants();
        int tenantUsers = d.tenantUsers();
        long s2Latency = d.s2Latency().toMillis();
        long s2Op = d.s2Operation().toMillis();
        int s2Concurrency = d.s2Concurrency();
        int parallelJobs = d.parallelJobs();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--full") || a.equals("--only-1") || a.equals("--only-2")) {
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--users" -> users = Integer.parseInt(v);
                case "--rate" -> rate = Double.parseDouble(v);
                case "--burst" -> burst = Integer.parseInt(v);
                case "--latency-ms" -> latency = Long.parseLong(v);
                case "--operation-ms" -> op = Long.parseLong(v);
                case "--concurrency" -> concurrency = Integer.parseInt(v);
                case "--tenants" -> tenants = Integer.parseInt(v);
                case "--tenant-users" -> tenantUsers = Integer.parseInt(v);
                case "--s2-latency-ms" -> s2Latency = Long.parseLong(v);
                case "--s2-operation-ms" -> s2Op = Long.parseLong(v);
                case "--s2-concurrency" -> s2Concurrency = Integer.parseInt(v);
                case "--parallel-jobs" -> parallelJobs = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new Settings(users, rate, burst, Duration.ofMillis(latency), Duration.ofMillis(op), concurrency,
                tenants, tenantUsers, Duration.ofMillis(s2Latency), Duration.ofMillis(s2Op), s2Concurrency,
                parallelJobs);
    }
}
