package dev.tenantconnect.jdbc;

import dev.tenantconnect.core.billing.UsageEvent;
import dev.tenantconnect.core.billing.UsageLedger;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.jdbc.internal.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** A {@link UsageLedger} in the database, append-only, shared by every instance. Thread-safe. */
public final class JdbcUsageLedger implements UsageLedger {
    private final Jdbc db;

    /** @param dataSource the database ({@link JdbcStores#migrate} applied) */
    public JdbcUsageLedger(DataSource dataSource) {
        this.db = new Jdbc(dataSource);
    }

    @Override
    public void record(UsageEvent e) {
        db.tx("recording usage", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tc_usage_event (tenant_id, user_id, kind, "
                    + "number, addon_codes, at, source) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, e.tenant().toString());
                ps.setString(2, e.user().toString());
                ps.setString(3, e.kind().name());
                ps.setString(4, e.number().map(PhoneNumber::toString).orElse(null));
                ps.setString(5, String.join(",", e.addonCodes()));
                ps.setObject(6, Jdbc.ts(e.at()));
                ps.setString(7, e.source().name());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<UsageEvent> eventsBefore(Instant until) {
        return db.tx("reading usage", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT tenant_id, user_id, kind, number, addon_codes, at, "
                    + "source FROM tc_usage_event WHERE at < ? ORDER BY at, id")) {
                ps.setObject(1, Jdbc.ts(until));
                List<UsageEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String codes = rs.getString(5);
                        out.add(new UsageEvent(TenantId.parse(rs.getString(1)), UUID.fromString(rs.getString(2)),
                                UsageEvent.Kind.valueOf(rs.getString(3)),
                                Optional.ofNullable(rs.getString(4)).map(PhoneNumber::parse),
                                codes.isEmpty() ? Set.of() : Set.of(codes.split(",")), Jdbc.instant(rs.getObject(6)),
                                UsageEvent.Source.valueOf(rs.getString(7))));
                    }
                }
                return out;
            }
        });
    }
}
