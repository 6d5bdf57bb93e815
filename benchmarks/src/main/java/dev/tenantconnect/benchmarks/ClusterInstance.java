package dev.tenantconnect.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tenantconnect.bulk.BulkAssignments;
import dev.tenantconnect.bulk.BulkOptions;
import dev.tenantconnect.bulk.BulkPlan;
import dev.tenantconnect.bulk.BulkReport;
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
import dev.tenantconnect.jdbc.JdbcPacingBudget;
import dev.tenantconnect.voice.enablement.UserEnablement;
import dev.tenantconnect.graph.provisioning.AcgProvisioningClient;
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

/**
 * One instance of the operator's platform in {@link ClusterBenchmark}, run in its own JVM: the SDK's bulk enablement
 * against the simulator whose URLs and certificate {@link ClusterSimulator} wrote to the work folder, pacing shared
 * through PostgreSQL ({@link JdbcPacingBudget}) unless told {@code none}. Numbers and credentials are this
 * instance's own (in memory): only the pacing budget is shared. Prints {@code READY} once wired, runs its jobs on the
 * line {@code GO}, at most {@code PARALLEL_JOBS} tenants at a time, and ends with {@code DONE enabled failed}.
 *
 * <p>Arguments: {@code DIR NAME JDBC_URL|none CONCURRENCY PARALLEL_JOBS INDEX:FROM:TO,...} (users FROM inclusive to
 * TO exclusive of tenant INDEX); the secret comes from the environment variable {@code CLUSTER_SECRET}.
 */
public final class ClusterInstance {
    private ClusterInstance() {
    }

    /** This instance's share of one tenant's users. */
    private record Share(int index, int from, int to) {
        CredentialKey key() {
            return new CredentialKey(ClusterBenchmark.tenantId(index), ServiceId.of("oc-main"));
        }
    }

    /**
     * @param args see the class comment
     * @throws Exception when the instance cannot start
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String name = args[1];
        String jdbc = args[2];
        int concurrency = Integer.parseInt(args[3]);
        int parallelJobs = Integer.parseInt(args[4]);
        List<Share> shares = new ArrayList<>();
        for (String spec : args[5].split(",")) {
            String[] p = spec.split(":");
            shares.add(new Share(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])));
        }
        Secret secret = Secret.of(System.getenv("CLUSTER_SECRET"));
        Instant expiry = Instant.now().plus(Duration.ofDays(1));
        Properties urls = new Properties();
        try (var r = Files.newBufferedReader(dir.resolve("simulator.properties"))) {
            urls.load(r);
        }
        X509TrustManager trust = trust(dir.resolve("simulator-cert.pem"));
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new javax.net.ssl.TrustManager[] {trust}, null);

        TenantGuards.Builder guards = TenantGuards.builder(Clock.systemUTC(), Sleeper.system());
        HikariDataSource pool = null;
        if (!jdbc.equals("none")) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbc);
            config.setUsername("postgres");
            config.setMaximumPoolSize(4);
            pool = new HikariDataSource(config);
            guards.sharedBudget(new JdbcPacingBudget(pool, Clock.systemUTC()), ClusterBenchmark.APP);
        }
        ResiliencePolicies policies = ResiliencePolicies.builder(Clock.systemUTC(), Sleeper.system())
                .guards(guards.build())
                .consistency(PollingConsistencyPolicy.builder().initialDelay(Duration.ofMillis(100))
                        .maxDelay(Duration.ofMillis(500)).confirmationDelay(Duration.ofMillis(20))
                        .totalBudget(Duration.ofMinutes(2)).maxPolls(1_000).build()).build();
        GraphConnector graph = GraphConnector.builder()
                .cloud(CloudEnvironment.custom(URI.create(urls.getProperty("login")),
                        URI.create(urls.getProperty("graph"))))
                .trust(ssl, trust).resilience(policies).build();
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        InMemoryNumberInventory inventory = new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT,
                Clock.systemUTC()), Clock.systemUTC(), new SplittableRandom(7));
        AcgProvisioningClient acg = AcgProvisioningClient.builder().connector(graph)
                .endpoint(URI.create(urls.getProperty("provisioning")), ClusterBenchmark.PROVISIONING_SCOPE)
                .operator(ClusterBenchmark.OPERATOR, ClientSecretCredential.of(ClusterBenchmark.OPERATOR_APP, secret,
                        expiry)).build();
        UserEnablement enablement = UserEnablement.builder().graph(graph).store(store).inventory(inventory)
                .provisioning(acg).resilience(policies).actor(name).build();
        Path work = Files.createDirectories(dir.resolve(name));
        BulkAssignments bulk = BulkAssignments.builder().graph(graph).store(store).inventory(inventory)
                .enablement(enablement).extensions(new InMemoryExtensionStore())
                .journal(new FileJobJournal(work.resolve("jobs"))).build();
        List<Path> files = new ArrayList<>();
        for (Share s : shares) {
            store.create(s.key(), ClientSecretCredential.of(ClusterBenchmark.APP, secret, expiry));
            List<PhoneNumber> numbers = new ArrayList<>();
            StringBuilder csv = new StringBuilder("Ext Key,Number,User,Addon license 1\r\n");
            for (int i = s.from(); i < s.to(); i++) {
                PhoneNumber n = ClusterBenchmark.number(s.index(), i);
                numbers.add(n);
                csv.append(1000 + i).append(',').append(n.e164().substring(1)).append(',')
                        .append(ClusterBenchmark.upn(s.index(), i)).append(",device_import_msteams_OC\r\n");
            }
            inventory.importNumbers(numbers, NumberAttributes.of("SG", "656", NumberType.OPERATOR_CONNECT,
                    NumberUsage.USER), name);
            Path f = work.resolve("tenant" + s.index() + ".csv");
            Files.writeString(f, csv, StandardCharsets.UTF_8);
            files.add(f);
        }
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"GO".equals(in.readLine())) {
            return;
        }
        ExecutorService jobs = Executors.newFixedThreadPool(parallelJobs);
        List<Future<BulkReport>> running = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            Share s = shares.get(i);
            Path f = files.get(i);
            running.add(jobs.submit(() -> {
                BulkPlan plan = bulk.plan(f, s.key(), BulkOptions.defaults().withConcurrency(concurrency));
                return bulk.run(plan, p -> { });
            }));
        }
        long done = 0;
        long failed = 0;
        String firstError = "";
        for (Future<BulkReport> f : running) {
            BulkReport r = f.get();
            done += r.count(RowStatus.DONE);
            failed += r.count(RowStatus.FAILED);
            if (firstError.isEmpty()) {
                firstError = r.outcomes().stream().filter(o -> o.status() == RowStatus.FAILED).map(o -> o.error())
                        .findFirst().orElse("");
            }
        }
        jobs.shutdown();
        System.out.printf(Locale.ROOT, "DONE %d %d %s%n", done, failed, firstError.replace('\n', ' '));
        System.out.flush();
        if (pool != null) {
            pool.close();
        }
        System.exit(0);
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
