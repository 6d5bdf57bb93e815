package dev.tenantconnect.benchmarks;

import dev.tenantconnect.benchmarks.Cloud.Counts;
import dev.tenantconnect.bulk.BulkAssignments;
import dev.tenantconnect.bulk.BulkOptions;
import dev.tenantconnect.bulk.BulkPlan;
import dev.tenantconnect.bulk.BulkReport;
import dev.tenantconnect.core.job.FileJobJournal;
import dev.tenantconnect.bulk.RowStatus;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.extension.InMemoryExtensionStore;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.provisioning.NumberUpload;
import dev.tenantconnect.core.provisioning.SyncStatus;
import dev.tenantconnect.core.replication.InMemoryReplicationStateStore;
import dev.tenantconnect.core.resilience.PollingConsistencyPolicy;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.graph.CloudEnvironment;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.core.tenant.NumberOperation;
import dev.tenantconnect.graph.TeamsNumbers;
import dev.tenantconnect.core.tenant.UserInfo;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.RequestJournal;
import dev.tenantconnect.voice.enablement.UserEnablement;
import dev.tenantconnect.graph.provisioning.AcgProvisioningClient;
import dev.tenantconnect.voice.replication.Replicator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The end-to-end harness of issue #10: starts the simulated cloud with a latency, a per-tenant throttle and an
 * operation delay, seeds identical tenants, and runs one scenario after the other in the same process — the SDK's
 * bulk enablement, the naive script-tier baseline, 20 tenants in parallel against one, 64 threads asking for one
 * tenant's token, and a second replication pass of an unchanged tenant. One line per scenario.
 *
 * <p>Run: {@code mvn -q -pl benchmarks exec:exec -Dbench.main=dev.tenantconnect.benchmarks.EndToEnd
 * -Dbench.args="--users 1000"} (options: {@code --users --tenants --tenant-users --latency-ms --rate --burst
 * --operation-ms --baseline-rows --concurrency --runs --simulator-process}; with {@code --runs N} it runs everything
 * N times and ends
 * with the median and min–max of every figure). Each line also shows the CPU time per enabled user of the SDK's
 * threads and of the simulator's ({@link CpuMeter}), and the machine's load average is printed before and after.
 */
public final class EndToEnd {
    static final TenantId OPERATOR = TenantId.parse("75f9fed4-d8e9-4c90-bc28-523cfdb83244");
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000e2");
    static final ClientId OPERATOR_APP = ClientId.parse("75f9fed4-0000-4000-8000-0000000000a1");

    /**
     * What the harness runs with.
     *
     * @param users users in the single-tenant bulk scenario
     * @param tenants tenants in the scale-out scenario
     * @param tenantUsers users in each scale-out tenant (and in the one-tenant comparison)
     * @param latency the simulated network and service latency of each request (±20 % jitter)
     * @param rate the per-(app, tenant) throttle: requests per second
     * @param burst the per-(app, tenant) throttle: bucket size
     * @param operationDelay how long a Teams assignment operation runs
     * @param baselineRows rows the naive baseline runs (it is strictly sequential: its time per row is extrapolated)
     * @param concurrency assignments in flight per bulk job
     * @param simulatorProcess whether the simulated cloud runs in its own process (then the SDK's CPU is this
     *     process's, and the simulator's is that process's)
     */
    public record Settings(int users, int tenants, int tenantUsers, Duration latency, double rate, int burst,
            Duration operationDelay, int baselineRows, int concurrency, boolean simulatorProcess) {
        /** The full run documented in docs/BENCHMARKS.md. */
        public static final Settings FULL = new Settings(1000, 20, 200, Duration.ofMillis(50), 50, 100,
                Duration.ofMillis(500), 40, 16, false);
        /** The seconds-long smoke run of the default build. */
        public static final Settings SMOKE = new Settings(60, 3, 30, Duration.ZERO, 200, 20, Duration.ofMillis(50),
                5, 8, false);

        /**
         * @param value whether the simulated cloud runs in its own process ({@code SimulatorMain}, seeded by a seed
         *     file, counted through its journal endpoint) instead of in the harness's
         * @return these settings with that
         */
        public Settings withSimulatorProcess(boolean value) {
            return new Settings(users, tenants, tenantUsers, latency, rate, burst, operationDelay, baselineRows,
                    concurrency, value);
        }
    }

    /**
     * One scenario's figures.
     *
     * @param scenario the name
     * @param enabled users enabled (or tenants, or callers)
     * @param elapsed wall time
     * @param minimum the least time the throttle allows for the writes the job needs, if it applies
     * @param requests HTTP requests the simulator received (Entra, Graph, provisioning)
     * @param throttled requests answered 429
     * @param tokenRequestsPerTenant token requests per tenant
     * @param failedRows rows that failed
     * @param sdkCpu CPU time of the SDK's (and the harness's) threads during the scenario
     * @param simulatorCpu CPU time of the simulated cloud's threads during the scenario
     * @param processCpu CPU time of the whole process (also garbage collection and JIT compilation)
     * @param note what else the line means
     */
    public record Line(String scenario, long enabled, Duration elapsed, Optional<Duration> minimum, long requests,
            long throttled, double tokenRequestsPerTenant, long failedRows, Duration sdkCpu, Duration simulatorCpu,
            Duration processCpu, String note) {
        /** @return SDK CPU milliseconds per enabled user */
        public double sdkCpuMsPerUser() {
            return enabled == 0 ? 0 : sdkCpu.toNanos() / 1e6 / enabled;
        }

        /** @return simulator CPU milliseconds per enabled user */
        public double simulatorCpuMsPerUser() {
            return enabled == 0 ? 0 : simulatorCpu.toNanos() / 1e6 / enabled;
        }

        Line withCpu(CpuMeter.Cpu cpu) {
            return new Line(scenario, enabled, elapsed, minimum, requests, throttled, tokenRequestsPerTenant,
                    failedRows, cpu.sdk(), cpu.simulator(), cpu.process(), note);
        }

        /** @return the share of the throttle's ceiling achieved, if a ceiling applies */
        public Optional<Double> ceilingFraction() {
            return minimum.map(m -> m.toNanos() / (double) Math.max(1, elapsed.toNanos()));
        }

        /** @return HTTP requests per enabled user */
        public double requestsPerUser() {
            return enabled == 0 ? 0 : requests / (double) enabled;
        }

        /** @return the share of requests answered 429 */
        public double throttledShare() {
            return requests == 0 ? 0 : throttled / (double) requests;
        }

        String format(Optional<Duration> baselinePerUser) {
            String speedUp = baselinePerUser.filter(b -> enabled > 0)
                    .map(b -> String.format(Locale.ROOT, "%.1fx", b.toNanos() * (double) enabled / elapsed.toNanos()))
                    .orElse("-");
            return String.format(Locale.ROOT, "%-34s %6d %9.2fs %9s %8s %8s %7.2f %6.2f%% %6.1f %5d %8.2f %8.2f %8.1f"
                    + "  %s", scenario, enabled, elapsed.toMillis() / 1000.0, minimum.map(m -> String.format(
                            Locale.ROOT, "%.2fs", m.toMillis() / 1000.0)).orElse("-"), ceilingFraction().map(f ->
                                    String.format(Locale.ROOT, "%.2f", f)).orElse("-"), speedUp, requestsPerUser(),
                    throttledShare() * 100, tokenRequestsPerTenant, failedRows, sdkCpuMsPerUser(),
                    simulatorCpuMsPerUser(), processCpu.toNanos() / 1e6, note);
        }
    }

    private final Settings s;
    private final PrintStream out;
    private final Path work;
    private Cloud sim;
    private Secret secret;
    private GraphConnector graph;
    private InMemoryCredentialStore store;
    private InMemoryNumberInventory inventory;
    private AcgProvisioningClient acg;
    private BulkAssignments bulk;
    private int nextTenant;

    private EndToEnd(Settings s, PrintStream out, Path work) {
        this.s = s;
        this.out = out;
        this.work = work;
    }

    /**
     * Runs every scenario.
     *
     * @param s the settings
     * @param out where the lines go
     * @return the lines
     */
    public static List<Line> run(Settings s, PrintStream out) {
        Path work;
        try {
            work = Files.createTempDirectory("tenantconnect-e2e");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EndToEnd(s, out, work).runAll();
    }

    private List<Line> runAll() {
        out.printf(Locale.ROOT, "simulated cloud: latency %d ms ±20 %%, throttle %.0f requests/s per (app, tenant) "
                + "with a burst of %d, assignment operations %d ms; %d cores, Java %s%n", s.latency().toMillis(),
                s.rate(), s.burst(), s.operationDelay().toMillis(), Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        out.printf(Locale.ROOT, "load average (1, 5, 15 min) at start: %s%n", CpuMeter.loadAverage());
        if (validatorPresent()) {
            // the test suite's exchange validator (leak-scanner, test scope) checks every answer against the CSDL and
            // the swagger when it is on the class path: its CPU then counts as the simulator's
            System.err.println("NOTE: the exchange validator is on the class path (leak-scanner): simulator CPU "
                    + "includes it");
        }
        out.printf(Locale.ROOT, "%-34s %6s %10s %9s %8s %8s %7s %7s %6s %5s %8s %8s %8s  %s%n", "scenario", "users",
                "elapsed", "minimum", "ceiling", "speedup", "req/usr", "429", "tok/t", "fail", "sdk ms/u", "sim ms/u",
                "proc ms", "note");
        List<Line> lines = new ArrayList<>();
        secret = Secret.of("e2e-" + Long.toHexString(new SplittableRandom().nextLong()));
        // no simulated delays: the figures measure throttling and request counts, not waiting
        sim = s.simulatorProcess() ? OwnProcessCloud.start(s, work, secret, plan()) : new InProcessCloud(
                MicrosoftCloudSimulator.builder().seed(42).timing(dev.tenantconnect.testkit.Timing.FAST).start());
        out.println(s.simulatorProcess() ? "simulated cloud in its own process (SimulatorMain, pid "
                + sim.pid().orElse(-1L) + "): sim ms/u is that process's CPU (all its threads, GC and JIT too)"
                : "simulated cloud in this process: sim ms/u is its server threads' CPU");
        try {
            wire();
            int ceilingRuns = Integer.getInteger("e2e.ceilingRuns", 0);
            if (ceilingRuns > 0) {
                // -De2e.ceilingRuns=N: only the 1-tenant job, N times after one warm-up run of the scale-out size
                metered(() -> sdkBulk("warm-up", s.tenantUsers()));
                for (int i = 0; i < ceilingRuns; i++) {
                    Line l = metered(() -> sdkBulk("SDK bulk, 1 tenant", s.users()));
                    lines.add(l);
                    out.println(l.format(Optional.empty()));
                }
                return lines;
            }
            Line baseline = metered(this::baseline);
            Duration perUser = baseline.elapsed().dividedBy(Math.max(1, baseline.enabled()));
            Line sdk = metered(() -> sdkBulk("SDK bulk, 1 tenant", s.users()));
            Line one = metered(() -> sdkBulk("SDK bulk, 1 tenant (scale-out ref)", s.tenantUsers()));
            Line many = metered(this::scaleOut);
            Line tokens = metered(this::tokens);
            Line replication = metered(this::replicationSecondPass);
            for (Line l : List.of(sdk, baseline, one, many, tokens, replication)) {
                lines.add(l);
            }
            out.println(sdk.format(Optional.of(perUser)));
            out.println(baseline.format(Optional.of(perUser)));
            out.println(one.format(Optional.of(perUser)));
            out.println(many.format(Optional.of(perUser)) + String.format(Locale.ROOT, "; %.2fx the time of one tenant",
                    many.elapsed().toNanos() / (double) one.elapsed().toNanos()));
            out.println(tokens.format(Optional.empty()));
            out.println(replication.format(Optional.empty()));
            out.printf(Locale.ROOT, "load average (1, 5, 15 min) at end: %s%n", CpuMeter.loadAverage());
            return lines;
        } finally {
            sim.close();
        }
    }

    /**
     * Runs one scenario under a {@link CpuMeter}. The simulator's threads are its HTTPS server's (WireMock on Jetty:
     * {@code qtp...}, the acceptor and selector threads) and its scheduler's; every other thread is the SDK's.
     */
    private Line metered(java.util.function.Supplier<Line> scenario) {
        System.gc();
        Optional<Duration> simBefore = sim.processCpu();
        try (CpuMeter meter = new CpuMeter(EndToEnd::simulatorThread)) {
            Line l = scenario.get();
            CpuMeter.Cpu cpu = meter.stop();
            Optional<Duration> simAfter = sim.processCpu();
            if (simBefore.isPresent() && simAfter.isPresent()) {
                // the simulator's own process: its whole CPU time; every thread here is the SDK's (or the harness's)
                cpu = new CpuMeter.Cpu(simAfter.get().minus(simBefore.get()), cpu.sdk().plus(cpu.simulator()),
                        cpu.process());
            }
            return l.withCpu(cpu);
        }
    }

    /** Users of each tenant in the order the scenarios ask for them ({@link #tenant}): the seed file's tenants. */
    private List<Integer> plan() {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(s.baselineRows());
        sizes.add(s.users());
        sizes.add(s.tenantUsers());
        for (int i = 0; i < s.tenants(); i++) {
            sizes.add(s.tenantUsers());
        }
        sizes.add(1);
        sizes.add(s.tenantUsers());
        return sizes;
    }

    static boolean simulatorThread(String name) {
        return name.startsWith("qtp") || name.startsWith("Scheduler-") || name.toLowerCase(Locale.ROOT)
                .contains("wiremock") || name.startsWith("simulator");
    }

    private void wire() {
        ResiliencePolicies policies = ResiliencePolicies.builder(Clock.systemUTC(), Sleeper.system())
                .consistency(PollingConsistencyPolicy.builder().initialDelay(Duration.ofMillis(100))
                        .maxDelay(Duration.ofMillis(500)).confirmationDelay(Duration.ofMillis(20))
                        .totalBudget(Duration.ofMinutes(2)).maxPolls(1_000).build()).build();
        graph = GraphConnector.builder()
                .cloud(CloudEnvironment.custom(URI.create(sim.baseUrl()), URI.create(sim.graphBaseUrl())))
                .trust(sim.sslContext(), sim.trustManager()).resilience(policies).build();
        sim.seedOperator(OPERATOR, OPERATOR_APP, secret);
        store = new InMemoryCredentialStore();
        inventory = new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT, Clock.systemUTC()),
                Clock.systemUTC(), new SplittableRandom(7));
        acg = AcgProvisioningClient.builder().connector(graph)
                .endpoint(URI.create(sim.provisioningBaseUrl()), MicrosoftCloudSimulator.PROVISIONING_SCOPE)
                .operator(OPERATOR, ClientSecretCredential.of(OPERATOR_APP, secret, Instant.now().plus(Duration
                        .ofDays(1)))).build();
        UserEnablement enablement = UserEnablement.builder().graph(graph).store(store).inventory(inventory)
                .provisioning(acg).resilience(policies).actor("e2e").build();
        bulk = BulkAssignments.builder().graph(graph).store(store).inventory(inventory).enablement(enablement)
                .extensions(new InMemoryExtensionStore()).journal(new FileJobJournal(work.resolve("jobs"))).build();
        sim.faults(s);
    }

    /** A tenant like every other: {@code users} licensed users, the app, the consent, numbers in inventory. */
    private record Tenant(CredentialKey key, int index, int users) {
        String upn(int i) {
            return EndToEnd.upn(index, i);
        }

        PhoneNumber number(int i) {
            return PhoneNumber.parse(String.format(Locale.ROOT, "+656%02d%05d", index, i));
        }
    }

    static TenantId tenantId(int index) {
        return TenantId.parse(String.format(Locale.ROOT, "6b17bc95-fa47-49bf-8b00-%012d", 9000 + index));
    }

    static String upn(int tenant, int user) {
        return "user" + user + "@t" + tenant + ".example.com";
    }

    private Tenant tenant(int users) {
        int index = nextTenant++;
        TenantId id = tenantId(index);
        Tenant tenant = new Tenant(new CredentialKey(id, ServiceId.of("oc-main")), index, users);
        sim.seedTenant(index, users, secret);
        store.create(tenant.key(), credential());
        List<PhoneNumber> numbers = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            numbers.add(tenant.number(i));
        }
        inventory.importNumbers(numbers, NumberAttributes.of("SG", "656", NumberType.OPERATOR_CONNECT,
                NumberUsage.USER), "e2e");
        return tenant;
    }

    private ClientSecretCredential credential() {
        return ClientSecretCredential.of(APP, secret, Instant.now().plus(Duration.ofDays(1)));
    }

    private Path file(Tenant t) {
        StringBuilder b = new StringBuilder("Ext Key,Number,User,Addon license 1\r\n");
        for (int i = 0; i < t.users(); i++) {
            b.append(1000 + i).append(',').append(t.number(i).e164().substring(1)).append(',').append(t.upn(i))
                    .append(",device_import_msteams_OC\r\n");
        }
        Path f = work.resolve("tenant" + t.index() + ".csv");
        try {
            Files.writeString(f, b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    private static boolean validatorPresent() {
        try {
            Class.forName("dev.tenantconnect.fidelity.ExchangeValidator", false, EndToEnd.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private Optional<Duration> minimum(int writes) {
        return Optional.of(Duration.ofNanos((long) (Math.max(0, writes - s.burst()) / s.rate() * 1e9)));
    }

    private Line sdkBulk(String name, int users) {
        Tenant t = tenant(users);
        Path f = file(t);
        sim.clearJournal();
        Instant start = Instant.now();
        BulkReport r = runBulk(t, f);
        Duration elapsed = Duration.between(start, Instant.now());
        if (Boolean.getBoolean("e2e.timeline")) {
            sim.journal().ifPresentOrElse(j -> timeline(j, start), () -> out.println("  (no timeline: the "
                    + "simulator's journal entries are in its own process)"));
        }
        Counts journal = sim.counts();
        return new Line(name, r.count(RowStatus.DONE), elapsed, minimum(users), journal.httpRequests(),
                journal.throttled(), journal.tokenRequests(t.key().tenant()), r.count(RowStatus.FAILED),
                Duration.ZERO, Duration.ZERO, Duration.ZERO, "plan + run, " + s.concurrency() + " in flight" + errors(List.of(r)));
    }

    /** Per second of the run: requests by endpoint family and 429s (-De2e.timeline=true). */
    private void timeline(RequestJournal journal, Instant start) {
        java.util.TreeMap<Long, java.util.TreeMap<String, Integer>> bySecond = new java.util.TreeMap<>();
        for (RequestJournal.Entry e : journal.entries()) {
            long sec = Duration.between(start, e.at()).toMillis() / 1000;
            String k = e.status() == 429 ? "429" : e.endpoint();
            bySecond.computeIfAbsent(sec, x -> new java.util.TreeMap<>()).merge(k, 1, Integer::sum);
        }
        bySecond.forEach((sec, m) -> out.println("  t+" + sec + "s " + m));
        // the first five seconds by quarter: Graph writes and 429s (the start-up, where the budget is easiest to waste)
        int[] writes = new int[20];
        int[] refused = new int[20];
        for (RequestJournal.Entry e : journal.entries()) {
            int q = (int) (Duration.between(start, e.at()).toMillis() / 250);
            if (q < 20 && e.status() == 429) {
                refused[q]++;
            } else if (q < 20 && e.endpoint().equals("graph.numbers.assign")) {
                writes[q]++;
            }
        }
        StringBuilder quarters = new StringBuilder("  assigns per 250 ms (429s):");
        for (int q = 0; q < 20; q++) {
            quarters.append(' ').append(writes[q]).append(refused[q] > 0 ? "(" + refused[q] + ")" : "");
        }
        out.println(quarters);
        // -De2e.first=N: the first N requests one by one, in milliseconds from the start (what the job waits on)
        journal.entries().stream().limit(Integer.getInteger("e2e.first", 0)).forEach(e -> out.printf(Locale.ROOT,
                "  +%5d ms %3d %s%n", Duration.between(start, e.at()).toMillis(), e.status(), e.endpoint()));
        // -De2e.last=N: the last N requests (what the job's end waits on)
        List<RequestJournal.Entry> all = journal.entries();
        all.subList(Math.max(0, all.size() - Integer.getInteger("e2e.last", 0)), all.size()).forEach(e -> out.printf(
                Locale.ROOT, "  +%5d ms %3d %s%n", Duration.between(start, e.at()).toMillis(), e.status(),
                e.endpoint()));
    }

    private static String errors(List<BulkReport> reports) {
        List<String> distinct = reports.stream().flatMap(r -> r.outcomes().stream())
                .filter(o -> o.status() == RowStatus.FAILED).map(o -> o.error()).distinct().limit(3).toList();
        return distinct.isEmpty() ? "" : "; failures: " + distinct;
    }

    private BulkReport runBulk(Tenant t, Path f) {
        BulkPlan plan = bulk.plan(f, t.key(), BulkOptions.defaults().withConcurrency(s.concurrency()));
        return bulk.run(plan, p -> { });
    }

    /** What the script-tier peers do, row by row: look up, upload, wait, assign, wait — nothing batched. */
    private Line baseline() {
        Tenant t = tenant(s.baselineRows());
        sim.clearJournal();
        Duration poll = Duration.ofMillis(500);
        var directory = graph.directory(t.key().tenant(), credential());
        TeamsNumbers numbers = graph.teamsNumbers(t.key().tenant(), credential());
        long done = 0;
        long failed = 0;
        Instant start = Instant.now();
        for (int i = 0; i < t.users(); i++) {
            Optional<UserInfo> user = directory.user(UserRef.parse(t.upn(i)));
            PhoneNumber n = t.number(i);
            acg.upload(t.key().tenant(), List.of(new NumberUpload(n, "SG", NumberUsage.USER,
                    List.of("InboundCalling", "OutboundCalling"), Optional.empty())));
            while (acg.status(t.key().tenant(), n).state() == SyncStatus.State.PENDING) {
                sleep(poll);
            }
            NumberOperation op = numbers.beginAssign(n, user.orElseThrow().id(), NumberType.OPERATOR_CONNECT,
                    Optional.empty());
            Optional<NumberOperation> now = numbers.status(op.id());
            while (now.isEmpty() || !now.get().finished()) {
                sleep(poll);
                now = numbers.status(op.id());
            }
            if (now.get().succeeded()) {
                done++;
            } else {
                failed++;
            }
        }
        Duration elapsed = Duration.between(start, Instant.now());
        Counts journal = sim.counts();
        return new Line("naive baseline (sequential)", done, elapsed, Optional.empty(), journal.httpRequests(),
                journal.throttled(), journal.tokenRequests(t.key().tenant()), failed,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, "polls every " + poll.toMillis() + " ms; speed-up column is per user");
    }

    private Line scaleOut() {
        List<Tenant> tenants = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < s.tenants(); i++) {
            Tenant t = tenant(s.tenantUsers());
            tenants.add(t);
            files.add(file(t));
        }
        sim.clearJournal();
        List<java.util.concurrent.Callable<BulkReport>> jobs = new ArrayList<>();
        for (int i = 0; i < tenants.size(); i++) {
            Tenant t = tenants.get(i);
            Path f = files.get(i);
            jobs.add(() -> runBulk(t, f));
        }
        Instant start = Instant.now();
        List<BulkReport> reports = together(jobs);
        Duration elapsed = Duration.between(start, Instant.now());
        Counts journal = sim.counts();
        long done = reports.stream().mapToLong(r -> r.count(RowStatus.DONE)).sum();
        long failed = reports.stream().mapToLong(r -> r.count(RowStatus.FAILED)).sum();
        double tokens = tenants.stream().mapToLong(t -> journal.tokenRequests(t.key().tenant())).average().orElse(0);
        return new Line("SDK bulk, " + s.tenants() + " tenants in parallel", done, elapsed, minimum(s.tenantUsers()),
                journal.httpRequests(), journal.throttled(), tokens, failed, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, s.tenantUsers() + " users each"
                        + errors(reports));
    }

    /** Runs the jobs on their own threads, all released at once; returns their results in order. */
    private static <T> List<T> together(List<java.util.concurrent.Callable<T>> jobs) {
        ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> running = new ArrayList<>();
            for (java.util.concurrent.Callable<T> job : jobs) {
                running.add(pool.submit(() -> {
                    go.await();
                    return job.call();
                }));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : running) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Line tokens() {
        Tenant t = tenant(1);
        sim.clearJournal();
        int callers = 64;
        List<java.util.concurrent.Callable<Object>> asks = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            asks.add(() -> graph.appToken(t.key().tenant(), credential()));
        }
        Instant start = Instant.now();
        together(asks);
        Duration elapsed = Duration.between(start, Instant.now());
        Counts journal = sim.counts();
        return new Line("64 callers, one tenant's token", callers, elapsed, Optional.empty(), journal.httpRequests(),
                journal.throttled(), journal.tokenRequests(t.key().tenant()), 0, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, "token requests must be 1");
    }

    private Line replicationSecondPass() {
        Tenant t = tenant(s.tenantUsers());
        Replicator replicator = Replicator.builder().graph(graph).store(store).inventory(inventory)
                .extensions(new InMemoryExtensionStore()).state(new InMemoryReplicationStateStore()).build();
        replicator.replicate(t.key());
        sim.clearJournal();
        Instant start = Instant.now();
        Replicator.Result second = replicator.replicate(t.key());
        Duration elapsed = Duration.between(start, Instant.now());
        Counts journal = sim.counts();
        return new Line("replication, unchanged tenant", 1, elapsed, Optional.empty(), journal.httpRequests(),
                journal.throttled(), journal.tokenRequests(t.key().tenant()), 0, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, "requests of the second pass (req/usr = per tenant); " + second.users() + " users, full="
                        + second.fullRead());
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the harness.
     *
     * @param args {@code --users N --tenants N --tenant-users N --latency-ms N --rate R --burst N --operation-ms N
     *     --baseline-rows N --concurrency N --runs N}, each optional; {@code --smoke} for the smoke settings;
     *     {@code --simulator-process} to run the simulated cloud in its own process
     */
    public static void main(String[] args) {
        Settings d = List.of(args).contains("--smoke") ? Settings.SMOKE : Settings.FULL;
        int users = d.users();
        int tenants = d.tenants();
        int tenantUsers = d.tenantUsers();
        long latency = d.latency().toMillis();
        double rate = d.rate();
        int burst = d.burst();
        long op = d.operationDelay().toMillis();
        int baselineRows = d.baselineRows();
        int concurrency = d.concurrency();
        int runs = 1;
        boolean simulatorProcess = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--smoke")) {
                continue;
            }
            if (a.equals("--simulator-process")) {
                simulatorProcess = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--users" -> users = Integer.parseInt(v);
                case "--tenants" -> tenants = Integer.parseInt(v);
                case "--tenant-users" -> tenantUsers = Integer.parseInt(v);
                case "--latency-ms" -> latency = Long.parseLong(v);
                case "--rate" -> rate = Double.parseDouble(v);
                case "--burst" -> burst = Integer.parseInt(v);
                case "--operation-ms" -> op = Long.parseLong(v);
                case "--baseline-rows" -> baselineRows = Integer.parseInt(v);
                case "--concurrency" -> concurrency = Integer.parseInt(v);
                case "--runs" -> runs = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        Settings settings = new Settings(users, tenants, tenantUsers, Duration.ofMillis(latency), rate, burst,
                Duration.ofMillis(op), baselineRows, concurrency, simulatorProcess);
        List<List<Line>> all = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            System.out.printf(Locale.ROOT, "%n== run %d of %d%n", r, runs);
            all.add(run(settings, System.out));
        }
        if (runs > 1) {
            summary(all, System.out);
        }
    }

    /** Median and min–max over the runs of every figure of every scenario. */
    static void summary(List<List<Line>> runs, PrintStream out) {
        out.printf(Locale.ROOT, "%n== %d runs: median [min–max]; load average (1, 5, 15 min) now %s%n", runs.size(),
                CpuMeter.loadAverage());
        int scenarios = runs.get(0).size();
        for (int i = 0; i < scenarios; i++) {
            int k = i;
            List<Line> ls = runs.stream().map(r -> r.get(k)).toList();
            out.println(ls.get(0).scenario());
            figure(out, "elapsed s", ls.stream().mapToDouble(l -> l.elapsed().toMillis() / 1000.0));
            if (ls.get(0).minimum().isPresent()) {
                figure(out, "share of the tenant ceiling", ls.stream().mapToDouble(l -> l.ceilingFraction()
                        .orElse(0.0)));
            }
            figure(out, "requests per user", ls.stream().mapToDouble(Line::requestsPerUser));
            figure(out, "% answered 429", ls.stream().mapToDouble(l -> l.throttledShare() * 100));
            figure(out, "failed rows", ls.stream().mapToDouble(Line::failedRows));
            figure(out, "token requests per tenant", ls.stream().mapToDouble(Line::tokenRequestsPerTenant));
            figure(out, "SDK CPU ms per user", ls.stream().mapToDouble(Line::sdkCpuMsPerUser));
            figure(out, "simulator CPU ms per user", ls.stream().mapToDouble(Line::simulatorCpuMsPerUser));
            figure(out, "process CPU s", ls.stream().mapToDouble(l -> l.processCpu().toMillis() / 1000.0));
        }
        out.println("scale-out");
        figure(out, "20 tenants' time / one tenant's", runs.stream().mapToDouble(r -> r.get(3).elapsed().toNanos()
                / (double) r.get(2).elapsed().toNanos()));
        figure(out, "speed-up of the SDK bulk over the naive baseline (per user)", runs.stream().mapToDouble(r ->
                r.get(1).elapsed().toNanos() / (double) Math.max(1, r.get(1).enabled()) * r.get(0).enabled()
                        / r.get(0).elapsed().toNanos()));
    }

    private static void figure(PrintStream out, String name, java.util.stream.DoubleStream values) {
        double[] v = values.sorted().toArray();
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        out.printf(Locale.ROOT, "  %-58s %10.3f [%.3f–%.3f]%n", name, median, v[0], v[v.length - 1]);
    }
}
