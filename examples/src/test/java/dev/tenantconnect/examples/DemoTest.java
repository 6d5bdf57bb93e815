package dev.tenantconnect.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo, small, in process: every step runs and the story reads as it should. */
class DemoTest {
    @TempDir
    Path dir;

    @Test
    void the_demo_walks_every_step_and_exits_0() {
        CliTest.Run r = CliTest.cli("demo", "--users", "60", "--rows", "30", "--no-progress", "--out",
                dir.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("[1] Start the simulated Microsoft cloud", "connected 'Contoso'",
                "PASS    directory-roles", "user001 now has +6567891200",
                "AVAILABLE -> RESERVED -> UPLOADING -> IN_TENANT -> ASSIGNING -> ASSIGNED",
                "plan: 30 rows: 24 to apply, 0 already done, 6 invalid", "24 done, 0 skipped, 6 failed",
                "planning the same file again: 0 writes", "second run: 0 users changed, 1 HTTP request", "device_import_msteams_OC                      25 users (peak)",
                "Demo finished in");
        assertThat(dir.resolve("bulk-users.results.csv")).exists();
        assertThat(dir.resolve("capacity.png")).exists().isNotEmptyFile();
    }
}
