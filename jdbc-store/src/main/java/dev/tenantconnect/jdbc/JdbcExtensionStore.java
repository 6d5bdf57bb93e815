package dev.tenantconnect.jdbc;

import dev.tenantconnect.core.extension.Extension;
import dev.tenantconnect.core.extension.ExtensionStore;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.jdbc.internal.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** An {@link ExtensionStore} in the database, shared by every instance. Thread-safe. */
public final class JdbcExtensionStore implements ExtensionStore {
    private static final String COLUMNS = "tenant_id, ext_key, user_id, number, addon_codes, updated_at";
    private final Jdbc db;

    /** @param dataSource the database ({@link JdbcStores#migrate} applied) */
    public JdbcExtensionStore(DataSource dataSource) {
        this.db = new Jdbc(dataSource);
    }

    private static Extension row(ResultSet rs) throws SQLException {
        String codes = rs.getString(5);
        return new Extension(TenantId.parse(rs.getString(1)), rs.getString(2), UUID.fromString(rs.getString(3)),
                Optional.ofNullable(rs.getString(4)).map(PhoneNumber::parse),
                codes.isEmpty() ? List.of() : List.of(codes.split(",")), Jdbc.instant(rs.getObject(6)));
    }

    @Override
    public Optional<Extension> find(TenantId tenant, String extKey) {
        return db.tx("reading an extension", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tc_extension WHERE tenant_id = "
                    + "? AND ext_key = ?")) {
                ps.setString(1, tenant.toString());
                ps.setString(2, extKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void put(Extension e) {
        for (int attempt = 0; ; attempt++) {
            try {
                db.tx("writing an extension", c -> {
                    try (PreparedStatement up = c.prepareStatement("UPDATE tc_extension SET user_id = ?, number = ?, "
                            + "addon_codes = ?, updated_at = ? WHERE tenant_id = ? AND ext_key = ?")) {
                        bind(up, e, 1);
                        up.setString(5, e.tenant().toString());
                        up.setString(6, e.extKey());
                        if (up.executeUpdate() == 1) {
                            return null;
                        }
                    }
                    try (PreparedStatement ins = c.prepareStatement("INSERT INTO tc_extension (user_id, number, "
                            + "addon_codes, updated_at, tenant_id, ext_key) VALUES (?, ?, ?, ?, ?, ?)")) {
                        bind(ins, e, 1);
                        ins.setString(5, e.tenant().toString());
                        ins.setString(6, e.extKey());
                        ins.executeUpdate();
                    }
                    return null;
                });
                return;
            } catch (dev.tenantconnect.core.error.StoreException ex) {
                // two instances inserting the same new extension: the loser updates instead
                boolean duplicate = ex.getCause() instanceof SQLException s && s.getSQLState() != null
                        && s.getSQLState().startsWith("23");
                if (!duplicate || attempt > 0) {
                    throw ex;
                }
            }
        }
    }

    private static void bind(PreparedStatement ps, Extension e, int from) throws SQLException {
        ps.setString(from, e.user().toString());
        ps.setString(from + 1, e.number().map(PhoneNumber::toString).orElse(null));
        ps.setString(from + 2, String.join(",", e.addonCodes()));
        ps.setObject(from + 3, Jdbc.ts(e.updatedAt()));
    }

    @Override
    public List<Extension> listByTenant(TenantId tenant) {
        return db.tx("listing extensions", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tc_extension WHERE tenant_id = "
                    + "? ORDER BY ext_key")) {
                ps.setString(1, tenant.toString());
                List<Extension> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    /** One query per call (a backup export asks a page of users at a time). */
    @Override
    public java.util.Map<UUID, List<Extension>> byUsers(TenantId tenant, java.util.Collection<UUID> users) {
        List<UUID> ids = List.copyOf(new java.util.LinkedHashSet<>(users));
        java.util.Map<UUID, List<Extension>> out = new java.util.LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        return db.tx("reading extensions of users", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tc_extension WHERE tenant_id = "
                    + "? AND user_id IN (" + String.join(",", java.util.Collections.nCopies(ids.size(), "?"))
                    + ") ORDER BY ext_key")) {
                ps.setString(1, tenant.toString());
                for (int i = 0; i < ids.size(); i++) {
                    ps.setString(i + 2, ids.get(i).toString());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Extension e = row(rs);
                        out.computeIfAbsent(e.user(), u -> new ArrayList<>()).add(e);
                    }
                }
                return out;
            }
        });
    }
}
