package dev.tenantconnect.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README command 1 as a user runs it: {@code java -jar examples/target/tenantconnect.jar demo}. */
class DemoJarIT {
    @TempDir
    Path dir;

    @Test
    void java_jar_demo_runs_the_story_and_exits_0() throws Exception {
        Path jar = Path.of("target", "tenantconnect.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path log = dir.resolve("demo.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "demo", "--users", "80", "--rows", "40", "--no-progress").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("the demo finishes well under a minute").isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("[10] What it all cost in requests", "Demo finished in")
                .doesNotContain("Exception", "FAILED");
        assertThat(dir.resolve("tenantconnect-demo").resolve("bulk-users.results.csv")).exists();
    }
}
