package dev.tenantconnect.jdbc.internal;

import dev.tenantconnect.core.error.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/** Transactions, dialect and time conversion over a caller's {@link DataSource}. */
public final class Jdbc {
    private final DataSource dataSource;
    private final boolean postgres;

    /**
     * @param dataSource the caller's data source (pooled, e.g. HikariCP)
     */
    public Jdbc(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection()) {
            this.postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the database", e);
        }
    }

    /** @return whether the database is PostgreSQL (row locks with SKIP LOCKED) */
    public boolean postgres() {
        return postgres;
    }

    /** Work inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * @param c the connection, in a transaction
         * @return the result
         * @throws SQLException on database errors (the transaction is rolled back)
         */
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs work in a transaction at the database's default isolation (READ COMMITTED on PostgreSQL and H2, which
     * the stores are written for): committed if it returns, rolled back if it throws.
     *
     * @param what what the work does, for error messages
     * @param work the work
     * @param <T> the result type
     * @return the result
     */
    public <T> T tx(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException("database error while " + what + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    /**
     * Runs one statement in auto-commit mode: it is its own transaction, and the database commits it in the same
     * round trip.
     *
     * @param what what the work does, for error messages
     * @param work the work (one statement)
     * @param <T> the result type
     * @return the result
     */
    public <T> T statement(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
                try {
                    return work.run(c);
                } finally {
                    c.setAutoCommit(false);
                }
            }
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("database error while " + what + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    /**
     * @param e a store exception
     * @return whether it is a lock timeout, deadlock or serialization failure: retrying the transaction is right
     */
    public static boolean retryable(RuntimeException e) {
        if (e.getCause() instanceof SQLException s && s.getSQLState() != null) {
            String st = s.getSQLState();
            return st.equals("HYT00") || st.startsWith("40") || st.equals("55P03");
        }
        return false;
    }

    /**
     * @param instant an instant
     * @return it truncated to microseconds (what PostgreSQL keeps), as a JDBC value
     */
    public static OffsetDateTime ts(Instant instant) {
        return OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC);
    }

    /**
     * @param instant an instant
     * @return it truncated to microseconds
     */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * @param value a value read from a TIMESTAMP WITH TIME ZONE column
     * @return the instant, or null
     */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName());
    }
}
