package dev.tenantconnect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.inventory.AllocationRequest;
import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.testing.FakeClock;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a lowest-first allocation — one number or a batch — is one statement in auto-commit: one round trip
 * to the database, no separate commit; the history and allocation records are written by the same statement.
 */
class AllocationRoundTripTest {
    private static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");

    /** Counts what goes to the database: statement executions, commits and rollbacks. */
    private static final class Counting implements DataSource {
        final DataSource inner;
        final AtomicInteger executions = new AtomicInteger();
        final AtomicInteger commits = new AtomicInteger();

        Counting(DataSource inner) {
            this.inner = inner;
        }

        @SuppressWarnings("unchecked")
        private <T> T wrap(T target, Class<T> type) {
            InvocationHandler h = (proxy, method, args) -> {
                String name = method.getName();
                if (name.startsWith("execute")) {
                    executions.incrementAndGet();
                } else if (name.equals("commit") || name.equals("rollback")) {
                    commits.incrementAndGet();
                }
                try {
                    Object result = method.invoke(target, args);
                    if (result instanceof java.sql.PreparedStatement ps) {
                        return wrap(ps, java.sql.PreparedStatement.class);
                    }
                    if (result instanceof Statement s) {
                        return wrap(s, Statement.class);
                    }
                    return result;
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, h);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return wrap(inner.getConnection(), Connection.class);
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return wrap(inner.getConnection(user, password), Connection.class);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return inner.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            inner.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            inner.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return inner.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return inner.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return inner.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return inner.isWrapperFor(iface);
        }
    }

    @Test
    void one_number_or_a_batch_is_one_statement_with_its_history_and_allocation_records() {
        FakeClock clock = FakeClock.atEpoch2026();
        Counting db = new Counting(Databases.postgres());
        JdbcNumberInventory inventory = new JdbcNumberInventory(db, new NumberLifecycle(QuarantinePolicy.DEFAULT,
                clock), clock, new SplittableRandom(1));
        inventory.importNumbers(PhoneNumberRange.parse("+6567891200..+6567891219"),
                NumberAttributes.of("SG", "656789", NumberType.OPERATOR_CONNECT, NumberUsage.USER), "importer");
        AllocationRequest lowest = AllocationRequest.lowest(TENANT, "SG", "job-1");
        inventory.allocate(lowest); // the first also looks for expired reservations (then at most once a second)

        db.executions.set(0);
        db.commits.set(0);
        InventoryNumber one = inventory.allocate(lowest).orElseThrow();
        assertThat(db.executions).as("statements for one allocation").hasValue(1);
        assertThat(db.commits).as("separate commits").hasValue(0);

        db.executions.set(0);
        List<InventoryNumber> five = inventory.allocate(lowest, 5);
        assertThat(db.executions).as("statements for a batch of five").hasValue(1);
        assertThat(db.commits).hasValue(0);

        assertThat(five).hasSize(5);
        for (InventoryNumber n : List.of(one, five.get(0), five.get(4))) {
            assertThat(inventory.history(n.number())).last().satisfies(t -> {
                assertThat(t.to()).isEqualTo(NumberState.RESERVED);
                assertThat(t.actor()).isEqualTo("job-1");
            });
        }
        assertThat(inventory.capacity(Duration.ofDays(1)).allocationsPerDay()).as("allocation records").isEqualTo(7.0);

        db.executions.set(0);
        db.commits.set(0);
        List<InventoryNumber> held = inventory.allocate(lowest, List.of("bulk:j:2", "bulk:j:3", "bulk:j:4"));
        assertThat(db.executions).as("statements for a batch with a holder per number").hasValue(1);
        assertThat(db.commits).hasValue(0);
        assertThat(held).extracting(n -> n.reservation().orElseThrow().holder()).containsExactly("bulk:j:2",
                "bulk:j:3", "bulk:j:4");
        assertThat(inventory.history(held.get(2).number())).last().satisfies(t -> assertThat(t.actor())
                .isEqualTo("bulk:j:4"));
        assertThat(inventory.capacity(Duration.ofDays(1)).allocationsPerDay()).isEqualTo(10.0);
    }

    @Test
    void on_postgresql_the_claim_reads_the_index_of_available_numbers_not_the_numbers_already_taken()
            throws Exception {
        FakeClock clock = FakeClock.atEpoch2026();
        javax.sql.DataSource db = Databases.postgres();
        JdbcNumberInventory inventory = new JdbcNumberInventory(db, new NumberLifecycle(QuarantinePolicy.DEFAULT,
                clock), clock, new SplittableRandom(1));
        inventory.importNumbers(PhoneNumberRange.parse("+6567890000..+6567891999"),
                NumberAttributes.of("SG", "656789", NumberType.OPERATOR_CONNECT, NumberUsage.USER), "importer");
        inventory.allocate(AllocationRequest.lowest(TENANT, "SG", "job-1"), 1_500);

        String plan;
        try (java.sql.Connection c = db.getConnection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("EXPLAIN SELECT digits FROM tc_number WHERE state = "
                        + "'AVAILABLE' AND country = 'SG' AND usage_kind = 'USER' ORDER BY digits, ext LIMIT 1 "
                        + "FOR UPDATE SKIP LOCKED")) {
            StringBuilder b = new StringBuilder();
            while (rs.next()) {
                b.append(rs.getString(1)).append('\n');
            }
            plan = b.toString();
        }
        assertThat(plan).contains("tc_number_available");
    }
}
