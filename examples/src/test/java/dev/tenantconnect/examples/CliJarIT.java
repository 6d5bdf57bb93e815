package dev.tenantconnect.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.examples.cli.ExitCodes;
import dev.tenantconnect.examples.cli.TenantConnectCli;
import dev.tenantconnect.leaks.LeakScanner;
import dev.tenantconnect.testkit.DemoSeed;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code tenantconnect} tool as users run it: {@code java -jar examples/target/tenantconnect.jar ...}, every
 * command a new process with its own data directory ({@code TENANTCONNECT_HOME}), against one simulated cloud. Each
 * run must exit with the documented code, print what the command promises, and leave standard error free of log
 * noise. The last test fails when a command of the tool was never run here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliJarIT {
    static final String SECRET = "cli-jar-it-secret-value";
    /** The operator's own public client the admin signs in through (the CLI has no default). */
    static final String PUBLIC_CLIENT = "5f0e5d3c-7a1b-4c2d-9e8f-0a1b2c3d4e5f";
    static final String TENANT = DemoSeed.CUSTOMER.toString();
    static final Path JAR = Path.of("target", "tenantconnect.jar").toAbsolutePath();
    /** Log lines and stack traces: what standard error must never carry unless asked with --verbose. */
    static final Pattern NOISE = Pattern.compile("(?m)\\b(INFO|DEBUG|TRACE|WARN|WARNING)\\b|SLF4J|Exception|^\\s+at ");

    MicrosoftCloudSimulator sim;
    Path dir;
    Path home;
    Path secretFile;
    final Set<String> commandsRun = new TreeSet<>();

    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {
        Run quiet() {
            assertThat(NOISE.matcher(err).find()).as("standard error carries no log noise:\n" + err).isFalse();
            return this;
        }

        Run exits(int code) {
            assertThat(exit).as("exit code; stdout:\n" + out + "\nstderr:\n" + err).isEqualTo(code);
            return this;
        }
    }

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        assertThat(JAR).as("the shaded jar is built in the package phase").exists();
        sim = MicrosoftCloudSimulator.builder().start();
        DemoSeed.apply(sim, 20, Secret.of(SECRET));
        sim.tenant(DemoSeed.CUSTOMER).app(DemoSeed.CUSTOMER_APP).grant(GraphPermission.APPLICATION_READWRITE_OWNEDBY);
        home = dir.resolve("home");
        secretFile = dir.resolve("secret.txt");
        Files.writeString(secretFile, SECRET + "\n");
        Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
        Path pem = dir.resolve("simulator-cert.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(
                sim.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
        // the profile the simulator writes for the CLI, copied into the data directory as the README says
        Files.createDirectories(home);
        Files.writeString(home.resolve("profile.properties"), dev.tenantconnect.testkit.SimulatorMain.cliProfile(sim,
                pem, java.util.Optional.of(secretFile)));
    }

    @AfterAll
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    @Order(1)
    void a_new_users_walk_through_each_step_a_new_process_with_no_store_option() throws Exception {
        Run connect = tc("connect", "--tenant", TENANT, "--client-id", DemoSeed.CUSTOMER_APP.toString(),
                "--secret-file", secretFile.toString()).exits(ExitCodes.OK).quiet();
        assertThat(connect.out()).contains("connected Contoso (" + TENANT + ")");
        assertThat(connect.err()).as("the generated key is announced once, with where it is and how to keep it")
                .contains("created the store key " + home.resolve("store.key"), "back it up");
        assertThat(Files.getPosixFilePermissions(home)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(home.resolve("store.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Run verify = tc("verify", "--tenant", TENANT).exits(ExitCodes.OK).quiet();
        assertThat(verify.out()).as("the connection stored by the previous process").contains("PASS    token",
                "PASS    directory-roles");
        assertThat(verify.err()).doesNotContain("store key");

        assertThat(tc("numbers", "import", "+6567891200..+6567891299", "--country", "SG").exits(ExitCodes.OK).quiet()
                .out()).contains("100 imported, 0 already present");
        assertThat(tc("users", "enable", "--tenant", TENANT, "--user", "user001@contoso.onmicrosoft.com",
                "--pick-country", "SG").exits(ExitCodes.OK).quiet().out()).contains("enabled with +6567891200");

        Run template = tc("bulk", "template").exits(ExitCodes.OK).quiet();
        assertThat(template.out()).startsWith("Ext Key,Number,User,Addon license 1");
        // the admin edits the template: their users, a number of their own, one picked from the pool
        String header = template.out().lines().findFirst().orElseThrow();
        Path users = dir.resolve("users.csv");
        Files.writeString(users, header + "\n"
                + "201,6567891210,user002@contoso.onmicrosoft.com,device_import_msteams_OC,,,\n"
                + "202,,user003@contoso.onmicrosoft.com,device_import_msteams_OC,license_number,,\n");
        assertThat(tc("bulk", "validate", users.toString()).exits(ExitCodes.OK).quiet().out())
                .startsWith("2 rows, 2 valid, 0 problems");
        assertThat(tc("bulk", "plan", users.toString(), "--tenant", TENANT, "--pool-country", "SG")
                .exits(ExitCodes.OK).quiet().out()).startsWith("2 rows: 2 to apply, 0 already done, 0 invalid");
        Run run = tc("bulk", "run", users.toString(), "--tenant", TENANT, "--pool-country", "SG", "--no-progress")
                .exits(ExitCodes.OK).quiet();
        assertThat(run.out()).contains("2 done, 0 skipped, 0 failed, 0 pending");
        assertThat(dir.resolve("users.results.csv")).exists();

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        Run billing = tc("report", "billing", "--from", today, "--to", tomorrow).exits(ExitCodes.OK).quiet();
        assertThat(billing.out()).startsWith("\"Tenant\",\"Addon\",\"User Days\",\"Peak Users\",\"Events\"\r\n")
                .contains("\"" + TENANT + "\",\"device_import_msteams_OC\",");
        assertThat(tc("report", "billing", "--from", today, "--to", tomorrow, "--json").exits(ExitCodes.OK).quiet()
                .out()).contains("\"tenant\"", TENANT);
        Run audit = tc("report", "audit", "--tenant", TENANT, "--since", today).exits(ExitCodes.OK).quiet();
        assertThat(audit.out()).as("every write of the walk-through, by the CLI's principal, with Graph's IDs")
                .contains("CREDENTIAL_CREATE", "NUMBER_ASSIGN", "SUCCEEDED", "cli:", "request-id=")
                .doesNotContain(Files.readString(secretFile).strip());
    }

    @Test
    @Order(2)
    void every_other_command_prints_what_it_promises_in_text_and_json() throws Exception {
        assertThat(tc("connect", "--tenant", TENANT, "--service", "oc-json", "--client-id",
                DemoSeed.CUSTOMER_APP.toString(), "--secret-file", secretFile.toString(), "--json")
                .exits(ExitCodes.OK).quiet().out()).contains("\"connected\" : true", "\"organization\" : \"Contoso\"");
        assertThat(tc("verify", "--tenant", TENANT, "--json").exits(ExitCodes.OK).quiet().out())
                .contains("\"overall\"");
        assertThat(tc("secrets").exits(ExitCodes.OK).quiet().out()).contains(TENANT + " oc-main APP_REGISTRATION", "PASS");
        assertThat(tc("secrets", "--json").exits(ExitCodes.OK).quiet().out()).contains("\"service\" : \"oc-json\"");

        assertThat(tc("numbers", "import", "+6567891300..+6567891309", "--country", "SG", "--json")
                .exits(ExitCodes.OK).quiet().out()).contains("\"imported\" : 10");
        assertThat(tc("numbers", "list", "--tenant", TENANT).exits(ExitCodes.OK).quiet().out())
                .contains("+6567891200 ASSIGNED", "3 numbers");
        assertThat(tc("numbers", "list", "--tenant", TENANT, "--json").exits(ExitCodes.OK).quiet().out())
                .contains("\"number\" : \"+6567891210\"");
        assertThat(tc("numbers", "allocate", "--tenant", TENANT, "--country", "SG").exits(ExitCodes.OK).quiet()
                .out()).contains("reserved until");
        assertThat(tc("numbers", "allocate", "--tenant", TENANT, "--country", "SG", "--json").exits(ExitCodes.OK)
                .quiet().out()).contains("\"reservedUntil\"");
        assertThat(tc("numbers", "capacity").exits(ExitCodes.OK).quiet().out()).contains("110 numbers;");
        assertThat(tc("numbers", "capacity", "--json").exits(ExitCodes.OK).quiet().out())
                .contains("\"total\" : 110");
        assertThat(tc("numbers", "upload", "+6567891290", "--tenant", TENANT).exits(ExitCodes.OK).quiet().out())
                .contains("+6567891290  in the tenant");
        assertThat(tc("numbers", "upload", "+6567891291", "--tenant", TENANT, "--json").exits(ExitCodes.OK).quiet()
                .out()).contains("\"succeeded\" : true");
        assertThat(tc("numbers", "release", "+6567891290", "--tenant", TENANT).exits(ExitCodes.OK).quiet().out())
                .contains("+6567891290  released; quarantined");
        assertThat(tc("numbers", "release", "+6567891291", "--tenant", TENANT, "--json").exits(ExitCodes.OK)
                .quiet().out()).contains("\"succeeded\" : true");

        var enabled = json(tc("users", "enable", "--tenant", TENANT, "--user", "user004@contoso.onmicrosoft.com",
                "--pick-country", "SG", "--json").exits(ExitCodes.OK).quiet());
        assertThat(enabled.get("succeeded").asBoolean()).isTrue();
        Run refused = tc("users", "enable", "--tenant", TENANT, "--user", "user005@contoso.onmicrosoft.com",
                "--pick-country", "SG").exits(ExitCodes.FINDINGS).quiet();
        assertThat(refused.out()).contains("failed at PREFLIGHT:");
        Run changed = tc("users", "change-number", "--tenant", TENANT, "--user", "user004@contoso.onmicrosoft.com",
                "--old-number", enabled.get("number").asText(), "--pick-country", "SG").exits(ExitCodes.OK).quiet();
        String now = changed.out().replaceAll("(?s).*now has (\\+[0-9]+).*", "$1");
        assertThat(tc("users", "disable", "--tenant", TENANT, "--user-id", enabled.get("user").asText(), "--number",
                now).exits(ExitCodes.OK).quiet().out()).contains("disabled; kept " + now);
        var user001 = json(tc("users", "change-number", "--tenant", TENANT, "--user",
                "user001@contoso.onmicrosoft.com", "--old-number", "+6567891200", "--pick-country", "SG", "--json")
                .exits(ExitCodes.OK).quiet());
        assertThat(json(tc("users", "disable", "--tenant", TENANT, "--user-id", user001.get("user").asText(),
                "--number", user001.get("number").asText(), "--json").exits(ExitCodes.OK).quiet())
                .get("succeeded").asBoolean()).isTrue();

        Path users = dir.resolve("more.csv");
        Files.writeString(users, "Ext Key,Number,User,Addon license 1,Addon license 2\n"
                + "301,,user006@contoso.onmicrosoft.com,device_import_msteams_OC,license_number\n"
                + "302,,user010@contoso.onmicrosoft.com,device_import_msteams_OC,license_number\n");
        Run plan = tc("bulk", "plan", users.toString(), "--tenant", TENANT, "--pool-country", "SG", "--json")
                .exits(ExitCodes.FINDINGS).quiet();
        assertThat(plan.out()).contains("\"toApply\" : 1", "\"invalid\" : 1", "\"line\" : 3");
        Run notRun = tc("bulk", "run", users.toString(), "--tenant", TENANT, "--pool-country", "SG", "--no-progress")
                .exits(ExitCodes.FINDINGS).quiet();
        assertThat(notRun.out()).contains("line 3, column 'User'");
        assertThat(notRun.err()).contains("nothing was written");
        Run run = tc("bulk", "run", users.toString(), "--tenant", TENANT, "--pool-country", "SG", "--skip-invalid",
                "--no-progress", "--json").exits(ExitCodes.FINDINGS).quiet();
        assertThat(run.out()).contains("\"done\" : 1", "\"failed\" : 1", "\"remediation\"");
        String job = run.out().lines().filter(l -> l.contains("\"jobId\"")).findFirst().orElseThrow()
                .replaceAll(".*\"jobId\" : \"([^\"]+)\".*", "$1");
        assertThat(tc("bulk", "resume", job).exits(ExitCodes.FINDINGS).quiet().out())
                .contains("1 done, 0 skipped, 1 failed, 0 pending");
        assertThat(tc("bulk", "resume", job, "--json").exits(ExitCodes.FINDINGS).quiet().out())
                .contains("\"jobId\" : \"" + job + "\"");

        assertThat(tc("retire-previous", "--tenant", TENANT, "--service", "oc-json").exits(ExitCodes.OK).quiet()
                .out()).contains("nothing to retire");
        assertThat(tc("rotate-secret", "--tenant", TENANT, "--service", "oc-json").exits(ExitCodes.OK).quiet().out())
                .contains("rotated: new secret key", "stored as version 2");
        assertThat(tc("rotate-secret", "--tenant", TENANT, "--service", "oc-json").exits(ExitCodes.FINDINGS).quiet()
                .err()).as("a second rotation would forget a live secret").contains("retire it");
        assertThat(tc("retire-previous", "--tenant", TENANT, "--service", "oc-json").exits(ExitCodes.FINDINGS)
                .quiet().out()).contains("not yet: the previous credential stays valid until");
        assertThat(tc("retire-previous", "--tenant", TENANT, "--service", "oc-json", "--grace", "PT0S", "--json")
                .exits(ExitCodes.OK).quiet().out()).contains("\"outcome\" : \"RETIRED\"");
        assertThat(tc("rotate-secret", "--tenant", TENANT, "--service", "oc-json", "--json").exits(ExitCodes.OK)
                .quiet().out()).contains("\"newKeyId\"", "\"version\"");
        assertThat(tc("replicate", "--tenant", TENANT).quiet().out()).contains(TENANT + ": 22 users");
        assertThat(tc("replicate", "--all", "--json").quiet().out()).contains("\"users\" : 22");
        Path history = dir.resolve("capacity.csv");
        assertThat(tc("report", "capacity", "--history", history.toString()).exits(ExitCodes.OK).quiet().out())
                .contains("1 days in");
        assertThat(tc("report", "capacity", "--history", history.toString(), "--json").exits(ExitCodes.OK).quiet()
                .out()).contains("SG");
        Run upgrade = tc("upgrade", "--tenant", TENANT, "--client-id", DemoSeed.CUSTOMER_APP.toString(),
                "--secret-file", secretFile.toString()).exits(ExitCodes.USAGE).quiet();
        assertThat(upgrade.err()).contains("rotate the secret");
    }

    @Test
    @Order(3)
    void app_registration_create_shows_the_admin_a_device_code_and_stores_the_connection() throws Exception {
        Thread admin = approveTheNextDeviceCode();
        Run created = tc("app-registration", "create", "--tenant", TENANT, "--service", "oc-wizard", "--name",
                "OpVoice", "--public-client-id", PUBLIC_CLIENT).exits(ExitCodes.OK);
        admin.join(10_000);
        assertThat(created.out()).contains("created app", "connection stored");
        assertThat(created.err()).contains("devicelogin");
        assertThat(NOISE.matcher(created.err()).find()).as(created.err()).isFalse();
    }

    @Test
    @Order(4)
    void file_problems_name_the_line_and_the_exit_code_says_findings() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "Ext Key,Number,User,Addon license 1\n"
                + "101,6567891230,john@contoso.example,device_import_msteams_oc\n");
        Run r = tc("bulk", "validate", bad.toString()).exits(ExitCodes.FINDINGS).quiet();
        assertThat(r.out()).contains("line 2, column 'Addon license 1': unknown add-on code "
                + "'device_import_msteams_oc'; did you mean 'device_import_msteams_OC'?");
        assertThat(tc("bulk", "validate", bad.toString(), "--json").exits(ExitCodes.FINDINGS).quiet().out())
                .contains("\"line\" : 2", "\"column\" : \"Addon license 1\"");
        Path written = dir.resolve("template.csv");
        assertThat(tc("bulk", "template", written.toString()).exits(ExitCodes.OK).quiet().out())
                .contains("wrote " + written);
        assertThat(written).content().startsWith("Ext Key,Number,User");
    }

    @Test
    @Order(5)
    void usage_errors_exit_2_name_the_problem_and_never_echo_what_may_be_a_secret() {
        Run unknown = tc("nosuchcommand").exits(ExitCodes.USAGE).quiet();
        assertThat(unknown.err()).contains("unknown 'nosuchcommand'", "Run 'tenantconnect --help'");
        assertThat(tc("verfy").exits(ExitCodes.USAGE).err()).contains("Did you mean: verify");
        Run option = tc("numbers", "capacity", "--no-such-option").exits(ExitCodes.USAGE).quiet();
        assertThat(option.err()).contains("unknown option '--no-such-option'");

        String pasted = "Abc8Q~pasted.secret_value-1";
        Run secretOption = tc("connect", "--tenant", TENANT, "--secret", pasted).exits(ExitCodes.USAGE).quiet();
        assertThat(secretOption.err()).contains("unknown option '--secret'", "position 5",
                "never from the command line").doesNotContain(pasted);
        Run stray = tc("secrets", pasted).exits(ExitCodes.USAGE).quiet();
        assertThat(stray.err()).contains("position 2").doesNotContain(pasted);
        Run asVariable = tc("connect", "--tenant", TENANT, "--client-id", DemoSeed.CUSTOMER_APP.toString(),
                "--secret-env", pasted, "--service", "oc-env").exits(ExitCodes.USAGE).quiet();
        assertThat(asVariable.err()).contains("--secret-env takes the NAME of an environment variable")
                .doesNotContain(pasted);
        Run unset = tc("connect", "--tenant", TENANT, "--client-id", DemoSeed.CUSTOMER_APP.toString(),
                "--secret-env", "TENANTCONNECT_IT_UNSET_VARIABLE", "--service", "oc-env").exits(ExitCodes.USAGE)
                .quiet();
        assertThat(unset.err()).contains("the environment variable named by --secret-env is not set")
                .doesNotContain("TENANTCONNECT_IT_UNSET_VARIABLE");
    }

    @Test
    @Order(6)
    void a_value_nobody_gave_stops_before_anything_with_exit_2_naming_the_option_and_the_profile_key()
            throws Exception {
        Path empty = dir.resolve("empty-home");
        Run r = tcIn(empty, Map.of(), "numbers", "upload", "+6567891295", "--tenant", TENANT, "--cloud", "custom",
                "--login-url", sim.baseUrl(), "--graph-url", sim.graphBaseUrl(), "--provisioning-url",
                sim.provisioningBaseUrl()).exits(ExitCodes.USAGE).quiet();
        assertThat(r.err()).contains("--provisioning-scope", "TENANTCONNECT_PROVISIONING_SCOPE",
                "'provisioning-scope=...' to " + empty.resolve("profile.properties"));
        assertThat(empty.resolve("tenantconnect.mv.db")).as("nothing was done, not even the database").doesNotExist();
        Run fromEnv = tcIn(empty, Map.of("TENANTCONNECT_CLOUD", "custom"), "verify", "--tenant", TENANT)
                .exits(ExitCodes.USAGE).quiet();
        assertThat(fromEnv.err()).as("the cloud came from the environment; the login URL is missing")
                .contains("--cloud custom needs --login-url", "TENANTCONNECT_LOGIN_URL");
        Run memory = tcIn(empty, Map.of(), "numbers", "import", "+6567891200..+6567891201", "--country", "SG",
                "--store", "memory").exits(ExitCodes.OK).quiet();
        assertThat(memory.err()).contains("--store memory keeps nothing");
        assertThat(memory.out()).contains("2 imported");
        Path typo = dir.resolve("typo-home");
        Files.createDirectories(typo);
        Files.writeString(typo.resolve("profile.properties"), "clowd=custom\n");
        assertThat(tcIn(typo, Map.of(), "secrets").exits(ExitCodes.USAGE).quiet().err())
                .contains("profile.properties has a key this tool does not know", "'clowd'", "cloud");
        // another process holds the embedded database: said in words, not as an internal error
        try (var held = java.sql.DriverManager.getConnection("jdbc:h2:file:" + home.resolve("tenantconnect"))) {
            assertThat(tc("secrets").exits(ExitCodes.USAGE).quiet().err())
                    .contains("is in use by another tenantconnect command");
            held.createStatement().execute("SHUTDOWN"); // closed for certain: the later tests use this database
        }
    }

    @Test
    @Order(7)
    void help_version_and_completion() {
        Run help = tc("--help").exits(ExitCodes.OK).quiet();
        assertThat(help.out()).contains("Exit codes:", "70", "TENANTCONNECT_HOME", "completion");
        assertThat(tc("help", "bulk").exits(ExitCodes.OK).out()).contains("Usage: tenantconnect bulk");
        assertThat(tc("--version").exits(ExitCodes.OK).out()).contains("tenantconnect ");
        assertThat(tc("completion").exits(ExitCodes.OK).quiet().out()).contains("complete -F", "tenantconnect");
        for (String group : List.of("users", "numbers", "bulk", "report", "app-registration")) {
            assertThat(tc(group).exits(ExitCodes.OK).out()).as(group).contains("Usage: tenantconnect " + group);
        }
    }

    @Test
    @Order(8)
    void the_simulator_runs_as_its_own_process_until_stopped() throws Exception {
        Path state = dir.resolve("sim-state");
        Process p = process(home, Map.of(), "simulator", "--seed", "demo", "--port", "0", "--users", "10",
                "--state-dir", state.toString()).start();
        commandsRun.add("simulator");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.contains("Client secret file")) {
                    break;
                }
            }
            assertThat(String.join("\n", lines)).contains("Simulated Microsoft cloud on https://127.0.0.1:",
                    "Trust (PEM):", "Client secret file (mode 600): " + state.resolve("demo-client-secret"));
        } finally {
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    @Order(9)
    void demo_runs_the_story_and_exits_0() throws Exception {
        Run demo = tc("demo", "--users", "60", "--rows", "30", "--no-progress", "--out", dir.resolve("demo")
                .toString()).exits(ExitCodes.OK).quiet();
        assertThat(demo.out()).contains("[10] What it all cost in requests", "Demo finished in")
                .doesNotContain("FAILED");
        assertThat(dir.resolve("demo").resolve("bulk-users.results.csv")).exists();
    }

    @Test
    @Order(10)
    void invitations_survive_the_process_and_complete_with_the_admins_sign_in() throws Exception {
        Run created = tc("app-registration", "invitations", "create", "--tenant", TENANT, "--service", "oc-invite",
                "--name", "OpInvite").exits(ExitCodes.OK).quiet();
        String id = created.out().strip().split("\\s+")[0];
        assertThat(created.out()).contains("OpInvite", "PENDING");
        assertThat(tc("app-registration", "invitations", "list", "--tenant", TENANT).exits(ExitCodes.OK).quiet()
                .out()).contains(id, "OpInvite");
        assertThat(tc("app-registration", "invitations", "show", "--id", id).exits(ExitCodes.OK).quiet().out())
                .contains("invitation   " + id, "status       PENDING");
        Thread admin = approveTheNextDeviceCode();
        Run completed = tc("app-registration", "invitations", "complete", "--id", id, "--public-client-id",
                PUBLIC_CLIENT).exits(ExitCodes.OK);
        admin.join(10_000);
        assertThat(completed.out()).contains("completed invitation " + id, "connection stored");
        assertThat(tc("app-registration", "invitations", "show", "--id", id).exits(ExitCodes.OK).quiet().out())
                .doesNotContain("status       PENDING");
    }

    @Test
    @Order(11)
    void store_doctor_checks_every_record_and_recover_is_for_file_stores() {
        assertThat(tc("store", "doctor").exits(ExitCodes.OK).quiet().out()).contains("records readable, 0 damaged");
        assertThat(tc("store", "recover").exits(ExitCodes.USAGE).quiet().err()).contains("store recover works on "
                + "--store file:PATH");
    }

    @Test
    @Order(12)
    void numbers_export_writes_a_backup_that_bulk_validate_checks() throws Exception {
        Path backup = dir.resolve("backup.csv");
        Run export = tc("numbers", "export", "--tenant", TENANT, "--output", backup.toString()).exits(ExitCodes.OK)
                .quiet();
        assertThat(export.out()).contains(backup.getFileName().toString());
        assertThat(Files.readString(backup, StandardCharsets.UTF_8)).startsWith("#").contains("Ext Key,Number,User");
        assertThat(tc("numbers", "export", "--tenant", TENANT, "--output", dir.resolve("backup2.csv").toString(),
                "--json").exits(ExitCodes.OK).quiet().out()).contains("\"sha256\"");
        assertThat(tc("bulk", "validate", backup.toString()).exits(ExitCodes.OK).quiet().out()).containsIgnoringCase(
                "checksum");
    }

    /** A customer admin who approves the next device-code sign-in the CLI starts. */
    private Thread approveTheNextDeviceCode() {
        Thread admin = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (sim.deviceCodes().pendingUserCodes().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                if (!sim.deviceCodes().pendingUserCodes().isEmpty()) {
                    sim.deviceCodes().approve(sim.deviceCodes().pendingUserCodes().get(0), DemoSeed.CUSTOMER,
                            dev.tenantconnect.core.model.UserRef.Upn.parse("admin@contoso.onmicrosoft.com"),
                            Set.of(dev.tenantconnect.core.access.DirectoryRole.GLOBAL_ADMINISTRATOR));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        admin.setDaemon(true);
        admin.start();
        return admin;
    }

    @Test
    @Order(100)
    void every_command_of_the_tool_ran_as_its_own_process_here() {
        Set<String> all = new TreeSet<>();
        leaves(TenantConnectCli.commandLine(), "", all);
        assertThat(commandsRun).as("commands run by this class").containsAll(all);
    }

    private static void leaves(CommandLine c, String prefix, Set<String> into) {
        for (var e : c.getSubcommands().entrySet()) {
            String path = (prefix + " " + e.getKey()).strip();
            if (e.getValue().getSubcommands().isEmpty()) {
                into.add(path);
            } else {
                leaves(e.getValue(), path, into);
            }
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode json(Run r) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.out(), e);
        }
    }

    Run tc(String... args) {
        return tcIn(home, Map.of(), args);
    }

    Run tcIn(Path dataDir, Map<String, String> env, String... args) {
        record(args);
        try {
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            Process p = process(dataDir, env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("tenantconnect %s finishes", String.join(" ", args))
                    .isTrue();
            Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err,
                    StandardCharsets.UTF_8));
            LeakScanner.scan("standard output of 'tenantconnect " + args[0] + " ...'", r.out());
            LeakScanner.scan("standard error of 'tenantconnect " + args[0] + " ...'", r.err());
            assertThat(r.out() + r.err()).doesNotContain(SECRET);
            return r;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ProcessBuilder process(Path dataDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile());
        b.environment().keySet().removeIf(k -> k.startsWith("TENANTCONNECT_"));
        b.environment().put("TENANTCONNECT_HOME", dataDir.toString());
        b.environment().putAll(env);
        return b;
    }

    /** Notes which command of the tree a command line runs. */
    private void record(String... args) {
        CommandLine c = TenantConnectCli.commandLine();
        StringBuilder path = new StringBuilder();
        for (String a : args) {
            CommandLine sub = c.getSubcommands().get(a);
            if (sub == null) {
                break;
            }
            path.append(path.length() == 0 ? "" : " ").append(a);
            c = sub;
        }
        if (path.length() > 0) {
            commandsRun.add(path.toString());
        }
    }
}
