package dev.tenantconnect.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The export-in-a-small-heap harness at smoke size (1,200 users: three pages of numbers), so it cannot rot: the
 * child JVM runs with {@code -Xmx64m}, exports every user and the file validates with its checksum. The figures for
 * 50,000 users belong to docs/BENCHMARKS.md, never to assertions here.
 */
class ExportHeapSmokeTest {

    @Test
    void the_child_exports_every_user_in_64_mb_and_the_file_validates() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ExportHeap.Result r = ExportHeap.run(1_200, "-Xmx64m", new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("rows=1200 ", "maxHeap=", "validates=true", "checksum=matches");
    }
}
