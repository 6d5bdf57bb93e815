package dev.tenantconnect.jdbc;

import dev.tenantconnect.core.audit.AuditAction;
import dev.tenantconnect.core.audit.AuditEvent;
import dev.tenantconnect.core.audit.AuditLog;
import dev.tenantconnect.core.audit.AuditResult;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.jdbc.internal.Jdbc;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The audit trail in the database (table {@code tc_audit_log}, Flyway migration V7): append-only — this class only
 * inserts and selects — shared by every instance. Instants are kept to the microsecond (what PostgreSQL keeps).
 * Passes the published {@code AuditLogContract}. Thread-safe.
 */
public final class JdbcAuditLog implements AuditLog {
    private final Jdbc db;

    /** @param dataSource the database ({@link JdbcStores#migrate} applied) */
    public JdbcAuditLog(DataSource dataSource) {
        this.db = new Jdbc(dataSource);
    }

    @Override
    public void record(AuditEvent e) {
        db.tx("appending an audit event", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tc_audit_log (tenant_id, at, principal, "
                    + "action, target, result, detail, correlation) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, e.tenant().toString());
                ps.setObject(2, Jdbc.ts(e.when()));
                ps.setString(3, e.principal());
                ps.setString(4, e.action().name());
                ps.setString(5, e.target());
                ps.setString(6, e.result().name());
                ps.setString(7, e.detail());
                ps.setString(8, encode(e.correlation()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<AuditEvent> find(TenantId tenant, Instant since) {
        return db.tx("reading audit events", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT principal, action, tenant_id, target, at, result, "
                    + "detail, correlation FROM tc_audit_log WHERE tenant_id = ? AND at >= ? ORDER BY at, seq")) {
                ps.setString(1, tenant.toString());
                ps.setObject(2, Jdbc.ts(since));
                List<AuditEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    private static AuditEvent row(ResultSet rs) throws SQLException {
        return new AuditEvent(rs.getString(1), AuditAction.valueOf(rs.getString(2)), TenantId.parse(rs.getString(3)),
                rs.getString(4), Jdbc.instant(rs.getObject(5)), AuditResult.valueOf(rs.getString(6)), rs.getString(7),
                decode(rs.getString(8)));
    }

    /** {@code key=value&key=value}, each part URL-encoded, in the map's order. */
    static String encode(Map<String, String> correlation) {
        StringBuilder b = new StringBuilder();
        correlation.forEach((k, v) -> {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return b.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String part : text.split("&")) {
            int eq = part.indexOf('=');
            out.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
