package dev.tenantconnect.jdbc;

import dev.tenantconnect.core.error.StoreException;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.replication.ReplicationLease;
import dev.tenantconnect.core.replication.ReplicationLeases;
import dev.tenantconnect.jdbc.internal.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ReplicationLeases} in the database ({@code tc_replication_lease}): one row per tenant, taken in a transaction
 * that locks it ({@code SELECT ... FOR UPDATE}) when free or expired, each acquisition with the next epoch; renewed
 * by a single update fenced on the epoch and the expiry.
 */
public final class JdbcReplicationLeases implements ReplicationLeases {
    private final Jdbc db;
    private final Clock clock;

    /**
     * @param dataSource the database ({@link JdbcStores#migrate} applied)
     * @param clock decides expiry (keep the instances' clocks in sync, as NTP does)
     */
    public JdbcReplicationLeases(DataSource dataSource, Clock clock) {
        this.db = new Jdbc(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<ReplicationLease> acquire(TenantId tenant, String holder, Duration ttl,
            Optional<Instant> skipIfPassedAfter) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(holder, "holder");
        Instant now = Jdbc.micros(clock.instant());
        Instant until = Jdbc.micros(now.plus(ttl));
        try {
            return db.tx("taking a replication lease", c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT epoch, expires_at, passed_at FROM "
                        + "tc_replication_lease WHERE tenant_id = ? FOR UPDATE")) {
                    ps.setString(1, tenant.value());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            try (PreparedStatement ins = c.prepareStatement("INSERT INTO tc_replication_lease "
                                    + "(tenant_id, holder, epoch, expires_at) VALUES (?, ?, 1, ?)")) {
                                ins.setString(1, tenant.value());
                                ins.setString(2, holder);
                                ins.setObject(3, Jdbc.ts(until));
                                ins.executeUpdate();
                            }
                            return Optional.of(new ReplicationLease(tenant, holder, 1, until));
                        }
                        long epoch = rs.getLong(1);
                        Instant passed = Jdbc.instant(rs.getObject(3));
                        if (now.isBefore(Jdbc.instant(rs.getObject(2))) || (passed != null
                                && skipIfPassedAfter.isPresent() && passed.isAfter(skipIfPassedAfter.get()))) {
                            return Optional.<ReplicationLease>empty();
                        }
                        try (PreparedStatement up = c.prepareStatement("UPDATE tc_replication_lease SET holder = ?, "
                                + "epoch = ?, expires_at = ? WHERE tenant_id = ? AND epoch = ?")) {
                            up.setString(1, holder);
                            up.setLong(2, epoch + 1);
                            up.setObject(3, Jdbc.ts(until));
                            up.setString(4, tenant.value());
                            up.setLong(5, epoch);
                            up.executeUpdate();
                        }
                        return Optional.of(new ReplicationLease(tenant, holder, epoch + 1, until));
                    }
                }
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState())) {
                // another instance inserted the tenant's first lease at the same moment: it holds it
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean holds(ReplicationLease lease) {
        Instant now = clock.instant();
        return db.statement("checking a replication lease", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT expires_at FROM tc_replication_lease WHERE "
                    + "tenant_id = ? AND epoch = ?")) {
                ps.setString(1, lease.tenant().value());
                ps.setLong(2, lease.epoch());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && now.isBefore(Jdbc.instant(rs.getObject(1)));
                }
            }
        });
    }

    @Override
    public Optional<ReplicationLease> renew(ReplicationLease lease, Duration ttl) {
        Instant now = Jdbc.micros(clock.instant());
        Instant until = Jdbc.micros(now.plus(ttl));
        int updated = db.statement("renewing a replication lease", c -> {
            // fenced in one statement: only the current epoch, and only while unexpired
            try (PreparedStatement ps = c.prepareStatement("UPDATE tc_replication_lease SET expires_at = ? WHERE "
                    + "tenant_id = ? AND epoch = ? AND expires_at > ?")) {
                ps.setObject(1, Jdbc.ts(until));
                ps.setString(2, lease.tenant().value());
                ps.setLong(3, lease.epoch());
                ps.setObject(4, Jdbc.ts(now));
                return ps.executeUpdate();
            }
        });
        return updated == 1 ? Optional.of(new ReplicationLease(lease.tenant(), lease.holder(), lease.epoch(), until))
                : Optional.empty();
    }

    @Override
    public void release(ReplicationLease lease) {
        db.statement("releasing a replication lease", c -> {
            // the row (and its epoch) stays, so the next lease is fenced above this one
            try (PreparedStatement ps = c.prepareStatement("UPDATE tc_replication_lease SET expires_at = ?, "
                    + "passed_at = ? WHERE tenant_id = ? AND epoch = ?")) {
                ps.setObject(1, Jdbc.ts(clock.instant()));
                ps.setObject(2, Jdbc.ts(clock.instant()));
                ps.setString(3, lease.tenant().value());
                ps.setLong(4, lease.epoch());
                return ps.executeUpdate();
            }
        });
    }
}
