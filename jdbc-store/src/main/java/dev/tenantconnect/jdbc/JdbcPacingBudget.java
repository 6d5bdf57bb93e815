package dev.tenantconnect.jdbc;

import dev.tenantconnect.core.pacing.BudgetBucket;
import dev.tenantconnect.core.pacing.BudgetGrant;
import dev.tenantconnect.core.pacing.BudgetKey;
import dev.tenantconnect.core.pacing.InMemoryPacingBudget;
import dev.tenantconnect.core.pacing.PacingBudget;
import dev.tenantconnect.core.error.StoreException;
import dev.tenantconnect.jdbc.internal.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * A {@link PacingBudget} in the database ({@code tc_pacing_budget}), shared by every instance on it: one row per
 * (application, tenant), locked for the few statements of a take ({@code SELECT ... FOR UPDATE}, {@code UPDATE},
 * commit), with the arithmetic of {@link BudgetBucket}. Callers lease a small batch of permits per round trip, so the
 * row is touched a few dozen times a second at most. Time comes from the instances' clocks (keep them in sync, as
 * NTP does); a lock timeout or serialization failure is retried.
 */
public final class JdbcPacingBudget implements PacingBudget {
    private static final int ATTEMPTS = 5;
    private final Jdbc db;
    private final Clock clock;

    /**
     * @param dataSource the database ({@link JdbcStores#migrate} applied)
     * @param clock the instance's clock
     */
    public JdbcPacingBudget(DataSource dataSource, Clock clock) {
        this.db = new Jdbc(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public BudgetGrant take(BudgetKey key, int wanted, OptionalDouble rate, double initialRate) {
        BudgetGrant[] out = new BudgetGrant[1];
        update(key, initialRate, "taking pacing permits", (b) -> {
            BudgetBucket.Taken t = b.take(InMemoryPacingBudget.micros(clock), wanted, rate.orElse(Double.NaN));
            out[0] = t.grant();
            return t.bucket();
        });
        return out[0];
    }

    @Override
    public void throttled(BudgetKey key, Duration retryAfter, double newRate, double initialRate) {
        update(key, initialRate, "recording a throttle", b -> b.throttled(InMemoryPacingBudget.micros(clock),
                retryAfter, newRate));
    }

    @Override
    public Optional<BudgetBucket> peek(BudgetKey key) {
        long now = InMemoryPacingBudget.micros(clock);
        return db.statement("reading a pacing budget", c -> Optional.ofNullable(read(c, key, false))
                .map(b -> b.refilled(now)));
    }

    private void update(BudgetKey key, double initialRate, String what, UnaryOperator<BudgetBucket> change) {
        Objects.requireNonNull(key, "key");
        for (int attempt = 1;; attempt++) {
            try {
                boolean done = db.tx(what, c -> {
                    BudgetBucket b = read(c, key, true);
                    if (b == null) {
                        return false;
                    }
                    write(c, key, change.apply(b));
                    return true;
                });
                if (done) {
                    return;
                }
                create(key, initialRate);
            } catch (StoreException e) {
                if (attempt >= ATTEMPTS || !Jdbc.retryable(e)) {
                    throw e;
                }
            }
        }
    }

    private void create(BudgetKey key, double initialRate) {
        BudgetBucket fresh = BudgetBucket.fresh(initialRate, InMemoryPacingBudget.micros(clock));
        try {
            db.statement("creating a pacing budget", c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO tc_pacing_budget (application_id, "
                        + "tenant_id, rate, tokens, refilled_at, paused_until, granted, throttles, rate_set_at, "
                        + "ceiling, throttled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, key.application().value());
                    ps.setString(2, key.tenant().value());
                    ps.setDouble(3, fresh.rate());
                    ps.setDouble(4, fresh.tokens());
                    ps.setLong(5, fresh.refilledAt());
                    ps.setLong(6, fresh.pausedUntil());
                    ps.setLong(7, fresh.granted());
                    ps.setLong(8, fresh.throttles());
                    ps.setLong(9, fresh.rateSetAt());
                    ps.setDouble(10, fresh.ceiling());
                    ps.setLong(11, fresh.throttledAt());
                    return ps.executeUpdate();
                }
            });
        } catch (StoreException e) {
            // another instance created it first: use theirs
            if (!(e.getCause() instanceof SQLException s) || !"23505".equals(s.getSQLState())) {
                throw e;
            }
        }
    }

    private static BudgetBucket read(Connection c, BudgetKey key, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT rate, tokens, refilled_at, paused_until, granted, "
                + "throttles, rate_set_at, ceiling, throttled_at FROM tc_pacing_budget WHERE application_id = ? "
                + "AND tenant_id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, key.application().value());
            ps.setString(2, key.tenant().value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new BudgetBucket(rs.getDouble(1), rs.getDouble(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getDouble(8), rs.getLong(9)) : null;
            }
        }
    }

    private static void write(Connection c, BudgetKey key, BudgetBucket b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE tc_pacing_budget SET rate = ?, tokens = ?, "
                + "refilled_at = ?, paused_until = ?, granted = ?, throttles = ?, rate_set_at = ?, "
                + "ceiling = ?, throttled_at = ? WHERE application_id = ? AND tenant_id = ?")) {
            ps.setDouble(1, b.rate());
            ps.setDouble(2, b.tokens());
            ps.setLong(3, b.refilledAt());
            ps.setLong(4, b.pausedUntil());
            ps.setLong(5, b.granted());
            ps.setLong(6, b.throttles());
            ps.setLong(7, b.rateSetAt());
            ps.setDouble(8, b.ceiling());
            ps.setLong(9, b.throttledAt());
            ps.setString(10, key.application().value());
            ps.setString(11, key.tenant().value());
            ps.executeUpdate();
        }
    }
}
