package dev.tenantconnect.jdbc;

import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.replication.ReplicationStateStore;
import dev.tenantconnect.jdbc.internal.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** A {@link ReplicationStateStore} in the database, so any instance continues where another replicated. */
public final class JdbcReplicationStateStore implements ReplicationStateStore {
    private final Jdbc db;
    private final Clock clock;

    /**
     * @param dataSource the database ({@link JdbcStores#migrate} applied)
     * @param clock stamps updates
     */
    public JdbcReplicationStateStore(DataSource dataSource, Clock clock) {
        this.db = new Jdbc(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<String> deltaLink(TenantId tenant) {
        return db.tx("reading replication state", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT delta_link FROM tc_replication_state WHERE "
                    + "tenant_id = ?")) {
                ps.setString(1, tenant.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void saveDeltaLink(TenantId tenant, String deltaLink) {
        Objects.requireNonNull(deltaLink, "deltaLink");
        db.tx("saving replication state", c -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE tc_replication_state SET delta_link = ?, "
                    + "updated_at = ? WHERE tenant_id = ?")) {
                up.setString(1, deltaLink);
                up.setObject(2, Jdbc.ts(clock.instant()));
                up.setString(3, tenant.toString());
                if (up.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO tc_replication_state (tenant_id, delta_link, "
                    + "updated_at) VALUES (?, ?, ?)")) {
                ins.setString(1, tenant.toString());
                ins.setString(2, deltaLink);
                ins.setObject(3, Jdbc.ts(clock.instant()));
                ins.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void forget(TenantId tenant) {
        db.tx("forgetting replication state", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tc_replication_state WHERE tenant_id = ?")) {
                ps.setString(1, tenant.toString());
                ps.executeUpdate();
            }
            return null;
        });
    }
}
