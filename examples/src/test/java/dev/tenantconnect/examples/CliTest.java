package dev.tenantconnect.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.examples.cli.ExitCodes;
import dev.tenantconnect.examples.cli.TenantConnectCli;
import dev.tenantconnect.testkit.DemoSeed;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import dev.tenantconnect.leaks.LeakScanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tenantconnect} tool as a user runs it, in process: output and exit codes. */
class CliTest {
    static final String SECRET = "cli-test-secret-value";

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create()
            .seededWith(sim -> {
                DemoSeed.apply(sim, 20, Secret.of(SECRET));
                sim.tenant(DemoSeed.CUSTOMER).app(DemoSeed.CUSTOMER_APP).grant(
                        dev.tenantconnect.core.access.GraphPermission.APPLICATION_READWRITE_OWNEDBY);
            });

    /** The simulator's custom cloud may see the credentials of a persistent store only when this says so. */
    static final String ALLOW_STORED = "--allow-custom-cloud-with-stored-credentials";

    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeAll
    static void ownDataDirectory(@TempDir Path home) {
        // in process, the data directory comes from this property instead of $TENANTCONNECT_HOME
        System.setProperty("tenantconnect.home", home.toString());
    }

    @org.junit.jupiter.api.AfterAll
    static void forgetDataDirectory() {
        System.clearProperty("tenantconnect.home");
    }

    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TenantConnectCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        // the leak scanner fails the class if a registered secret or token appears in what the CLI printed
        String command = args.length == 0 ? "" : args[0];
        LeakScanner.scan("standard output of 'tenantconnect " + command + " ...'", out.toString());
        LeakScanner.scan("standard error of 'tenantconnect " + command + " ...'", err.toString());
        return new Run(exit, out.toString(), err.toString());
    }

    private String[] simulatorCloud(MicrosoftCloudSimulator sim) throws Exception {
        Path pem = dir.resolve("sim.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(
                sim.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
        return new String[] {"--cloud", "custom", "--login-url", sim.baseUrl(), "--graph-url", sim.graphBaseUrl(),
            "--trust-cert", pem.toString(), "--tenant", DemoSeed.CUSTOMER.toString(), "--client-id",
            DemoSeed.CUSTOMER_APP.toString()};
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void help_lists_every_command_and_the_exit_codes() {
        Run r = cli("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("demo", "simulator", "connect", "verify", "secrets", "bulk", "Exit codes",
                "could not reach Microsoft", "70");
        assertThat(cli("bulk", "validate", "--help").out()).contains("Check a bulk file without a tenant");
    }

    @Test
    void a_usage_error_exits_2_and_says_what_is_wrong() {
        Run r = cli("verify", "--tenant", DemoSeed.CUSTOMER.toString(), "--no-such-option");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("unknown option '--no-such-option'", "Run 'tenantconnect verify --help'");
        assertThat(cli("verify").err()).contains("Missing required option: '--tenant=<tenant>'");
        assertThat(cli("verify", "--tenant", "not-a-guid").exit()).isEqualTo(ExitCodes.USAGE);
        Run badProfile = cli("verify", "--tenant", DemoSeed.CUSTOMER.toString(), "--profile", "everything");
        assertThat(badProfile.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(badProfile.err()).contains("--profile must be");
    }

    @Test
    void bulk_template_then_validate_a_good_and_a_broken_file() throws Exception {
        Path t = dir.resolve("sample.csv");
        assertThat(cli("bulk", "template", t.toString()).exit()).isZero();
        Run ok = cli("bulk", "validate", t.toString());
        assertThat(ok.exit()).as(ok.out()).isZero();
        assertThat(ok.out()).startsWith("4 rows, 4 valid, 0 problems");

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "Ext Key,Number,User,Addon license 1\n101,6.56789E+09,john@contoso.example,"
                + "device_import_msteams_oc\n", StandardCharsets.UTF_8);
        Run r = cli("bulk", "validate", bad.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(r.out()).contains("line 2, column 'Number': a spreadsheet turned the number into scientific "
                + "notation", "line 2, column 'Addon license 1': unknown add-on code 'device_import_msteams_oc'; did "
                        + "you mean 'device_import_msteams_OC'?");
        Run json = cli("bulk", "validate", "--json", bad.toString());
        assertThat(json.out()).contains("\"line\" : 2", "\"column\" : \"Number\"");
    }

    @Test
    void verify_against_the_simulator_reads_the_secret_from_a_file_and_reports_every_check() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, SECRET + "\n");
        // the default store (embedded) is persistent: a custom cloud sees its credentials only when allowed
        Run r = cli(concat(concat(new String[] {"verify"}, simulatorCloud(CLOUD.simulator())), "--secret-file",
                secret.toString(), ALLOW_STORED));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("PASS    directory-roles", "PASS    token");
        assertThat(r.out()).doesNotContain(SECRET);
    }

    @Test
    void a_wrong_secret_exits_3_with_a_message_that_says_what_to_fix() throws Exception {
        Path secret = dir.resolve("wrong.txt");
        Files.writeString(secret, "not-the-secret");
        Run r = cli(concat(concat(new String[] {"connect"}, simulatorCloud(CLOUD.simulator())), "--secret-file",
                secret.toString(), ALLOW_STORED));
        assertThat(r.exit()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).contains("Entra ID refused the credential", "hint: check that --secret-env/--secret-file "
                + "holds the client secret's value").doesNotContain("not-the-secret");
    }

    @Test
    void secrets_never_come_from_the_command_line() {
        Run r = cli("connect", "--tenant", DemoSeed.CUSTOMER.toString(), "--client-id",
                DemoSeed.CUSTOMER_APP.toString(), "--secret", "hunter2");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("unknown option '--secret'", "(secrets are read from --secret-env or "
                + "--secret-file, never from the command line)").doesNotContain("hunter2");
    }

    @Test
    void numbers_and_a_bulk_run_against_the_simulator_keep_their_state_in_a_database() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        String store = "jdbc:h2:file:" + dir.resolve("platform").toAbsolutePath() + ";DB_CLOSE_DELAY=0";
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, SECRET);
        Path key = dir.resolve("store.key");
        Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String[] stored = {"--store", store, "--store-key-file", key.toString(),
            "--allow-custom-cloud-with-stored-credentials"};
        assertThat(cli(concat(concat(new String[] {"connect"}, simulatorCloud(sim)), concat(stored, "--secret-file",
                secret.toString()))).exit()).isZero();
        Run imported = cli(concat(new String[] {"numbers", "import", "+6567891200..+6567891299", "--country", "SG"},
                stored));
        assertThat(imported.out()).as(imported.err()).contains("100 imported, 0 already present");

        Path csv = dir.resolve("users.csv");
        Files.writeString(csv, "Ext Key,Number,User,Addon license 1,Addon license 2\n"
                + "101,6567891210,user001@contoso.onmicrosoft.com,device_import_msteams_OC,call_recording\n"
                + "102,,user002@contoso.onmicrosoft.com,device_import_msteams_OC,license_number\n"
                + "105,6567891211,user005@contoso.onmicrosoft.com,device_import_msteams_OC,\n");
        String[] cloud = java.util.Arrays.copyOf(simulatorCloud(sim), 8); // without --tenant and --client-id
        String[] operator = {"--provisioning-url", sim.provisioningBaseUrl(), "--provisioning-scope",
            MicrosoftCloudSimulator.PROVISIONING_SCOPE, "--operator-tenant", DemoSeed.OPERATOR.toString(),
            "--operator-client-id", DemoSeed.OPERATOR_APP.toString(), "--operator-secret-file", secret.toString()};
        String[] target = {csv.toString(), "--tenant", DemoSeed.CUSTOMER.toString(), "--pool-country", "SG"};

        Run plan = cli(concat(concat(concat(new String[] {"bulk", "plan"}, target), cloud), concat(stored, operator)));
        assertThat(plan.exit()).as(plan.out() + plan.err()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(plan.out()).contains("3 rows: 2 to apply, 0 already done, 1 invalid",
                "line 4, column 'User': cannot be enabled for Teams calling");

        Run refused = cli(concat(concat(concat(new String[] {"bulk", "run", "--no-progress"}, target), cloud),
                concat(stored, operator)));
        assertThat(refused.exit()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(refused.err()).contains("nothing was written");

        Run run = cli(concat(concat(concat(new String[] {"bulk", "run", "--no-progress", "--skip-invalid"}, target),
                cloud), concat(stored, operator)));
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(run.out()).contains("2 done, 0 skipped, 1 failed, 0 pending", "line 4:",
                "-> assign a Teams Phone licence");
        assertThat(dir.resolve("users.results.csv")).exists();

        Run capacity = cli(concat(new String[] {"numbers", "capacity", "--json"}, stored));
        assertThat(capacity.exit()).isZero();
        assertThat(capacity.out()).contains("\"ASSIGNED\" : 2", "\"AVAILABLE\" : 98");
        Run listed = cli(concat(new String[] {"numbers", "list", "--tenant", DemoSeed.CUSTOMER.toString()}, stored));
        assertThat(listed.out()).contains("+6567891210 ASSIGNED", "+6567891200 ASSIGNED", "2 numbers");
        Run listedJson = cli(concat(new String[] {"numbers", "list", "--tenant", DemoSeed.CUSTOMER.toString(),
            "--json"}, stored));
        assertThat(listedJson.out()).contains("\"number\" : \"+6567891210\"", "\"state\" : \"ASSIGNED\"");

        String jobId = run.out().lines().filter(l -> l.startsWith("job ")).findFirst().orElseThrow().split(" ")[1]
                .replace(":", "");
        Run resumed = cli(concat(concat(new String[] {"bulk", "resume", jobId}, cloud), concat(stored, operator)));
        assertThat(resumed.out()).as(resumed.err()).contains("2 done, 0 skipped, 1 failed, 0 pending");

        Run enabled = cli(concat(concat(new String[] {"users", "enable", "--tenant", DemoSeed.CUSTOMER.toString(),
            "--user", "user003@contoso.onmicrosoft.com", "--pick-country", "SG", "--addon", "device_import_msteams_OC",
            "--addon", "call_recording"}, cloud), concat(stored, operator)));
        assertThat(enabled.exit()).as(enabled.out() + enabled.err()).isZero();
        assertThat(enabled.out()).contains("enabled with +6567891201");
        Run refusedUser = cli(concat(concat(new String[] {"users", "enable", "--tenant", DemoSeed.CUSTOMER.toString(),
            "--user", "user005@contoso.onmicrosoft.com", "--number", "+6567891299"}, cloud), concat(stored,
                    operator)));
        assertThat(refusedUser.exit()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(refusedUser.out()).contains("failed at PREFLIGHT:", "service plan");
        String user003 = sim.tenant(DemoSeed.CUSTOMER).number(PhoneNumber.parse("+6567891201")).orElseThrow()
                .assignmentTarget().orElseThrow().toString();
        Run disabled = cli(concat(concat(new String[] {"users", "disable", "--tenant", DemoSeed.CUSTOMER.toString(),
            "--user-id", user003, "--number", "+6567891201"}, cloud), stored));
        assertThat(disabled.out()).as(disabled.err()).contains("disabled; kept +6567891201");

        Run changed = cli(concat(concat(new String[] {"users", "change-number", "--tenant",
            DemoSeed.CUSTOMER.toString(), "--user", "user001@contoso.onmicrosoft.com", "--old-number", "+6567891210",
            "--number", "+6567891201", "--json"}, cloud), concat(stored, operator)));
        assertThat(changed.exit()).as(changed.out() + changed.err()).isZero();
        assertThat(changed.out()).contains("\"succeeded\" : true", "\"number\" : \"+6567891201\"");
        Run uploaded = cli(concat(concat(new String[] {"numbers", "upload", "+6567891290..+6567891291", "--tenant",
            DemoSeed.CUSTOMER.toString()}, cloud), concat(stored, operator)));
        assertThat(uploaded.exit()).as(uploaded.out() + uploaded.err()).isZero();
        assertThat(uploaded.out()).contains("+6567891290  in the tenant", "+6567891291  in the tenant");
        assertThat(sim.tenant(DemoSeed.CUSTOMER).number(PhoneNumber.parse("+6567891291"))).isPresent();
        Run released = cli(concat(concat(new String[] {"numbers", "release", "+6567891210", "+6567891201", "--tenant",
            DemoSeed.CUSTOMER.toString()}, cloud), concat(stored, operator)));
        assertThat(released.exit()).as("one number is assigned").isEqualTo(ExitCodes.FINDINGS);
        assertThat(released.out()).contains("+6567891210  released; quarantined",
                "+6567891201  failed: the number is ASSIGNED; disable its user first");
        assertThat(sim.tenant(DemoSeed.CUSTOMER).number(PhoneNumber.parse("+6567891210"))).isEmpty();

        Run rotated = cli(concat(concat(new String[] {"rotate-secret"}, simulatorCloud(sim)), stored));
        assertThat(rotated.exit()).as(rotated.out() + rotated.err()).isZero();
        assertThat(rotated.out()).contains("rotated: new secret key", "stored as version 2").doesNotContain(SECRET);

        Run replicated = cli(concat(concat(new String[] {"replicate", "--tenant", DemoSeed.CUSTOMER.toString()},
                cloud), stored));
        assertThat(replicated.out()).as(replicated.err()).contains(DemoSeed.CUSTOMER + ": 22 users (22 changed, 0 "
                + "removed, full read), 4 numbers");
        Run again = cli(concat(concat(new String[] {"replicate", "--all"}, cloud), stored));
        assertThat(again.out()).as("each CLI run is a new process: the user view starts empty, so it reads all")
                .contains("22 users (22 changed, 0 removed, full read)");
        Run againJson = cli(concat(concat(new String[] {"replicate", "--all", "--json"}, cloud), stored));
        assertThat(againJson.out()).as(againJson.err()).contains("\"users\" : 22", "\"fullRead\" : true");

        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
        Run billing = cli(concat(new String[] {"report", "billing", "--from", today, "--to", tomorrow}, stored));
        Path history = dir.resolve("capacity.csv");
        Path chart = dir.resolve("capacity.png");
        Run capacityReport = cli(concat(new String[] {"report", "capacity", "--history", history.toString(),
            "--image", chart.toString()}, stored));
        assertThat(capacityReport.exit()).as(capacityReport.out() + capacityReport.err()).isZero();
        assertThat(capacityReport.out()).contains("1 days in", "available", "chart: ");
        assertThat(history).content().startsWith("\"Day\",\"Pool\",\"Available\",\"Total\",\"Utilisation\"\r\n");
        assertThat(chart).isNotEmptyFile();
        assertThat(billing.out()).startsWith("\"Tenant\",\"Addon\",\"User Days\",\"Peak Users\",\"Events\"\r\n")
                .contains("\"" + DemoSeed.CUSTOMER + "\",\"device_import_msteams_OC\",",
                        "\"" + DemoSeed.CUSTOMER + "\",\"call_recording\",");
    }

    @Test
    void app_registration_create_signs_the_admin_in_with_a_device_code_and_stores_the_connection() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        String[] cloud = java.util.Arrays.copyOf(simulatorCloud(sim), 8);
        Thread admin = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
                while (sim.deviceCodes().pendingUserCodes().isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        return; // the command failed before asking; its exit code says why
                    }
                    Thread.sleep(20);
                }
                sim.deviceCodes().approve(sim.deviceCodes().pendingUserCodes().get(0), DemoSeed.CUSTOMER,
                        dev.tenantconnect.core.model.UserRef.Upn.parse("admin@contoso.onmicrosoft.com"),
                        java.util.Set.of(dev.tenantconnect.core.access.DirectoryRole.GLOBAL_ADMINISTRATOR));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        admin.setDaemon(true);
        admin.start();
        Path file = dir.resolve("store.bin");
        Path key = dir.resolve("store.key");
        Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String[] stored = {"--store", "file:" + file, "--store-key-file", key.toString(),
            "--allow-custom-cloud-with-stored-credentials"};

        Run created = cli(concat(concat(new String[] {"app-registration", "create", "--tenant",
            DemoSeed.CUSTOMER.toString(), "--service", "oc-wizard", "--name", "OpVoice", "--public-client-id",
            "5f0e5d3c-7a1b-4c2d-9e8f-0a1b2c3d4e5f"}, cloud),
                stored));
        admin.join(10_000);

        assertThat(created.exit()).as(created.out() + created.err()).isZero();
        assertThat(created.err()).as("the admin is told where to sign in").contains("devicelogin");
        assertThat(created.out()).contains("created app", "connection stored");
        Run verify = cli(concat(concat(new String[] {"verify", "--tenant", DemoSeed.CUSTOMER.toString(), "--service",
            "oc-wizard"}, cloud), stored));
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("/oc-wizard", ": PASS", "directory-roles", "graph-permissions");
        Run upgrade = cli(concat(concat(new String[] {"upgrade", "--tenant", DemoSeed.CUSTOMER.toString(),
            "--service", "oc-wizard", "--client-id", DemoSeed.CUSTOMER_APP.toString(), "--secret-env", "PATH"}, cloud),
                stored));
        assertThat(upgrade.exit()).as("an app secret cannot be upgraded further").isNotZero();
        assertThat(upgrade.err()).contains("rotate the secret");
    }
}
