package dev.tenantconnect.examples;

import static dev.tenantconnect.examples.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.examples.CliTest.Run;
import dev.tenantconnect.testkit.DemoSeed;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code app-registration invitations}: kept in the database across commands, completed by an admin's sign-in. */
class InvitationCliTest {
    static final String OPERATOR_PUBLIC_CLIENT = "5f0e5d3c-7a1b-4c2d-9e8f-0a1b2c3d4e5f";

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create()
            .seededWith(sim -> DemoSeed.apply(sim, 5, Secret.of("invitation-cli-test-secret")));

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

    private String[] stored() throws Exception {
        Path key = dir.resolve("store.key");
        if (!Files.exists(key)) {
            Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
            Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        return new String[] {"--store", "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(), "--store-key-file",
            key.toString(), "--allow-custom-cloud-with-stored-credentials"};
    }

    private String[] cloud(MicrosoftCloudSimulator sim) throws Exception {
        Path pem = dir.resolve("sim.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(
                sim.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
        return new String[] {"--cloud", "custom", "--login-url", sim.baseUrl(), "--graph-url", sim.graphBaseUrl(),
            "--trust-cert", pem.toString()};
    }

    private static String[] args(String[]... parts) {
        return Stream.of(parts).flatMap(Stream::of).toArray(String[]::new);
    }

    @Test
    void invitations_outlive_the_command_names_are_claimed_per_service_and_completion_connects() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        String tenant = DemoSeed.CUSTOMER.toString();
        Run created = cli(args(new String[] {"app-registration", "invitations", "create", "--tenant", tenant,
            "--service", "oc-invite", "--name", "OpInvite"}, stored()));
        assertThat(created.exit()).as(created.out() + created.err()).isZero();
        Matcher m = Pattern.compile("^([0-9a-f-]{36}) ").matcher(created.out());
        assertThat(m.find()).as(created.out()).isTrue();
        String id = m.group(1);

        Run taken = cli(args(new String[] {"app-registration", "invitations", "create", "--tenant", tenant,
            "--service", "dr-other", "--name", "opinvite"}, stored()));
        assertThat(taken.exit()).isNotZero();
        assertThat(taken.err()).contains("already used by service oc-invite");

        Run listed = cli(args(new String[] {"app-registration", "invitations", "list", "--tenant", tenant},
                stored()));
        assertThat(listed.out()).contains(id, "OpInvite", "PENDING", "1 invitations");

        Thread admin = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
                while (sim.deviceCodes().pendingUserCodes().isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        return;
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
        Run completed = cli(args(new String[] {"app-registration", "invitations", "complete", "--id", id,
            "--public-client-id", OPERATOR_PUBLIC_CLIENT}, cloud(sim), stored()));
        admin.join(10_000);
        assertThat(completed.exit()).as(completed.out() + completed.err()).isZero();
        assertThat(completed.out()).contains("completed invitation " + id, "connection stored");

        Run shown = cli(args(new String[] {"app-registration", "invitations", "show", "--id", id}, stored()));
        assertThat(shown.out()).contains("COMPLETED", "application  ").doesNotContain("application  -");
    }

    @Test
    void the_wizard_has_no_default_public_client_and_memory_invitations_are_refused() {
        Run noClient = cli("app-registration", "create", "--tenant", DemoSeed.CUSTOMER.toString(), "--name",
                "OpVoice");
        assertThat(noClient.exit()).isEqualTo(2);
        assertThat(noClient.err()).contains("--public-client-id");

        Run memory = cli("app-registration", "invitations", "list", "--tenant", DemoSeed.CUSTOMER.toString(),
                "--store", "memory");
        assertThat(memory.exit()).isEqualTo(2);
        assertThat(memory.err()).contains("invitations must outlive this command", "--store jdbc:");
    }
}
