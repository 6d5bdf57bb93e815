package dev.tenantconnect.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Fresh, migrated databases for tests: H2 in memory, and databases in one embedded PostgreSQL per JVM. */
final class Databases {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private Databases() {
    }

    /** @return a new, migrated H2 in-memory database */
    static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:tc-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcStores.migrate(ds);
        return pooled(ds);
    }

    /** A HikariCP pool over a data source, as an application would configure it. */
    static DataSource pooled(DataSource ds) {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setDataSource(ds);
        config.setMaximumPoolSize(17);
        config.setMinimumIdle(0);
        config.setIdleTimeout(10_000);
        config.setPoolName("tc-test-" + NEXT.incrementAndGet());
        return new com.zaxxer.hikari.HikariDataSource(config);
    }

    /** @return a new, migrated database in the embedded PostgreSQL (started once, stopped with the JVM) */
    static synchronized DataSource postgres() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                EmbeddedPostgres started = postgres;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        // the JVM is exiting
                    }
                }));
            }
            String name = "tc_" + NEXT.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            DataSource ds = postgres.getDatabase("postgres", name);
            JdbcStores.migrate(ds);
            return pooled(ds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
