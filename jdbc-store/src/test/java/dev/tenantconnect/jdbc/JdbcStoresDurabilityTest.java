package dev.tenantconnect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An H2 file database that writes commits late is named at migration; a durable one, or one in memory, is not. */
class JdbcStoresDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void an_h2_file_database_with_its_default_write_delay_is_warned_about() throws Exception {
        JdbcDataSource late = h2("jdbc:h2:file:" + dir.resolve("late").toAbsolutePath());
        assertThat(JdbcStores.durabilityWarning(late)).hasValueSatisfying(w -> assertThat(w)
                .contains("500 ms late", ";WRITE_DELAY=0"));
        shutdown(late);
    }

    @Test
    void a_durable_h2_file_database_and_an_in_memory_one_are_not() throws Exception {
        JdbcDataSource durable = h2("jdbc:h2:file:" + dir.resolve("durable").toAbsolutePath() + ";WRITE_DELAY=0");
        assertThat(JdbcStores.durabilityWarning(durable)).isEmpty();
        shutdown(durable);
        assertThat(JdbcStores.durabilityWarning(Databases.h2())).isEmpty();
    }

    private static JdbcDataSource h2(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        return ds;
    }

    private static void shutdown(JdbcDataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }
}
