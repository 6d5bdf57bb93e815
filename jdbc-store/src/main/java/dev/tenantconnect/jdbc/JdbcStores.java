package dev.tenantconnect.jdbc;

import dev.tenantconnect.core.error.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The schema of the JDBC stores: Flyway migrations shipped in this jar, applied to the caller's database. Safe to run
 * from every instance at start: Flyway takes a database lock, and applied migrations are not run again.
 */
public final class JdbcStores {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcStores.class);
    /** Where the migrations live on the classpath. */
    public static final String MIGRATIONS = "classpath:dev/tenantconnect/jdbc/migration";
    /** Flyway's history table for these migrations (kept apart from the application's own). */
    public static final String HISTORY_TABLE = "tenantconnect_schema_history";

    private JdbcStores() {
    }

    /**
     * Brings the schema up to date, and warns (SLF4J) when the database would lose committed work if its process were
     * killed (see {@link #durabilityWarning(DataSource)}).
     *
     * @param dataSource the database
     * @return how many migrations were applied now
     * @throws StoreException if a migration fails (Flyway's message says which)
     */
    public static int migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        try {
            MigrateResult r = Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).table(HISTORY_TABLE)
                    .baselineOnMigrate(true).baselineVersion("0").load().migrate();
            durabilityWarning(dataSource).ifPresent(LOG::warn);
            return r.migrationsExecuted;
        } catch (FlywayException e) {
            throw new StoreException("database migration failed: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the database writes commits late. H2 keeps no redo log: a file database writes committed changes to its
     * file up to {@code WRITE_DELAY} milliseconds later (500 by default), so a process killed in that window loses
     * transactions the stores saw committed — a reservation or a journal row — while the customer's tenant already
     * holds the number. Open H2 file databases with {@code ;WRITE_DELAY=0}. PostgreSQL and in-memory H2 are not
     * concerned.
     *
     * @param dataSource the database
     * @return what to change, when H2 file database writes commits late
     * @throws StoreException if the database cannot be asked
     */
    public static Optional<String> durabilityWarning(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection()) {
            var meta = c.getMetaData();
            String url = meta.getURL() == null ? "" : meta.getURL().toLowerCase(Locale.ROOT);
            if (!"h2".equalsIgnoreCase(meta.getDatabaseProductName()) || url.startsWith("jdbc:h2:mem:")) {
                return Optional.empty();
            }
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                if (r.next() && Long.parseLong(r.getString(1).strip()) > 0) {
                    return Optional.of("the H2 file database writes commits up to " + r.getString(1).strip()
                            + " ms late (WRITE_DELAY): a killed process would lose committed reservations and journal "
                            + "rows; open it with ;WRITE_DELAY=0");
                }
                return Optional.empty();
            }
        } catch (SQLException | NumberFormatException e) {
            throw new StoreException("cannot read the database's write settings: " + e.getClass().getSimpleName(), e);
        }
    }
}
