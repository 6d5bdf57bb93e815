package dev.tenantconnect.benchmarks;

import dev.tenantconnect.bulk.AssignmentExport;
import dev.tenantconnect.bulk.BulkFileFormat;
import dev.tenantconnect.bulk.FileReport;
import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.extension.Extension;
import dev.tenantconnect.core.extension.ExtensionStore;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.graph.CloudEnvironment;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatedTenant;
import dev.tenantconnect.testkit.Sku;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The backup export of a large tenant in a small heap: this JVM seeds the simulator with a tenant of N users (default
 * 50,000), each holding a number (every tenth with an emergency location), then runs the export in a child JVM with
 * {@code -Xmx64m} (or the heap given) against it over HTTPS, and the child prints rows, time, requests and the sum of
 * its heap pools' peaks. The child's extension store computes one record per user (the production store is a
 * database), so the heap measured is the export's own. Exit 1 if the export or the child failed.
 *
 * <pre>
 * mvn -q -pl benchmarks exec:exec -Dbench.main=dev.tenantconnect.benchmarks.ExportHeap -Dbench.heap=-Xmx2g \
 *     -Dbench.args="50000 -Xmx64m"
 * </pre>
 */
public final class ExportHeap {
    static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e5");
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000e5");
    private static final String SECRET = "export-heap-benchmark-secret";

    private ExportHeap() {
    }

    /**
     * What the child measured.
     *
     * @param exit the child's exit code
     * @param output what it printed (one result line on success)
     * @param seeded how long seeding took in this JVM
     */
    public record Result(int exit, String output, Duration seeded) {
    }

    /**
     * @param args the user count (default 50,000), then the child's heap option (default {@code -Xmx64m}); or
     *     {@code --child ...} for the child's part
     * @throws Exception if the benchmark cannot run
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            System.exit(child(args));
        }
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        String heap = args.length > 1 ? args[1] : "-Xmx64m";
        Result r = run(users, heap, System.out);
        System.exit(r.exit());
    }

    /**
     * Seeds, runs the child, prints its output.
     *
     * @param users the tenant's users
     * @param heap the child's heap option
     * @param out where to print
     * @return what the child did
     * @throws Exception if the child cannot be started
     */
    public static Result run(int users, String heap, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("export-heap");
        try (MicrosoftCloudSimulator sim = MicrosoftCloudSimulator.builder().seed(7).start()) {
            long t0 = System.nanoTime();
            SimulatedTenant t = sim.tenant(TENANT).displayName("Big").domain("big.onmicrosoft.com")
                    .sku(Sku.OFFICE_365_E5, users);
            t.app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                    .grant(GraphPermission.USER_READ_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
                    .secret(Secret.of(SECRET), Instant.now().plus(Duration.ofDays(1)));
            for (int i = 0; i < users; i++) {
                UUID u = t.addUser(String.format("user%06d@big.onmicrosoft.com", i), "User " + i, "SG",
                        Sku.OFFICE_365_E5);
                PhoneNumber n = PhoneNumber.parse("+65" + (60_000_000L + i));
                t.addNumber(n, SimulatedTenant.NumberType.OPERATOR_CONNECT);
                t.assignNumber(n, u, i % 10 == 0 ? String.format("3f2504e0-4f89-41d3-9a0c-0305e82c33%02d", i % 97)
                        : null);
            }
            Duration seeded = Duration.ofNanos(System.nanoTime() - t0);
            Path trust = dir.resolve("trust.p12");
            try (OutputStream o = Files.newOutputStream(trust)) {
                sim.trustStore().store(o, "trust".toCharArray());
            }
            Path secret = dir.resolve("secret");
            Files.writeString(secret, SECRET);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), heap, "-cp", System.getProperty("java.class.path"), ExportHeap.class.getName(),
                    "--child", sim.baseUrl(), sim.graphBaseUrl(), trust.toString(), secret.toString(),
                    dir.resolve("backup.csv").toString(), String.valueOf(users)));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] printed;
            try (InputStream in = p.getInputStream()) {
                printed = in.readAllBytes();
            }
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(1, "the child did not finish in 10 minutes", seeded);
            }
            String output = new String(printed, StandardCharsets.UTF_8);
            java.util.Map<String, Long> byEndpoint = new java.util.TreeMap<>();
            sim.journal().entries().forEach(e -> byEndpoint.merge(e.method() + " " + e.endpoint() + " " + e.status(),
                    1L, Long::sum));
            out.printf("seeded %d users in %d ms; child %s:%n%sHTTP requests the simulator answered: %d %s%n", users,
                    seeded.toMillis(), heap, output, sim.journal().httpRequests(), byEndpoint);
            return new Result(p.exitValue(), output, seeded);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The child: export, then validate the file; prints one line. */
    private static int child(String[] a) throws Exception {
        URI login = URI.create(a[1]);
        URI graphUrl = URI.create(a[2]);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(a[3]))) {
            ks.load(in, "trust".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
        Path file = Path.of(a[5]);
        int users = Integer.parseInt(a[6]);
        GraphConnector graph = GraphConnector.builder().cloud(CloudEnvironment.custom(login, graphUrl)).trust(ssl, tm)
                .build();
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        CredentialKey key = new CredentialKey(TENANT, ServiceId.of("oc-main"));
        store.create(key, ClientSecretCredential.of(APP, Secret.of(Files.readString(Path.of(a[4])).strip()),
                Instant.now().plus(Duration.ofDays(1))));
        AssignmentExport export = AssignmentExport.builder().graph(graph).store(store)
                .extensions(new OneRecordPerUser()).build();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long t0 = System.nanoTime();
        AssignmentExport.ExportResult r = export.export(key, file);
        long nanos = System.nanoTime() - t0;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        FileReport checked = BulkFileFormat.standard().validate(file);
        boolean intact = AssignmentExport.verify(file).intact();
        System.out.printf("rows=%d file=%d KB time=%d ms rows/s=%.0f maxHeap=%d MB sumOfHeapPoolPeaks=%d MB "
                + "validates=%s checksum=%s%n", r.rows(), Files.size(file) >> 10, nanos / 1_000_000,
                r.rows() * 1e9 / nanos, Runtime.getRuntime().maxMemory() >> 20, peak >> 20, checked.ok()
                        && checked.rows() == users, intact ? "matches" : "MISMATCH");
        return r.rows() == users && checked.ok() && intact ? 0 : 1;
    }

    /**
     * The operator's records, computed: each user has one extension with two add-ons (a database in production; in
     * memory, 50,000 records would measure the store, not the export).
     */
    static final class OneRecordPerUser implements ExtensionStore {
        @Override
        public Optional<Extension> find(TenantId tenant, String extKey) {
            return Optional.empty();
        }

        @Override
        public void put(Extension extension) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public List<Extension> listByTenant(TenantId tenant) {
            throw new UnsupportedOperationException("an export reads by users, never the whole tenant");
        }

        @Override
        public Map<UUID, List<Extension>> byUsers(TenantId tenant, Collection<UUID> users) {
            Map<UUID, List<Extension>> out = new LinkedHashMap<>();
            for (UUID u : users) {
                out.put(u, List.of(new Extension(tenant, u.toString().replace("-", ""), u, Optional.empty(),
                        List.of("device_import_msteams_OC", "call_recording"), Instant.EPOCH)));
            }
            return out;
        }
    }
}
