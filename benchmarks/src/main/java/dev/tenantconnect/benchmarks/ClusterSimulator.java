package dev.tenantconnect.benchmarks;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.testkit.Faults;
import dev.tenantconnect.testkit.JournalEndpoints;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.RequestJournal;
import dev.tenantconnect.testkit.SimulatedTenant;
import dev.tenantconnect.testkit.Sku;
import dev.tenantconnect.testkit.Timing;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;
import java.util.Properties;

/**
 * The simulated cloud of {@link ClusterBenchmark}, run in its own process (so its CPU is not the instances'): writes
 * its URLs and certificate to the work folder, prints {@code READY} and answers commands on standard input, one a
 * line:
 * <ul>
 * <li>{@code seed INDEX:USERS,...} — adds benchmark tenants with their users, the benchmark's application consented
 * (the secret comes from the environment variable {@code CLUSTER_SECRET}); answers {@code OK};</li>
 * <li>{@code clear} — empties the request journal (each run uses tenants of its own, so fresh throttling buckets);
 * answers {@code OK};</li>
 * <li>{@code stats INDEX} — {@code STATS http-requests answered-429 tenant-answered-429 tenant-accepted
 * tenant-units assignments unassignments}: HTTP requests and 429s since the clear (all tenants), then tenant INDEX's
 * Graph requests answered 429, its Graph requests admitted, and the resource units they cost (what its
 * per-(application, tenant) bucket was charged: a {@code users} read costs 2), then number assignment and
 * unassignment requests (all tenants);</li>
 * <li>{@code timeline INDEX} — per second since the clear, tenant INDEX's admitted and 429-answered Graph requests
 * and the operator's provisioning API requests (all tenants), one line {@code T second admitted throttled
 * provisioning} each, then {@code END};</li>
 * <li>{@code quit}.</li>
 * </ul>
 *
 * <p>Arguments: {@code DIR LATENCY_MS OPERATION_MS RATE BURST} (the per-(application, tenant) throttle: RATE resource
 * units a second, a bucket of BURST).
 */
public final class ClusterSimulator {
    private ClusterSimulator() {
    }

    /**
     * @param args see the class comment
     * @throws Exception when the simulator cannot start
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Duration latency = Duration.ofMillis(Long.parseLong(args[1]));
        Duration operation = Duration.ofMillis(Long.parseLong(args[2]));
        double rate = Double.parseDouble(args[3]);
        int burst = Integer.parseInt(args[4]);
        Secret secret = Secret.of(System.getenv("CLUSTER_SECRET"));
        try (MicrosoftCloudSimulator sim = MicrosoftCloudSimulator.builder().seed(42).timing(Timing.FAST).start()) {
            Instant expiry = Instant.now().plus(Duration.ofDays(1));
            sim.tenant(ClusterBenchmark.OPERATOR).app(ClusterBenchmark.OPERATOR_APP).secret(secret, expiry);
            Faults f = sim.faults();
            f.latency(latency, latency.dividedBy(5)).operationDelay(operation)
                    .provisioningSyncDelay(Duration.ofMillis(200))
                    .throttlePerAppAndTenant(new Faults.Throttling(burst, rate));
            Files.writeString(dir.resolve("simulator-cert.pem"), "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(sim.certificate().getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            Properties urls = new Properties();
            urls.setProperty("login", sim.baseUrl());
            urls.setProperty("graph", sim.graphBaseUrl());
            urls.setProperty("provisioning", sim.provisioningBaseUrl());
            try (var w = Files.newBufferedWriter(dir.resolve("simulator.properties"))) {
                urls.store(w, "the cluster benchmark's simulator");
            }
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            Instant cleared = Instant.now();
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                RequestJournal j = sim.journal();
                if (line.startsWith("seed ")) {
                    for (String spec : line.substring(5).strip().split(",")) {
                        String[] p = spec.split(":");
                        seed(sim, Integer.parseInt(p[0]), Integer.parseInt(p[1]), secret, expiry);
                    }
                    System.out.println("OK");
                } else if (line.equals("clear")) {
                    j.clear();
                    cleared = Instant.now();
                    System.out.println("OK");
                } else if (line.startsWith("stats ")) {
                    TenantId t = ClusterBenchmark.tenantId(Integer.parseInt(line.substring(6).strip()));
                    List<RequestJournal.Entry> graph = graphEntries(j, t);
                    long throttled = graph.stream().filter(e -> e.status() == 429).count();
                    System.out.printf(Locale.ROOT, "STATS %d %d %d %d %d %d %d%n", j.httpRequests(),
                            j.countStatus(429), throttled, graph.size() - throttled, j.unitsAdmitted(t),
                            j.count(JournalEndpoints.GRAPH_NUMBERS_ASSIGN),
                            j.count(JournalEndpoints.GRAPH_NUMBERS_UNASSIGN));
                } else if (line.startsWith("timeline ")) {
                    TenantId t = ClusterBenchmark.tenantId(Integer.parseInt(line.substring(9).strip()));
                    Map<Long, long[]> seconds = new TreeMap<>();
                    for (RequestJournal.Entry e : graphEntries(j, t)) {
                        long sec = Duration.between(cleared, e.at()).getSeconds();
                        seconds.computeIfAbsent(sec, k -> new long[3])[e.status() == 429 ? 1 : 0]++;
                    }
                    for (RequestJournal.Entry e : j.entries(e -> e.api().equals("provisioning"))) {
                        seconds.computeIfAbsent(Duration.between(cleared, e.at()).getSeconds(), k -> new long[3])[2]++;
                    }
                    seconds.forEach((sec, n) -> System.out.printf(Locale.ROOT, "T %d %d %d %d%n", sec, n[0], n[1],
                            n[2]));
                    System.out.println("END");
                } else {
                    System.out.println("ERROR unknown command");
                }
                System.out.flush();
            }
        }
    }

    /** The Graph requests for a tenant in the journal (its most recent 100,000 entries), 429s included. */
    private static List<RequestJournal.Entry> graphEntries(RequestJournal j, TenantId t) {
        return j.entries(e -> e.tenant().filter(t::equals).isPresent()
                && (e.api().equals("graph") || e.api().equals(RequestJournal.BATCHED))
                && !e.endpoint().equals("graph.batch"));
    }

    private static void seed(MicrosoftCloudSimulator sim, int index, int users, Secret secret, Instant expiry) {
        TenantId id = ClusterBenchmark.tenantId(index);
        SimulatedTenant t = sim.tenant(id).domain(ClusterBenchmark.domain(index)).sku(Sku.OFFICE_365_E5, users);
        for (int i = 0; i < users; i++) {
            t.addUser(ClusterBenchmark.upn(index, i), "User " + i, "SG", Sku.OFFICE_365_E5);
        }
        t.app(ClusterBenchmark.APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                .grant(GraphPermission.USER_READ_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
                .secret(secret, expiry);
        sim.consent(id, "SG");
    }
}
