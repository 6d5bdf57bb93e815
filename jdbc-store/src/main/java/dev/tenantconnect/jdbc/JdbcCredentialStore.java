package dev.tenantconnect.jdbc;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.CredentialSealer;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.KeyProvider;
import dev.tenantconnect.core.credential.PreviousCredential;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.ConcurrentUpdateException;
import dev.tenantconnect.core.error.StoreIntegrityException;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.jdbc.internal.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link CredentialStore} in a database table. Each record is sealed with AES-256-GCM under the same
 * {@link KeyProvider} the encrypted file store uses, bound to its row, so the database never holds a plaintext
 * secret and a sealed value copied into another row does not open. Compare-and-set on a version column: concurrent
 * writers on any number of instances lose no update. Thread-safe.
 */
public final class JdbcCredentialStore implements CredentialStore {
    private final Jdbc db;
    private final CredentialSealer sealer;
    private final Clock clock;

    /**
     * @param dataSource the database ({@link JdbcStores#migrate} applied)
     * @param keys the encryption keys
     * @param clock stamps updates
     */
    public JdbcCredentialStore(DataSource dataSource, KeyProvider keys, Clock clock) {
        this.db = new Jdbc(dataSource);
        this.sealer = new CredentialSealer(keys);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static String context(CredentialKey key) {
        return key.tenant() + "/" + key.service().value();
    }

    private CredentialRecord read(ResultSet rs) throws SQLException {
        CredentialKey key = new CredentialKey(TenantId.parse(rs.getString("tenant_id")),
                ServiceId.of(rs.getString("service")));
        CredentialRecord r = sealer.open(new CredentialSealer.Sealed(rs.getString("key_id"),
                Base64.getDecoder().decode(rs.getString("sealed"))), context(key));
        if (r.version() != rs.getLong("version") || !r.key().equals(key)) {
            throw new StoreIntegrityException("credential row " + key + " does not match its sealed record", null);
        }
        return r;
    }

    private static final String COLUMNS = "tenant_id, service, version, key_id, sealed";

    @Override
    public Optional<CredentialRecord> find(CredentialKey key) {
        return db.tx("reading a credential", c -> current(c, key, false));
    }

    private Optional<CredentialRecord> current(Connection c, CredentialKey key, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tc_credential WHERE tenant_id = ? "
                + "AND service = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, key.tenant().toString());
            ps.setString(2, key.service().value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public List<CredentialRecord> listByTenant(TenantId tenant) {
        return db.tx("listing credentials", c -> list(c, "WHERE tenant_id = ?", tenant.toString()));
    }

    @Override
    public List<CredentialRecord> listAll() {
        return db.tx("listing credentials", c -> list(c, "", null));
    }

    private List<CredentialRecord> list(Connection c, String where, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tc_credential " + where
                + " ORDER BY tenant_id, service")) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<CredentialRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    @Override
    public CredentialRecord create(CredentialKey key, TenantCredential credential) {
        Objects.requireNonNull(credential, "credential");
        CredentialRecord r = new CredentialRecord(key, 1, credential, Jdbc.micros(clock.instant()), Optional.empty());
        CredentialSealer.Sealed s = sealer.seal(r, context(key));
        return db.tx("creating a credential", c -> {
            Optional<CredentialRecord> existing = current(c, key, false);
            if (existing.isPresent()) {
                throw new ConcurrentUpdateException("credential " + key, 0, existing.get().version());
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tc_credential (" + COLUMNS
                    + ", updated_at) VALUES (?, ?, 1, ?, ?, ?)")) {
                ps.setString(1, key.tenant().toString());
                ps.setString(2, key.service().value());
                ps.setString(3, s.keyId());
                ps.setString(4, Base64.getEncoder().encodeToString(s.bytes()));
                ps.setObject(5, Jdbc.ts(r.updatedAt()));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) { // a racing create won
                    throw new ConcurrentUpdateException("credential " + key, 0, 1);
                }
                throw e;
            }
            return r;
        });
    }

    @Override
    public CredentialRecord replace(CredentialKey key, long expectedVersion, TenantCredential credential) {
        Objects.requireNonNull(credential, "credential");
        return update(key, expectedVersion, cur -> {
            Instant now = Jdbc.micros(clock.instant());
            return new CredentialRecord(key, cur.version() + 1, credential, now,
                    Optional.of(new PreviousCredential(cur.credential(), now)));
        });
    }

    @Override
    public CredentialRecord retirePrevious(CredentialKey key, long expectedVersion) {
        return update(key, expectedVersion, cur -> new CredentialRecord(key, cur.version() + 1, cur.credential(),
                Jdbc.micros(clock.instant()), Optional.empty()));
    }

    private CredentialRecord update(CredentialKey key, long expected,
            java.util.function.UnaryOperator<CredentialRecord> next) {
        return db.tx("updating a credential", c -> {
            Optional<CredentialRecord> found = current(c, key, true);
            if (found.isEmpty() || found.get().version() != expected) {
                throw new ConcurrentUpdateException("credential " + key, expected, found.map(
                        CredentialRecord::version).orElse(0L));
            }
            CredentialRecord cur = found.get();
            CredentialRecord r = next.apply(cur);
            CredentialSealer.Sealed s = sealer.seal(r, context(key));
            try (PreparedStatement ps = c.prepareStatement("UPDATE tc_credential SET version = ?, key_id = ?, "
                    + "sealed = ?, updated_at = ? WHERE tenant_id = ? AND service = ? AND version = ?")) {
                ps.setLong(1, r.version());
                ps.setString(2, s.keyId());
                ps.setString(3, Base64.getEncoder().encodeToString(s.bytes()));
                ps.setObject(4, Jdbc.ts(r.updatedAt()));
                ps.setString(5, key.tenant().toString());
                ps.setString(6, key.service().value());
                ps.setLong(7, expected);
                if (ps.executeUpdate() != 1) {
                    throw new ConcurrentUpdateException("credential " + key, expected, versionOf(c, key));
                }
            }
            return r;
        });
    }

    private static long versionOf(Connection c, CredentialKey key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM tc_credential WHERE tenant_id = ? AND "
                + "service = ?")) {
            ps.setString(1, key.tenant().toString());
            ps.setString(2, key.service().value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Override
    public void delete(CredentialKey key, long expectedVersion) {
        db.tx("deleting a credential", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tc_credential WHERE tenant_id = ? AND "
                    + "service = ? AND version = ?")) {
                ps.setString(1, key.tenant().toString());
                ps.setString(2, key.service().value());
                ps.setLong(3, expectedVersion);
                if (ps.executeUpdate() != 1) {
                    throw new ConcurrentUpdateException("credential " + key, expectedVersion, versionOf(c, key));
                }
            }
            return null;
        });
    }

    @Override
    public String toString() {
        return "JdbcCredentialStore";
    }
}
