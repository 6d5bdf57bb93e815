package dev.tenantconnect.examples.crash;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tenantconnect.bulk.BulkAssignments;
import dev.tenantconnect.bulk.BulkOptions;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.bulk.NumberPool;
import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.KeyProvider;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.credential.StoreKey;
import dev.tenantconnect.core.extension.Extension;
import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.resilience.PollingConsistencyPolicy;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.resilience.RetryingTransportPolicy;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.core.tenant.TenantNumber;
import dev.tenantconnect.jdbc.JdbcCredentialStore;
import dev.tenantconnect.jdbc.JdbcExtensionStore;
import dev.tenantconnect.jdbc.JdbcJobJournal;
import dev.tenantconnect.jdbc.JdbcNumberInventory;
import dev.tenantconnect.jdbc.JdbcStores;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatedTenant;
import dev.tenantconnect.testkit.Sku;
import dev.tenantconnect.voice.enablement.UserEnablement;
import dev.tenantconnect.graph.provisioning.AcgProvisioningClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The world of the JDBC crash test, shared by the test (parent JVM) and the bulk run it kills (child JVM): one
 * customer tenant in the simulator, the operator's stores in one database (H2 file or PostgreSQL), the bulk file, and
 * a snapshot of what a run leaves behind — tenant, inventory, extensions, results file — with user IDs written as
 * UPNs and job IDs removed, so that runs in different simulators compare.
 */
final class CrashWorld {
    static final TenantId CUSTOMER = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000c7");
    static final TenantId OPERATOR = TenantId.parse("75f9fed4-d8e9-4c90-bc28-5230000000c7");
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000c7");
    static final ClientId OPERATOR_APP = ClientId.parse("75f9fed4-0000-4000-8000-0000000000c7");
    static final Secret SECRET = Secret.of("jdbc-crash-test-app-secret");
    static final CredentialKey KEY = new CredentialKey(CUSTOMER, ServiceId.of("oc-main"));
    /** The operator's numbers for this test; the file names the first ones and picks the rest from the pool. */
    static final long FIRST = 6591000000L;
    /** A job's lease in the child: the parent takes the job over once it has run out (its clock is set past it). */
    static final Duration LEASE = Duration.ofMinutes(5);
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private CrashWorld() {
    }

    /** Rows of the file that pick their number from the pool (the last ones). */
    static int picked(int rows) {
        return Math.max(1, rows / 4);
    }

    /**
     * Seeds the customer tenant with {@code rows} licensed users, the apps and the consent.
     *
     * @return user object ID to UPN
     */
    static Map<UUID, String> seed(MicrosoftCloudSimulator sim, int rows) {
        SimulatedTenant t = sim.tenant(CUSTOMER).displayName("Contoso").domain("contoso.onmicrosoft.com")
                .sku(Sku.OFFICE_365_E5, rows + 5);
        Map<UUID, String> upns = new HashMap<>();
        for (int i = 0; i < rows; i++) {
            String upn = "crash" + i + "@contoso.onmicrosoft.com";
            upns.put(t.addUser(upn, "Crash " + i, "SG", Sku.OFFICE_365_E5), upn);
        }
        Instant expires = Instant.now().plus(Duration.ofDays(30));
        t.app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                .grant(GraphPermission.USER_READ_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
                .secret(SECRET, expires);
        sim.tenant(OPERATOR).app(OPERATOR_APP).secret(SECRET, expires);
        sim.consent(CUSTOMER, "SG");
        return upns;
    }

    /** Writes the bulk file: each row one user; the first rows name their number, the last pick one. */
    static Path file(Path dir, int rows) {
        StringBuilder b = new StringBuilder("Ext Key,Number,User,Addon license 1,Addon license 2\r\n");
        int named = rows - picked(rows);
        for (int i = 0; i < rows; i++) {
            b.append(5000 + i).append(',').append(i < named ? String.valueOf(FIRST + i) : "").append(",crash")
                    .append(i).append("@contoso.onmicrosoft.com,device_import_msteams_OC,")
                    .append(i < named ? "call_recording" : "license_number").append("\r\n");
        }
        Path f = dir.resolve("crash.csv");
        try {
            Files.writeString(f, b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    /** The numbers the operator stocks: twice the rows, so picking has a choice. */
    static PhoneNumberRange stock(int rows) {
        return PhoneNumberRange.parse("+" + FIRST + "..+" + (FIRST + 2L * rows - 1));
    }

    /** The same key in both JVMs: a test key, fixed. */
    static KeyProvider keys() {
        byte[] raw = new byte[32];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (0x5a ^ i);
        }
        StoreKey key = StoreKey.of(raw);
        return () -> key;
    }

    /**
     * @param url a jdbc:h2: or jdbc:postgresql: URL
     * @return a small pool over it, as an application would configure one
     */
    static HikariDataSource pool(String url) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        if (url.startsWith("jdbc:postgresql:")) {
            c.setUsername("postgres");
        }
        c.setMaximumPoolSize(12);
        c.setMinimumIdle(0);
        return new HikariDataSource(c);
    }

    /** Migrates a fresh database and stocks it: the numbers and the tenant's connection. */
    static void prepare(DataSource ds, int rows) {
        JdbcStores.migrate(ds);
        inventory(ds).importNumbers(stock(rows), NumberAttributes.of("SG", "6591", NumberType.OPERATOR_CONNECT,
                NumberUsage.USER), "test");
        new JdbcCredentialStore(ds, keys(), Clock.systemUTC()).create(KEY, ClientSecretCredential.of(APP, SECRET,
                Instant.now().plus(Duration.ofDays(30))));
    }

    static JdbcNumberInventory inventory(DataSource ds) {
        return new JdbcNumberInventory(ds, new NumberLifecycle(QuarantinePolicy.DEFAULT, Clock.systemUTC()),
                Clock.systemUTC(), new SplittableRandom(1));
    }

    /** Fast polling: the simulator answers at once. */
    static ResiliencePolicies policies() {
        return ResiliencePolicies.builder(Clock.systemUTC(), Sleeper.system())
                .transport(RetryingTransportPolicy.builder().baseDelay(Duration.ofMillis(20)).build())
                .consistency(PollingConsistencyPolicy.builder().initialDelay(Duration.ofMillis(5))
                        .maxDelay(Duration.ofMillis(50)).confirmationDelay(Duration.ofMillis(5))
                        .totalBudget(Duration.ofSeconds(20)).maxPolls(400).build()).build();
    }

    /** The bulk service on the JDBC stores; {@code journalClock} decides when the child's lease has run out. */
    static Wired wire(GraphConnector graph, URI provisioning, DataSource ds, Clock journalClock) {
        return wire(graph, provisioning, ds, journalClock, LEASE);
    }

    /** The bulk service on the JDBC stores, with job and work-unit leases of {@code lease}. */
    static Wired wire(GraphConnector graph, URI provisioning, DataSource ds, Clock journalClock, Duration lease) {
        JdbcCredentialStore store = new JdbcCredentialStore(ds, keys(), Clock.systemUTC());
        JdbcNumberInventory inventory = inventory(ds);
        AcgProvisioningClient acg = AcgProvisioningClient.builder().connector(graph)
                .endpoint(provisioning, MicrosoftCloudSimulator.PROVISIONING_SCOPE)
                .operator(OPERATOR, ClientSecretCredential.of(OPERATOR_APP, SECRET, Instant.now().plusSeconds(3600)))
                .build();
        UserEnablement enablement = UserEnablement.builder().graph(graph).store(store).inventory(inventory)
                .provisioning(acg).resilience(policies()).build();
        JdbcJobJournal journal = new JdbcJobJournal(ds, journalClock, lease);
        JdbcExtensionStore extensions = new JdbcExtensionStore(ds);
        BulkAssignments bulk = BulkAssignments.builder().graph(graph).store(store).inventory(inventory)
                .enablement(enablement).extensions(extensions).journal(journal).build();
        return new Wired(inventory, extensions, journal, bulk);
    }

    /** The wired stores and service. */
    record Wired(JdbcNumberInventory inventory, JdbcExtensionStore extensions, JobJournal journal,
            BulkAssignments bulk) {
    }

    static BulkOptions options() {
        return BulkOptions.defaults().withConcurrency(8).withNumberPool(NumberPool.operatorConnect("SG"));
    }

    /**
     * What a run leaves behind, in words that compare across simulators and jobs.
     *
     * @param tenant every number in the tenant: type, assignment, activation, holder (UPN), provisioning status
     * @param inventory every stocked number: state, failure, tenant, reservation holder
     * @param extensions every extension of the tenant: user, number, add-ons
     * @param results the results file, line by line
     * @param untracked numbers in the tenant that the inventory does not have in it (must be none)
     */
    record Snapshot(Map<String, String> tenant, Map<String, String> inventory, Map<String, String> extensions,
            List<String> results, List<String> untracked) {
    }

    static Snapshot snapshot(MicrosoftCloudSimulator sim, GraphConnector graph, Wired w, Map<UUID, String> upns,
            Path results, int rows, String jobId) throws IOException {
        Map<String, String> tenant = new TreeMap<>();
        Map<String, String> inventory = new TreeMap<>();
        List<String> untracked = new java.util.ArrayList<>();
        List<TenantNumber> inTenant = graph.teamsNumbers(CUSTOMER, ClientSecretCredential.of(APP, SECRET,
                Instant.now().plusSeconds(3600))).list(Optional.empty());
        for (TenantNumber n : inTenant) {
            tenant.put(n.number().toString(), n.numberType() + " " + n.assignmentStatus() + " " + n.activationState()
                    + " " + n.assignmentTarget().map(upns::get).orElse("-") + " provisioning "
                    + sim.provisioningStatus(n.number()).orElse("-"));
            Optional<InventoryNumber> tracked = w.inventory().find(n.number());
            boolean ok = tracked.isPresent() && tracked.get().tenant().equals(Optional.of(CUSTOMER))
                    && switch (tracked.get().status().state()) {
                        case IN_TENANT, ASSIGNING, ASSIGNED, UNASSIGNING -> true;
                        default -> false;
                    };
            if (!ok) {
                untracked.add(n.number() + " (" + tracked.map(x -> x.status().state().name()).orElse("unknown")
                        + ")");
            }
        }
        for (PhoneNumber n : stock(rows)) {
            InventoryNumber x = w.inventory().find(n).orElseThrow();
            inventory.put(n.toString(), x.status().state() + x.status().failureReason().map(r -> " (" + r + ")")
                    .orElse("") + " " + x.tenant().map(TenantId::toString).orElse("-") + " " + x.reservation()
                            .map(r -> r.holder().replace(jobId, "JOB")).orElse("-"));
        }
        Map<String, String> extensions = new TreeMap<>();
        for (Extension e : w.extensions().listByTenant(CUSTOMER)) {
            extensions.put(e.extKey(), upns.get(e.user()) + " " + e.number().map(PhoneNumber::toString).orElse("-")
                    + " " + e.addonCodes());
        }
        List<String> lines = Files.readAllLines(results).stream().map(l -> upnsFor(l, upns)).toList();
        return new Snapshot(tenant, inventory, extensions, lines, untracked);
    }

    private static String upnsFor(String line, Map<UUID, String> upns) {
        Matcher m = UUID_TEXT.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(upns.getOrDefault(UUID.fromString(m.group()),
                    m.group())));
        }
        return m.appendTail(out).toString();
    }
}
