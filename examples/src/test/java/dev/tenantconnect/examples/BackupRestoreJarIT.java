package dev.tenantconnect.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.examples.cli.ExitCodes;
import dev.tenantconnect.leaks.LeakScanner;
import dev.tenantconnect.testkit.DemoSeed;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore as a user runs it, each command a {@code java -jar tenantconnect.jar} child process against the
 * simulator: a bulk run builds the tenant, {@code numbers export} backs it up, {@code bulk validate} checks the
 * checksum (and notices a changed file), {@code users disable} loses an assignment, {@code bulk plan} shows the one
 * row to restore and {@code bulk run} restores it.
 */
class BackupRestoreJarIT {
    static final String SECRET = "backup-it-secret-value";

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create()
            .seededWith(sim -> DemoSeed.apply(sim, 20, Secret.of(SECRET)));

    @TempDir
    Path dir;

    /** What one child process printed and returned. */
    record Run(int exit, String out) {
    }

    private Run jar(String... args) throws Exception {
        Path jar = Path.of("target", "tenantconnect.jar").toAbsolutePath();
        assertThat(jar).exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "run", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("tenantconnect %s finishes", args[0]).isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        LeakScanner.scan("output of 'tenantconnect " + String.join(" ", args) + "'", out);
        return new Run(p.exitValue(), out);
    }

    private static String[] concat(String[]... parts) {
        List<String> all = new ArrayList<>();
        for (String[] p : parts) {
            all.addAll(List.of(p));
        }
        return all.toArray(String[]::new);
    }

    @Test
    void export_validate_plan_and_run_restore_what_was_lost() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        Path pem = dir.resolve("sim.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(
                sim.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, SECRET);
        Path key = dir.resolve("store.key");
        Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String tenant = DemoSeed.CUSTOMER.toString();
        String[] stored = {"--store", "jdbc:h2:file:" + dir.resolve("platform").toAbsolutePath() + ";DB_CLOSE_DELAY=0",
            "--store-key-file", key.toString()};
        String[] cloud = {"--cloud", "custom", "--login-url", sim.baseUrl(), "--graph-url", sim.graphBaseUrl(),
            "--trust-cert", pem.toString(), "--allow-custom-cloud-with-stored-credentials"};
        String[] operator = {"--provisioning-url", sim.provisioningBaseUrl(), "--provisioning-scope",
            MicrosoftCloudSimulator.PROVISIONING_SCOPE, "--operator-tenant", DemoSeed.OPERATOR.toString(),
            "--operator-client-id", DemoSeed.OPERATOR_APP.toString(), "--operator-secret-file", secret.toString()};
        Run connected = jar(concat(new String[] {"connect", "--tenant", tenant, "--client-id",
            DemoSeed.CUSTOMER_APP.toString(), "--secret-file", secret.toString()}, cloud, stored));
        assertThat(connected.exit()).as(connected.out()).isZero();
        assertThat(jar(concat(new String[] {"numbers", "import", "+6567891200..+6567891299", "--country", "SG"},
                stored)).exit()).isZero();
        Path users = dir.resolve("users.csv");
        Files.writeString(users, "Ext Key,Number,User,Addon license 1,Addon license 2\n"
                + "101,6567891210,user001@contoso.onmicrosoft.com,device_import_msteams_OC,call_recording\n"
                + "102,6567891211,user002@contoso.onmicrosoft.com,device_import_msteams_OC,team_chat\n"
                + "103,6567891212,user003@contoso.onmicrosoft.com,device_import_msteams_OC,\n");
        Run built = jar(concat(new String[] {"bulk", "run", users.toString(), "--tenant", tenant, "--no-progress"},
                cloud, stored, operator));
        assertThat(built.exit()).as(built.out()).isZero();

        Path backup = dir.resolve("backup.csv");
        Run exported = jar(concat(new String[] {"numbers", "export", "--tenant", tenant, "--output",
            backup.toString(), "--user-principal-names"}, cloud, stored));
        assertThat(exported.exit()).as(exported.out()).isZero();
        assertThat(exported.out()).contains("exported 3 assignments (3 users, 0 resource accounts)",
                "checksum in backup.csv.sha256");
        String text = Files.readString(backup, StandardCharsets.UTF_8);
        assertThat(text).startsWith("# Tenant Connect assignment backup\n# tenant: " + tenant)
                .contains("101,6567891210,user001@contoso.onmicrosoft.com,device_import_msteams_OC,call_recording,");
        assertThat(Files.readString(dir.resolve("backup.csv.sha256"))).endsWith("  backup.csv\n");

        Run validated = jar("bulk", "validate", backup.toString());
        assertThat(validated.exit()).as(validated.out()).isZero();
        assertThat(validated.out()).contains("3 rows, 3 valid, 0 problems", "backup of tenant " + tenant,
                "checksum matches backup.csv.sha256");
        Path changed = dir.resolve("changed.csv");
        Files.writeString(changed, text.replace("call_recording", "team_chat"));
        Files.copy(dir.resolve("backup.csv.sha256"), dir.resolve("changed.csv.sha256"));
        Run tampered = jar("bulk", "validate", changed.toString());
        assertThat(tampered.exit()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(tampered.out()).contains("CHECKSUM MISMATCH");

        Run nothing = jar(concat(new String[] {"bulk", "plan", backup.toString(), "--tenant", tenant}, cloud,
                stored));
        assertThat(nothing.exit()).as(nothing.out()).isZero();
        assertThat(nothing.out()).contains("3 rows: 0 to apply, 3 already done, 0 invalid");

        // user002 loses the number; the restore plans that one row and brings it back
        String row = text.lines().filter(l -> l.startsWith("102,")).findFirst().orElseThrow();
        String[] cells = row.split(",", -1);
        String userId = cells[cells.length - 2];
        Run disabled = jar(concat(new String[] {"users", "disable", "--tenant", tenant, "--user-id", userId,
            "--number", "+6567891211"}, cloud, stored, operator));
        assertThat(disabled.exit()).as(disabled.out()).isZero();
        Run plan = jar(concat(new String[] {"bulk", "plan", backup.toString(), "--tenant", tenant,
            "--take-over-numbers"}, cloud, stored));
        assertThat(plan.out()).as(plan.out()).contains("3 rows: 1 to apply, 2 already done, 0 invalid");
        Run restored = jar(concat(new String[] {"bulk", "run", backup.toString(), "--tenant", tenant, "--no-progress"},
                cloud, stored, operator));
        assertThat(restored.exit()).as(restored.out()).isZero();
        assertThat(restored.out()).contains("1 done, 2 skipped, 0 failed");
        assertThat(sim.tenant(DemoSeed.CUSTOMER).number(dev.tenantconnect.core.model.PhoneNumber.parse(
                "+6567891211")).orElseThrow().assignmentTarget()).hasValueSatisfying(u -> assertThat(u.toString())
                        .isEqualTo(userId));
    }
}
