package dev.tenantconnect.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's H2 stores write every commit to the file, so a killed process loses nothing it saw committed. */
class PlatformDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void the_embedded_store_and_a_given_h2_file_url_commit_to_the_file_at_once() throws Exception {
        assertThat(writeDelay(Platform.embedded(dir))).isEqualTo("0");
        assertThat(writeDelay(Platform.dataSource("jdbc:h2:file:" + dir.resolve("given").toAbsolutePath(),
                Optional::empty))).isEqualTo("0");
    }

    @Test
    void a_url_that_sets_its_own_delay_or_is_in_memory_is_kept() {
        assertThat(Platform.durable("jdbc:h2:file:/x;write_delay=100")).isEqualTo("jdbc:h2:file:/x;write_delay=100");
        assertThat(Platform.durable("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
        assertThat(Platform.durable("jdbc:h2:file:/x;DB_CLOSE_DELAY=0")).isEqualTo(
                "jdbc:h2:file:/x;DB_CLOSE_DELAY=0;WRITE_DELAY=0");
    }

    private static String writeDelay(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            assertThat(r.next()).as("H2 reports its WRITE_DELAY").isTrue();
            String value = r.getString(1);
            try (Statement shutdown = c.createStatement()) {
                shutdown.execute("SHUTDOWN");
            }
            return value;
        }
    }
}
