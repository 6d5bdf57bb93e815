package dev.tenantconnect.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tenantconnect.bulk.BulkAssignments;
import dev.tenantconnect.bulk.BulkJob;
import dev.tenantconnect.bulk.BulkOptions;
import dev.tenantconnect.bulk.BulkReport;
import dev.tenantconnect.bulk.NumberPool;
import dev.tenantconnect.bulk.ProgressListener;
import dev.tenantconnect.bulk.RowStatus;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.KeyProvider;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.credential.StoreKey;
import dev.tenantconnect.core.extension.InMemoryExtensionStore;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.job.FileJobJournal;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.resilience.PollingConsistencyPolicy;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.core.resilience.TenantGuards;
import dev.tenantconnect.graph.CloudEnvironment;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.graph.provisioning.AcgProvisioningClient;
import dev.tenantconnect.jdbc.JdbcCredentialStore;
import dev.tenantconnect.jdbc.JdbcExtensionStore;
import dev.tenantconnect.jdbc.JdbcJobJournal;
import dev.tenantconnect.jdbc.JdbcNumberInventory;
import dev.tenantconnect.jdbc.JdbcPacingBudget;
import dev.tenantconnect.voice.enablement.UserEnablement;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.sql.DataSource;

/**
 * One instance of the operator's platform in {@link ClusterBenchmark}, run in its own JVM: the SDK's bulk enablement
 * against the simulator whose URLs and certificate {@link ClusterSimulator} wrote to the work folder, pacing shared
 * through PostgreSQL ({@link JdbcPacingBudget}) or each instance pacing alone. Two kinds of work:
 * <ul>
 * <li>{@code INDEX:FROM:TO,...} — separate jobs, one per tenant share (users FROM inclusive to TO exclusive of tenant
 * INDEX), at most {@code PARALLEL_JOBS} at a time, with this instance's own numbers and credentials in memory (only
 * the pacing budget is shared);</li>
 * <li>{@code start:INDEX:UNIT_ROWS:LEASE_MS} or {@code join:INDEX:UNIT_ROWS:LEASE_MS} — one job over tenant INDEX's
 * file ({@code tenantINDEX.csv} in the work folder, its numbers and credential put in PostgreSQL by the harness),
 * started joinable ({@code BulkAssignments.startJoinable}) or joined ({@code BulkAssignments.join}), with the JDBC
 * stores: job journal (work units), number inventory, credentials, extensions.</li>
 * </ul>
 * Prints {@code READY} once wired and starts on the line {@code GO} (a joiner: {@code GO JOB_ID}); a starter prints
 * {@code JOB id} once the job is started; a joined instance prints {@code ROW} after each row it concludes; each
 * ends with {@code DONE enabled failed [first failure]} (a joined job's figures are the whole job's).
 *
 * <p>Arguments: {@code DIR NAME JDBC_URL shared|alone CONCURRENCY PARALLEL_JOBS WORK}; the secret comes from the
 * environment variable {@code CLUSTER_SECRET}.
 */
public final class ClusterInstance {
    private ClusterInstance() {
    }

    /** This instance's share of one tenant's users. */
    private record Share(int index, int from, int to) {
    }

    /**
     * @param index a benchmark tenant
     * @return the key its credential is stored under
     */
    static CredentialKey key(int index) {
        return new CredentialKey(ClusterBenchmark.tenantId(index), ServiceId.of("oc-main"));
    }

    /**
     * @param args see the class comment
     * @throws Exception when the instance cannot start
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String name = args[1];
        String jdbc = args[2];
        boolean shared = args[3].equals("shared");
        int concurrency = Integer.parseInt(args[4]);
        int parallelJobs = Integer.parseInt(args[5]);
        String work = args[6];
        Secret secret = Secret.of(System.getenv("CLUSTER_SECRET"));
        HikariDataSource pool = pool(jdbc, 8);
        TenantGuards.Builder guards = TenantGuards.builder(Clock.systemUTC(), Sleeper.system());
        if (shared) {
            guards.sharedBudget(new JdbcPacingBudget(pool, Clock.systemUTC()), ClusterBenchmark.APP);
        }
        ResiliencePolicies policies = ResiliencePolicies.builder(Clock.systemUTC(), Sleeper.system())
                .guards(guards.build())
                .consistency(PollingConsistencyPolicy.builder().initialDelay(Duration.ofMillis(100))
                        .maxDelay(Duration.ofMillis(500)).confirmationDelay(Duration.ofMillis(20))
                        .totalBudget(Duration.ofMinutes(2)).maxPolls(1_000).build()).build();
        GraphConnector graph = connector(dir, policies);
        Properties urls = urls(dir);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String outcome;
        if (work.startsWith("start:") || work.startsWith("join:")) {
            outcome = joined(dir, name, work.split(":"), pool, graph, policies, urls, secret, concurrency, in);
        } else {
            outcome = separate(dir, name, work, graph, policies, urls, secret, concurrency, parallelJobs, in);
        }
        System.out.println(outcome);
        System.out.flush();
        pool.close();
        System.exit(0);
    }

    private static AcgProvisioningClient acg(GraphConnector graph, Properties urls, Secret secret) {
        return AcgProvisioningClient.builder().connector(graph)
                .endpoint(URI.create(urls.getProperty("provisioning")), ClusterBenchmark.PROVISIONING_SCOPE)
                .operator(ClusterBenchmark.OPERATOR, ClientSecretCredential.of(ClusterBenchmark.OPERATOR_APP, secret,
                        Instant.now().plus(Duration.ofDays(1)))).build();
    }

    /** One job over tenant INDEX's file, started or joined, on the JDBC stores. */
    private static String joined(Path dir, String name, String[] w, HikariDataSource pool, GraphConnector graph,
            ResiliencePolicies policies, Properties urls, Secret secret, int concurrency, BufferedReader in)
            throws Exception {
        int index = Integer.parseInt(w[1]);
        int unitRows = Integer.parseInt(w[2]);
        JdbcCredentialStore store = new JdbcCredentialStore(pool, keys(), Clock.systemUTC());
        JdbcNumberInventory inventory = inventory(pool);
        UserEnablement enablement = UserEnablement.builder().graph(graph).store(store).inventory(inventory)
                .provisioning(acg(graph, urls, secret)).resilience(policies).actor(name).build();
        JdbcJobJournal journal = new JdbcJobJournal(pool, Clock.systemUTC(), Duration.ofMillis(Long.parseLong(w[3])));
        BulkAssignments bulk = BulkAssignments.builder().graph(graph).store(store).inventory(inventory)
                .enablement(enablement).extensions(new JdbcExtensionStore(pool)).journal(journal).build();
        ProgressListener rows = p -> System.out.println("ROW");
        System.out.println("READY");
        System.out.flush();
        String go = in.readLine();
        if (go == null || !go.startsWith("GO")) {
            return "DONE 0 0 not started";
        }
        BulkJob job;
        if (w[0].equals("start")) {
            BulkOptions options = BulkOptions.defaults().withConcurrency(concurrency)
                    .withNumberPool(NumberPool.operatorConnect("SG"));
            job = bulk.startJoinable(bulk.plan(dir.resolve("tenant" + index + ".csv"), key(index), options),
                    unitRows, rows);
            System.out.println("JOB " + job.jobId());
            System.out.flush();
        } else {
            job = bulk.join(go.substring(3).strip(), rows);
        }
        return done(List.of(job.await()));
    }

    /** Separate jobs over shares of tenants, this instance's own numbers and credentials in memory. */
    private static String separate(Path dir, String name, String work, GraphConnector graph,
            ResiliencePolicies policies, Properties urls, Secret secret, int concurrency, int parallelJobs,
            BufferedReader in) throws Exception {
        List<Share> shares = new ArrayList<>();
        for (String spec : work.split(",")) {
            String[] p = spec.split(":");
            shares.add(new Share(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])));
        }
        Instant expiry = Instant.now().plus(Duration.ofDays(1));
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        InMemoryNumberInventory inventory = new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT,
                Clock.systemUTC()), Clock.systemUTC(), new SplittableRandom(7));
        UserEnablement enablement = UserEnablement.builder().graph(graph).store(store).inventory(inventory)
                .provisioning(acg(graph, urls, secret)).resilience(policies).actor(name).build();
        Path workDir = Files.createDirectories(dir.resolve(name));
        BulkAssignments bulk = BulkAssignments.builder().graph(graph).store(store).inventory(inventory)
                .enablement(enablement).extensions(new InMemoryExtensionStore())
                .journal(new FileJobJournal(workDir.resolve("jobs"))).build();
        List<Path> files = new ArrayList<>();
        for (Share s : shares) {
            store.create(key(s.index()), ClientSecretCredential.of(ClusterBenchmark.APP, secret, expiry));
            List<PhoneNumber> numbers = new ArrayList<>();
            for (int i = s.from(); i < s.to(); i++) {
                numbers.add(ClusterBenchmark.number(s.index(), i));
            }
            inventory.importNumbers(numbers, ClusterBenchmark.ATTRIBUTES, name);
            files.add(ClusterBenchmark.file(workDir, s.index(), s.from(), s.to(), s.to()));
        }
        System.out.println("READY");
        System.out.flush();
        if (!"GO".equals(in.readLine())) {
            return "DONE 0 0 not started";
        }
        ExecutorService jobs = Executors.newFixedThreadPool(parallelJobs);
        List<Future<BulkReport>> running = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            Share s = shares.get(i);
            Path f = files.get(i);
            running.add(jobs.submit(() -> bulk.run(bulk.plan(f, key(s.index()), BulkOptions.defaults()
                    .withConcurrency(concurrency)), p -> { })));
        }
        List<BulkReport> reports = new ArrayList<>();
        for (Future<BulkReport> f : running) {
            reports.add(f.get());
        }
        jobs.shutdown();
        return done(reports);
    }

    private static String done(List<BulkReport> reports) {
        long done = 0;
        long failed = 0;
        String firstError = "";
        for (BulkReport r : reports) {
            done += r.count(RowStatus.DONE);
            failed += r.count(RowStatus.FAILED);
            if (firstError.isEmpty()) {
                firstError = r.outcomes().stream().filter(o -> o.status() == RowStatus.FAILED).map(o -> o.error())
                        .findFirst().orElse("");
            }
        }
        return String.format(Locale.ROOT, "DONE %d %d %s", done, failed, firstError.replace('\n', ' '));
    }

    /**
     * @param dir the work folder the simulator wrote its URLs and certificate to
     * @param policies the connector's resilience
     * @return a connector to the simulator, stored credentials allowed (the JDBC credential store)
     * @throws Exception when the certificate cannot be read
     */
    static GraphConnector connector(Path dir, ResiliencePolicies policies) throws Exception {
        Properties urls = urls(dir);
        X509TrustManager trust = trust(dir.resolve("simulator-cert.pem"));
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
        return GraphConnector.builder()
                .cloud(CloudEnvironment.custom(URI.create(urls.getProperty("login")),
                        URI.create(urls.getProperty("graph"))).allowingStoredCredentials())
                .trust(ssl, trust).resilience(policies).build();
    }

    private static Properties urls(Path dir) throws java.io.IOException {
        Properties urls = new Properties();
        try (var r = Files.newBufferedReader(dir.resolve("simulator.properties"))) {
            urls.load(r);
        }
        return urls;
    }

    /**
     * @param url the JDBC URL of the embedded PostgreSQL
     * @param size the pool's most connections
     * @return a pool to it
     */
    static HikariDataSource pool(String url, int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername("postgres");
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(0);
        return new HikariDataSource(c);
    }

    /** @return the benchmark's fixed key for the credential store (a benchmark secret, never a real one) */
    static KeyProvider keys() {
        byte[] raw = new byte[32];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (0x21 ^ i);
        }
        StoreKey key = StoreKey.of(raw);
        return () -> key;
    }

    /**
     * @param ds the database
     * @return the number inventory in it
     */
    static JdbcNumberInventory inventory(DataSource ds) {
        return new JdbcNumberInventory(ds, new NumberLifecycle(QuarantinePolicy.DEFAULT, Clock.systemUTC()),
                Clock.systemUTC(), new SplittableRandom(21));
    }

    private static X509TrustManager trust(Path pem) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            ks.setCertificateEntry("simulator", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return (X509TrustManager) tmf.getTrustManagers()[0];
    }
}
