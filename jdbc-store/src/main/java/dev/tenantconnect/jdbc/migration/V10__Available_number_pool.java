package dev.tenantconnect.jdbc.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, an index of the available numbers only, in the order allocation claims them: the claim
 * ({@code WHERE state = 'AVAILABLE' AND country = ? AND usage_kind = ? ORDER BY digits, ext LIMIT n FOR UPDATE SKIP
 * LOCKED}) reads the first entries of this index instead of walking the primary key past every number already
 * reserved or assigned, which it did while the table's statistics still said every number was available. H2 has no
 * partial index and keeps the pool index of V1. Not API: Flyway finds and runs it.
 */
public class V10__Available_number_pool extends BaseJavaMigration {
    /** Flyway makes it. */
    public V10__Available_number_pool() {
    }

    @Override
    public void migrate(Context context) throws Exception {
        if (!context.getConnection().getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL")) {
            return;
        }
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("CREATE INDEX tc_number_available ON tc_number (country, usage_kind, digits, ext) "
                    + "WHERE state = 'AVAILABLE'");
        }
    }
}
