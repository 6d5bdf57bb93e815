package dev.tenantconnect.jdbc;

import dev.tenantconnect.core.error.StoreException;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The schema of the JDBC stores: Flyway migrations shipped in this jar, applied to the caller's database. Safe to run
 * from every instance at start: Flyway takes a database lock, and applied migrations are not run again.
 */
public final class JdbcStores {
    /** Where the migrations live on the classpath. */
    public static final String MIGRATIONS = "classpath:dev/tenantconnect/jdbc/migration";
    /** Flyway's history table for these migrations (kept apart from the application's own). */
    public static final String HISTORY_TABLE = "tenantconnect_schema_history";

    private JdbcStores() {
    }

    /**
     * Brings the schema up to date.
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
            return r.migrationsExecuted;
        } catch (FlywayException e) {
            throw new StoreException("database migration failed: " + e.getMessage(), e);
        }
    }
}
