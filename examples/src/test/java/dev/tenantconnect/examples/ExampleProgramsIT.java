package dev.tenantconnect.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every example program runs on its own as the README says — {@code java -cp examples/target/tenantconnect.jar
 * dev.tenantconnect.examples.programs.NAME} — in a child JVM, exits 0 and prints what its comment promises.
 */
class ExampleProgramsIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ConnectAndVerify      | PASS    directory-roles",
        "EnableOneUser         | enabled with +6567891200",
        "BulkFromCsv           | 3 rows: 2 to apply, 0 already done, 1 invalid",
        "ReplicateAllTenants   | run 2: ",
        "CustomCredentialStore | a write from a stale read is refused",
        "OwnOperatorApi        | refused +6567891251: "})
    void runs_on_its_own(String program, String promised) throws Exception {
        Path jar = Path.of("target", "tenantconnect.jar").toAbsolutePath();
        Path log = dir.resolve(program + ".log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", jar.toString(),
                "dev.tenantconnect.examples.programs." + program).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as(program + " finishes").isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains(promised).doesNotContain("Exception");
    }
}
