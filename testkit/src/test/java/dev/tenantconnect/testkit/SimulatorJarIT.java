package dev.tenantconnect.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator jar on its own, as the README runs it: {@code java -jar tenantconnect-testkit-V-simulator.jar}. */
class SimulatorJarIT {
    @TempDir
    Path dir;

    @Test
    void java_jar_starts_the_seeded_simulator_prints_where_to_connect_and_stops_on_a_signal() throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("tenantconnect-testkit-.*-simulator\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("the simulator jar is built in package"));
        }
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toAbsolutePath().toString(), "--seed", "demo", "--port", "0", "--users", "10", "--state-dir",
                dir.resolve("state").toString()).redirectError(err.toFile()).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.contains("Client secret file")) {
                    break;
                }
            }
        } finally {
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
        assertThat(String.join("\n", lines)).contains("Simulated Microsoft cloud on https://127.0.0.1:",
                "Trust (PEM):", "Demo customer tenant " + DemoSeed.CUSTOMER, "Client secret file (mode 600)");
        assertThat(dir.resolve("state").resolve("simulator-cert.pem")).exists();
        assertThat(dir.resolve("state").resolve("profile.properties")).content().contains("cloud=custom",
                "provisioning-scope=" + MicrosoftCloudSimulator.PROVISIONING_SCOPE, "operator-client-id="
                        + DemoSeed.OPERATOR_APP);
        assertThat(Files.readString(err)).as("no log noise, no missing-binding warning").isEmpty();
    }
}
