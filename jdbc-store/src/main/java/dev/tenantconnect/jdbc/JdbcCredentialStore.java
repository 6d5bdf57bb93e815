package dev.tenantconnect.jdbc;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.CredentialScan;
import dev.tenantconnect.core.credential.CredentialSealer;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.KeyProvider;
import dev.tenantconnect.core.credential.PreviousCredential;
import dev.tenantconnect.core.credential.StoreKey;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.ConcurrentUpdateException;
import dev.tenantconnect.core.error.DamagedRecordException;
import dev.tenantconnect.core.error.StoreIntegrityException;
import dev.tenantconnect.core.error.ValidationException;
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
 * writers on any number of instances lose no update. A damaged row (tampered, sealed with a retired key, invalid
 * Base64) is skipped by the lists with a warning naming it and reported by {@link #scan()}; reading that record
 * itself throws {@link DamagedRecordException}. Thread-safe.
 */
public final class JdbcCredentialStore implements CredentialStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcCredentialStore.class);
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

    /**
     * Reads one row; anything wrong with it — a tenant or service that does not parse, a malformed key ID, invalid
     * Base64, a seal that does not open (tampered, retired key, copied from another row), a version that differs —
     * is a {@link DamagedRecordException} naming the row, never its content.
     */
    private CredentialRecord read(ResultSet rs) throws SQLException {
        String tenant = rs.getString("tenant_id");
        String service = rs.getString("service");
        CredentialKey key;
        try {
            key = new CredentialKey(TenantId.parse(tenant), ServiceId.of(service));
        } catch (ValidationException e) {
            throw new DamagedRecordException(tenant, service, "its tenant or service column is malformed");
        }
        String keyId = rs.getString("key_id");
        if (!StoreKey.isWellFormedKeyId(keyId)) {
            throw new DamagedRecordException(tenant, service, "its key ID is malformed (a key ID is 16 hex digits)");
        }
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(rs.getString("sealed"));
        } catch (IllegalArgumentException e) {
            throw new DamagedRecordException(tenant, service, "its sealed value is not valid Base64");
        }
        CredentialRecord r;
        try {
            r = sealer.open(new CredentialSealer.Sealed(keyId, sealed), context(key));
        } catch (StoreIntegrityException e) {
            throw new DamagedRecordException(tenant, service, e.getMessage());
        }
        if (r.version() != rs.getLong("version") || !r.key().equals(key)) {
            throw new DamagedRecordException(tenant, service, "its version column does not match its sealed record");
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

    /** Skips (and logs) damaged records: one bad row never hides the tenant's other records. */
    @Override
    public List<CredentialRecord> listByTenant(TenantId tenant) {
        return db.tx("listing credentials", c -> list(c, "WHERE tenant_id = ?", tenant.toString())).records();
    }

    /** Skips (and logs) damaged records: one bad row never hides every other tenant. */
    @Override
    public List<CredentialRecord> listAll() {
        return scan().records();
    }

    @Override
    public CredentialScan scan() {
        return db.tx("listing credentials", c -> list(c, "", null));
    }

    private CredentialScan list(Connection c, String where, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tc_credential " + where
                + " ORDER BY tenant_id, service")) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<CredentialRecord> out = new ArrayList<>();
            List<CredentialScan.Damaged> damaged = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        out.add(read(rs));
                    } catch (DamagedRecordException e) {
                        LOG.warn("skipped a damaged credential record: {}", e.getMessage());
                        damaged.add(CredentialScan.Damaged.of(e));
                    }
                }
            }
            return new CredentialScan(out, damaged);
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
