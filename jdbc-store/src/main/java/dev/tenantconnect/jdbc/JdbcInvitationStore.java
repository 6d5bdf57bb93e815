package dev.tenantconnect.jdbc;

import dev.tenantconnect.core.error.StoreException;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.AppRegistrationName;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.onboarding.Invitation;
import dev.tenantconnect.core.onboarding.InvitationStatus;
import dev.tenantconnect.core.onboarding.InvitationStore;
import dev.tenantconnect.jdbc.internal.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * An {@link InvitationStore} in the database: invitations survive a restart and are shared by every instance. A name
 * is claimed for one service per tenant by a row whose primary key is (tenant, lower-cased name): of two instances
 * creating the same name for different services at once, exactly one wins.
 */
public final class JdbcInvitationStore implements InvitationStore {
    private static final String COLUMNS = "id, tenant_id, service_id, name, status, application_id, "
            + "application_object_id, failure, created_at, updated_at";
    private static final int ATTEMPTS = 3;

    private final Jdbc db;

    /** @param dataSource the database ({@link JdbcStores#migrate} applied) */
    public JdbcInvitationStore(DataSource dataSource) {
        this.db = new Jdbc(dataSource);
    }

    @Override
    public Invitation create(Invitation created) {
        Invitation invitation = kept(created);
        for (int attempt = 1; ; attempt++) {
            try {
                return db.tx("creating an invitation", c -> {
                    claimName(c, invitation);
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO tc_invitation (" + COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        bind(ps, invitation);
                        ps.executeUpdate();
                    } catch (SQLException e) {
                        if (unique(e)) {
                            throw new StoreException("invitation " + invitation.id() + " exists already", null);
                        }
                        throw e;
                    }
                    return invitation;
                });
            } catch (StoreException e) {
                // a concurrent claim of the same name committed between our look and our insert: look again
                if (attempt < ATTEMPTS && (Jdbc.retryable(e) || e.getCause() instanceof SQLException s && unique(s))) {
                    continue;
                }
                throw e;
            }
        }
    }

    private static void claimName(Connection c, Invitation invitation) throws SQLException {
        String key = invitation.name().value().toLowerCase(Locale.ROOT);
        try (PreparedStatement ps = c.prepareStatement("SELECT service_id FROM tc_invitation_name WHERE tenant_id = ? "
                + "AND name_key = ?")) {
            ps.setString(1, invitation.tenant().toString());
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    String owner = rs.getString(1);
                    if (!owner.equals(invitation.service().value())) {
                        throw new ValidationException("appRegistrationName", "is already used by service " + owner
                                + " in this tenant; names are unique per service");
                    }
                    return;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tc_invitation_name (tenant_id, name_key, "
                + "service_id) VALUES (?, ?, ?)")) {
            ps.setString(1, invitation.tenant().toString());
            ps.setString(2, key);
            ps.setString(3, invitation.service().value());
            ps.executeUpdate();
        }
    }

    @Override
    public Invitation update(Invitation changed) {
        Invitation updated = kept(changed);
        return db.tx("updating an invitation", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tc_invitation SET status = ?, application_id = ?, "
                    + "application_object_id = ?, failure = ?, updated_at = ? WHERE id = ? AND tenant_id = ? AND "
                    + "service_id = ? AND name = ?")) {
                ps.setString(1, updated.status().name());
                ps.setString(2, updated.applicationId().map(ClientId::value).orElse(null));
                ps.setString(3, updated.applicationObjectId().map(UUID::toString).orElse(null));
                ps.setString(4, updated.failure().orElse(null));
                ps.setObject(5, Jdbc.ts(updated.updatedAt()));
                ps.setString(6, updated.id().toString());
                ps.setString(7, updated.tenant().toString());
                ps.setString(8, updated.service().value());
                ps.setString(9, updated.name().value());
                if (ps.executeUpdate() != 1) {
                    throw new StoreException("invitation " + updated.id() + " does not exist (or its tenant, "
                            + "service or name differ)", null);
                }
            }
            return updated;
        });
    }

    @Override
    public Optional<Invitation> find(UUID id) {
        return db.tx("reading an invitation", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tc_invitation WHERE id = ?")) {
                ps.setString(1, id.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Invitation> listByTenant(TenantId tenant) {
        return db.tx("listing invitations", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tc_invitation WHERE "
                    + "tenant_id = ? ORDER BY created_at, id")) {
                ps.setString(1, tenant.toString());
                List<Invitation> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    private static void bind(PreparedStatement ps, Invitation i) throws SQLException {
        ps.setString(1, i.id().toString());
        ps.setString(2, i.tenant().toString());
        ps.setString(3, i.service().value());
        ps.setString(4, i.name().value());
        ps.setString(5, i.status().name());
        ps.setString(6, i.applicationId().map(ClientId::value).orElse(null));
        ps.setString(7, i.applicationObjectId().map(UUID::toString).orElse(null));
        ps.setString(8, i.failure().orElse(null));
        ps.setObject(9, Jdbc.ts(i.createdAt()));
        ps.setObject(10, Jdbc.ts(i.updatedAt()));
    }

    private static Invitation read(ResultSet rs) throws SQLException {
        return new Invitation(UUID.fromString(rs.getString(1)), TenantId.parse(rs.getString(2)),
                ServiceId.of(rs.getString(3)), AppRegistrationName.of(rs.getString(4)),
                InvitationStatus.valueOf(rs.getString(5)), Optional.ofNullable(rs.getString(6)).map(ClientId::parse),
                Optional.ofNullable(rs.getString(7)).map(UUID::fromString), Optional.ofNullable(rs.getString(8)),
                Jdbc.instant(rs.getObject(9)), Jdbc.instant(rs.getObject(10)));
    }

    /** The invitation as the database keeps it (timestamps to the microsecond). */
    private static Invitation kept(Invitation i) {
        return new Invitation(i.id(), i.tenant(), i.service(), i.name(), i.status(), i.applicationId(),
                i.applicationObjectId(), i.failure(), Jdbc.micros(i.createdAt()), Jdbc.micros(i.updatedAt()));
    }

    private static boolean unique(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
