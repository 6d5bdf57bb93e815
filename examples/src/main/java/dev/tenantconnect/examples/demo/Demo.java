package dev.tenantconnect.examples.demo;

import dev.tenantconnect.bulk.BulkAssignments;
import dev.tenantconnect.bulk.BulkOptions;
import dev.tenantconnect.bulk.BulkPlan;
import dev.tenantconnect.bulk.BulkReport;
import dev.tenantconnect.core.job.FileJobJournal;
import dev.tenantconnect.bulk.InvalidRows;
import dev.tenantconnect.bulk.NumberPool;
import dev.tenantconnect.bulk.RowOutcome;
import dev.tenantconnect.bulk.RowStatus;
import dev.tenantconnect.core.addon.AddonLicense;
import dev.tenantconnect.core.billing.BillingReport;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.extension.InMemoryExtensionStore;
import dev.tenantconnect.core.inventory.AllocationRequest;
import dev.tenantconnect.core.inventory.CapacityHistory;
import dev.tenantconnect.core.inventory.CapacityReport;
import dev.tenantconnect.core.inventory.ImportResult;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.io.AtomicFile;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.number.NumberTransition;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.resilience.PollingConsistencyPolicy;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.graph.CloudEnvironment;
import dev.tenantconnect.testkit.DemoSeed;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.voice.Connection;
import dev.tenantconnect.voice.TenantConnectClient;
import dev.tenantconnect.voice.VerificationReport;
import dev.tenantconnect.voice.VerifyOptions;
import dev.tenantconnect.voice.enablement.EnableRequest;
import dev.tenantconnect.voice.enablement.EnableResult;
import dev.tenantconnect.voice.enablement.NumberChoice;
import dev.tenantconnect.voice.replication.Replicator;
import dev.tenantconnect.charts.CapacityChart;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * The whole story of the operator help pages, run against the simulated Microsoft cloud with a line per step and
 * the real figures: connect a customer tenant, verify it, stock the number inventory, enable one user, bulk-enable
 * from a generated CSV file, and report capacity, billing and the requests it took. Each step is plain library
 * calls — copy them.
 */
public final class Demo {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean progressBar;
    private int stepNo;

    /**
     * @param out where the story goes
     * @param err where the progress bar and failures go
     * @param progressBar whether to draw the progress bar
     */
    public Demo(PrintWriter out, PrintWriter err, boolean progressBar) {
        this.out = out;
        this.err = err;
        this.progressBar = progressBar;
    }

    /** One step of the story. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private void step(String title, Step body) throws StepFailed {
        stepNo++;
        out.printf("%n[%d] %s%n", stepNo, title);
        out.flush();
        long t0 = System.nanoTime();
        try {
            body.run();
        } catch (Exception e) {
            throw new StepFailed(title, e);
        }
        out.printf("    (%d ms)%n", (System.nanoTime() - t0) / 1_000_000);
        out.flush();
    }

    /** A step that failed, named. */
    private static final class StepFailed extends Exception {
        private static final long serialVersionUID = 1L;

        StepFailed(String step, Exception cause) {
            super(step, cause);
        }
    }

    /**
     * Runs the demo.
     *
     * @param dir where the bulk file, its results and the job journal go
     * @param users users in the customer tenant
     * @param rows rows in the bulk file
     * @return 0 when every step worked, 1 otherwise (the failed step is printed)
     */
    public int run(Path dir, int users, int rows) {
        long start = System.nanoTime();
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        Secret secret = Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        CredentialKey key = new CredentialKey(DemoSeed.CUSTOMER, ServiceId.of("oc-main"));
        Ctx c = new Ctx();
        try {
            step("Start the simulated Microsoft cloud (Entra, Graph, operator provisioning API) with a customer "
                    + "tenant of " + users + " users", () -> {
                        c.sim = MicrosoftCloudSimulator.builder().start();
                        DemoSeed.apply(c.sim, users, secret);
                        out.println("    " + c.sim.baseUrl() + " — every 5th user has no Teams Phone licence");
                    });
            ResiliencePolicies policies = ResiliencePolicies.builder(Clock.systemUTC(), Sleeper.system())
                    .consistency(PollingConsistencyPolicy.builder().initialDelay(Duration.ofMillis(20))
                            .maxDelay(Duration.ofMillis(200)).confirmationDelay(Duration.ofMillis(10))
                            .totalBudget(Duration.ofSeconds(30)).maxPolls(300).build()).build();
            step("Connect the customer tenant with the operator app's client secret", () -> {
                c.store = new InMemoryCredentialStore();
                c.inventory = new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT,
                        Clock.systemUTC()), Clock.systemUTC(), new SplittableRandom());
                // one root client: the wiring once (cloud, stores, operator API, policies); every service shares it
                c.client = TenantConnectClient.builder()
                        .cloud(CloudEnvironment.custom(URI.create(c.sim.baseUrl()), URI.create(c.sim.graphBaseUrl())))
                        .connectorOptions(g -> g.trust(c.sim.sslContext(), c.sim.trustManager()))
                        .credentials(c.store).inventory(c.inventory).extensions(c.extensions)
                        .acgProvisioning(URI.create(c.sim.provisioningBaseUrl()),
                                MicrosoftCloudSimulator.PROVISIONING_SCOPE, DemoSeed.OPERATOR,
                                ClientSecretCredential.of(DemoSeed.OPERATOR_APP, secret,
                                        Instant.now().plus(Duration.ofDays(180))))
                        .resilience(policies).actor("demo").build();
                Connection conn = c.client.connections().connect(key, ClientSecretCredential.of(DemoSeed.CUSTOMER_APP, secret,
                        Instant.now().plus(Duration.ofDays(180))));
                out.println("    connected '" + conn.organization().displayName() + "' ("
                        + conn.organization().id() + "): " + conn.grantedPermissions().size()
                        + " Graph permissions granted");
            });
            step("Verify the connection: roles, permissions, licences, consent, secret expiry", () -> {
                VerificationReport report = c.client.verification().verify(key, VerifyOptions.operatorConnect());
                report.toText().lines().forEach(l -> out.println("    " + l));
            });
            step("Stock the number inventory with the operator's numbers", () -> {
                List<PhoneNumber> all = new ArrayList<>();
                DemoSeed.NUMBERS.forEach(all::add);
                int forApps = 10;
                ImportResult users1 = c.inventory.importNumbers(all.subList(0, all.size() - forApps),
                        NumberAttributes.of("SG", "656789", NumberType.OPERATOR_CONNECT, NumberUsage.USER), "demo");
                ImportResult apps = c.inventory.importNumbers(all.subList(all.size() - forApps, all.size()),
                        NumberAttributes.of("SG", "656789", NumberType.OPERATOR_CONNECT,
                                NumberUsage.VOICE_APPLICATION), "demo");
                out.println("    " + users1.added() + " user numbers and " + apps.added() + " voice-app numbers ("
                        + DemoSeed.NUMBERS + ") imported as AVAILABLE");
            });
            step("Enable one user: pick a number, upload it to the tenant, assign it, record the add-ons", () -> {
                EnableResult r = c.client.enablement().enableUser(key, EnableRequest.builder(UserRef.parse("user001@contoso.onmicrosoft.com"),
                        new NumberChoice.Pick(
                                AllocationRequest.lowest(DemoSeed.CUSTOMER, "SG", "demo"))).addonCodes(List.of(AddonLicense.OPERATOR_CONNECT.code(), AddonLicense.CALL_RECORDING.code())).build());
                if (!r.succeeded()) {
                    throw new IllegalStateException(r.toString()); // names the step and every problem
                }
                PhoneNumber n = r.number().orElseThrow();
                out.println("    user001 now has " + n.e164() + " (Teams operation " + r.operationId().orElse("-")
                        + ")");
                out.println("    its history: " + c.inventory.history(n).stream().map(NumberTransition::to)
                        .map(NumberState::name).collect(Collectors.joining(" -> ")));
                r.warnings().forEach(w -> out.println("    warning: " + w));
            });
            step("Bulk-enable " + rows + " users from a generated CSV file", () -> {
                Path csv = dir.resolve("bulk-users.csv");
                AtomicFile.write(csv, o -> o.write(bulkFile(rows).getBytes(StandardCharsets.UTF_8)));
                BulkAssignments bulk = BulkAssignments.of(c.client, new FileJobJournal(dir.resolve("jobs")));
                var fileCheck = bulk.validate(csv);
                out.println("    " + csv + ": " + fileCheck.rows() + " rows, file checks without a tenant: "
                        + fileCheck.problemCount() + " problems");
                BulkPlan plan = bulk.plan(csv, key, BulkOptions.defaults().withConcurrency(8)
                        .withNumberPool(NumberPool.operatorConnect("SG")).withInvalidRows(InvalidRows.SKIP_ROWS));
                out.println("    plan: " + plan.toText().lines().findFirst().orElse(""));
                plan.problems().stream().limit(3).forEach(p -> out.println("      " + p));
                if (plan.problems().size() > 3) {
                    out.println("      ... and " + (plan.problems().size() - 3) + " more like these");
                }
                BulkReport report;
                if (progressBar) {
                    try (ProgressBar bar = new ProgressBarBuilder().setTaskName("bulk").setInitialMax(plan.rows()
                            .size()).setConsumer(new DelegatingProgressBarConsumer(s -> {
                                err.print('\r' + s);
                                err.flush();
                            })).build()) {
                        report = bulk.run(plan, p -> bar.stepTo(p.finished()));
                    }
                    err.println();
                } else {
                    report = bulk.run(plan, p -> { });
                }
                out.println("    " + report.count(RowStatus.DONE) + " done, " + report.count(RowStatus.SKIPPED)
                        + " skipped, " + report.count(RowStatus.FAILED) + " failed, in " + report.elapsed().toMillis()
                        + " ms");
                out.println("    results file: " + report.resultsFile());
                report.outcomes().stream().filter(o -> o.status() == RowStatus.FAILED).limit(1)
                        .forEach((RowOutcome o) -> out.println("      e.g. line " + o.line() + ": " + o.error()
                                + "\n        -> " + o.remediation()));
                BulkPlan again = bulk.plan(csv, key, plan.options());
                out.println("    planning the same file again: " + again.writes() + " writes (finished rows are "
                        + "recognised, never applied twice)");
            });
            step("Replicate the tenant (background replication), then again: only what changed", () -> {
                Replicator replicator = c.client.replication();
                long before = c.sim.journal().httpRequests();
                Replicator.Result first = replicator.replicate(key);
                long firstCost = c.sim.journal().httpRequests() - before;
                Replicator.Result second = replicator.replicate(key);
                long secondCost = c.sim.journal().httpRequests() - before - firstCost;
                out.println("    first run: " + first.users() + " users, " + first.numbers().size() + " numbers in the "
                        + "tenant, " + firstCost + " HTTP requests");
                out.println("    second run: " + second.usersChanged() + " users changed, " + secondCost
                        + (secondCost == 1 ? " HTTP request (the user changes and the numbers in one JSON batch); "
                                : " HTTP requests; ")
                        + second.drift().size() + " drift findings");
                second.drift().stream().limit(3).forEach(f -> out.println("      " + f.kind() + " -> " + f.suggested()));
            });
            step("Capacity of the number inventory", () -> {
                CapacityReport cap = c.client.reports().capacity(Duration.ofDays(30));
                out.println("    " + cap.total() + " numbers: " + new TreeMap<>(cap.byState()).entrySet().stream()
                        .filter(e -> e.getValue() > 0).map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
                out.printf("    utilisation %.1f %%, %.0f allocations/day, %s%n", cap.utilisation() * 100,
                        cap.allocationsPerDay(), cap.daysUntilExhaustion().isPresent()
                                ? String.format("%.1f days until the pool is exhausted at this rate",
                                        cap.daysUntilExhaustion().getAsDouble()) : "no exhaustion in sight");
                CapacityHistory history = new CapacityHistory(); // a scheduler records one snapshot a day
                c.client.reports().recordCapacity(history, Duration.ofDays(30)); // today, by the client's clock
                Path chart = dir.resolve("capacity.png");
                CapacityChart.png(history, chart, 900, 450);
                out.println("    capacity chart: " + chart + " (one point per day; this demo has one day)");
            });
            step("Billing for today so far: user-days and peak users per add-on", () -> {
                Instant now = Instant.now();
                BillingReport report = c.client.reports().billing(now.truncatedTo(ChronoUnit.DAYS), now.plusMillis(1));
                out.println("    " + c.client.usage().eventsBefore(now.plusMillis(1)).size() + " usage events");
                report.lines().forEach(l -> out.printf("    %-42s %5d users (peak), %8.4f user-days%n", l.addonCode(),
                        l.peakUsers(), l.userDays()));
            });
            step("What it all cost in requests to the simulated cloud", () -> {
                var journal = c.sim.journal();
                out.println("    " + journal.httpRequests() + " HTTP requests, " + journal.count("graph.batch")
                        + " of them $batch look-ups, " + journal.tokenRequests(DemoSeed.CUSTOMER)
                        + " token requests for the customer tenant, " + journal.countStatus(429) + " answered 429");
            });
            out.printf("%nDemo finished in %.1f s.%n", (System.nanoTime() - start) / 1e9);
            out.flush();
            return 0;
        } catch (StepFailed e) {
            out.flush();
            err.println("Demo FAILED at step [" + stepNo + "] " + e.getMessage() + ": " + e.getCause());
            err.flush();
            return 1;
        } finally {
            if (c.sim != null) {
                c.sim.close();
            }
        }
    }

    /**
     * Users 2..rows+1: every third row picks its number (license_number); the rest name one, from the top of the
     * user pool down (picks take the lowest, so they never meet).
     */
    static String bulkFile(int rows) {
        StringBuilder b = new StringBuilder("Ext Key,Number,User,Addon license 1,Addon license 2,Addon license 3\r\n");
        List<PhoneNumber> numbers = new ArrayList<>();
        DemoSeed.NUMBERS.forEach(numbers::add);
        for (int i = 0; i < rows; i++) {
            int user = i + 2;
            boolean pick = i % 3 == 2;
            String number = pick ? "" : numbers.get(numbers.size() - 11 - i).digits();
            b.append(100 + user).append(',').append(number).append(',')
                    .append(String.format("user%03d@contoso.onmicrosoft.com", user)).append(',')
                    .append(AddonLicense.OPERATOR_CONNECT.code()).append(',')
                    .append(pick ? AddonLicense.NUMBER.code() : AddonLicense.CALL_RECORDING.code()).append(',')
                    .append(i % 4 == 0 ? AddonLicense.DNC.code() : "").append("\r\n");
        }
        return b.toString();
    }

    /** What the steps share. */
    private static final class Ctx {
        MicrosoftCloudSimulator sim;
        TenantConnectClient client;
        InMemoryCredentialStore store;
        InMemoryNumberInventory inventory;
        InMemoryExtensionStore extensions = new InMemoryExtensionStore();
    }
}
