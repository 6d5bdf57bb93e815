package dev.tenantconnect.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.examples.cli.ExitCodes;
import dev.tenantconnect.examples.cli.TenantConnectCli;
import dev.tenantconnect.testkit.DemoSeed;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
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
            .seededWith(sim -> DemoSeed.apply(sim, 20, Secret.of(SECRET)));

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TenantConnectCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
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
                "3   could not reach Microsoft");
        assertThat(cli("bulk", "validate", "--help").out()).contains("Check a bulk file without a tenant");
    }

    @Test
    void a_usage_error_exits_2_and_says_what_is_wrong() {
        Run r = cli("verify", "--tenant", DemoSeed.CUSTOMER.toString(), "--no-such-option");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Unknown option(s): '--no-such-option'", "Usage: tenantconnect verify");
        assertThat(cli("verify").err()).contains("Missing required option: '--tenant=<tenant>'");
        assertThat(cli("verify", "--tenant", "not-a-guid").exit()).isEqualTo(ExitCodes.USAGE);
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
        Run r = cli(concat(concat(new String[] {"verify"}, simulatorCloud(CLOUD.simulator())), "--secret-file",
                secret.toString()));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("PASS    directory-roles", "PASS    token");
        assertThat(r.out()).doesNotContain(SECRET);
    }

    @Test
    void a_wrong_secret_exits_3_with_a_message_that_says_what_to_fix() throws Exception {
        Path secret = dir.resolve("wrong.txt");
        Files.writeString(secret, "not-the-secret");
        Run r = cli(concat(concat(new String[] {"connect"}, simulatorCloud(CLOUD.simulator())), "--secret-file",
                secret.toString()));
        assertThat(r.exit()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).contains("Entra ID refused the credential", "hint: check that --secret-env/--secret-file "
                + "holds the client secret's value").doesNotContain("not-the-secret");
    }

    @Test
    void secrets_never_come_from_the_command_line() {
        Run r = cli("connect", "--tenant", DemoSeed.CUSTOMER.toString(), "--client-id",
                DemoSeed.CUSTOMER_APP.toString(), "--secret", "hunter2");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Unknown option(s): '--secret' (secrets are read from --secret-env or "
                + "--secret-file, never from the command line)").doesNotContain("hunter2");
    }
}
