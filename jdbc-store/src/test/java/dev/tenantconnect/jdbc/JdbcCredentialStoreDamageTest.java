package dev.tenantconnect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialScan;
import dev.tenantconnect.core.credential.KeyProviders;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.credential.StoreKey;
import dev.tenantconnect.core.error.DamagedRecordException;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.testing.FakeClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** One damaged credential row never costs the other tenants: it is skipped and reported, and loud only when read. */
class JdbcCredentialStoreDamageTest {
    private static final String TENANT_PREFIX = "6b17bc95-fa47-49bf-8b00-00000000000";
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-22T08:00:00Z"));
    private final StoreKey key = StoreKey.generate();
    private final DataSource db = Databases.h2();
    private final JdbcCredentialStore store = new JdbcCredentialStore(db, KeyProviders.fixed(key), clock);

    private static CredentialKey tenant(int n) {
        return new CredentialKey(TenantId.parse(TENANT_PREFIX + n), ServiceId.of("oc"));
    }

    private static ClientSecretCredential secret(String value) {
        return ClientSecretCredential.of(ClientId.parse(UUID.nameUUIDFromBytes(value.getBytes()).toString()),
                Secret.of(value), Instant.parse("2027-11-22T08:00:00Z"));
    }

    private void update(String sql, String... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private String sealedOf(CredentialKey k) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT sealed FROM tc_credential WHERE tenant_id = ?")) {
            ps.setString(1, k.tenant().toString());
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void damaged_rows_are_skipped_and_reported_and_every_other_tenant_is_listed() throws SQLException {
        for (int n = 1; n <= 6; n++) {
            store.create(tenant(n), secret("damage-test-secret-" + n));
        }
        byte[] flipped = Base64.getDecoder().decode(sealedOf(tenant(2)));
        flipped[flipped.length - 3] ^= 1;
        update("UPDATE tc_credential SET sealed = ? WHERE tenant_id = ?",
                Base64.getEncoder().encodeToString(flipped), tenant(2).tenant().toString());
        update("UPDATE tc_credential SET sealed = ? WHERE tenant_id = ?", "%%% not base64 %%%",
                tenant(3).tenant().toString());
        new JdbcCredentialStore(db, KeyProviders.rotating(StoreKey.generate(), java.util.List.of(key)), clock)
                .replace(tenant(4), 1,
                secret("sealed-with-a-key-since-retired"));
        update("UPDATE tc_credential SET sealed = ? WHERE tenant_id = ?", sealedOf(tenant(6)),
                tenant(5).tenant().toString());
        update("INSERT INTO tc_credential (tenant_id, service, version, key_id, sealed, updated_at) "
                + "VALUES (?, 'oc', 1, ?, 'AAAA', CURRENT_TIMESTAMP)", "forged\nWARN x", "0123456789abcdef");

        CredentialScan scan = store.scan();

        assertThat(store.listAll()).extracting(r -> r.key()).containsExactly(tenant(1), tenant(6));
        assertThat(scan.records()).extracting(r -> r.key()).containsExactly(tenant(1), tenant(6));
        assertThat(scan.complete()).isFalse();
        assertThat(scan.damaged()).extracting(CredentialScan.Damaged::tenant).containsExactlyInAnyOrder(
                tenant(2).tenant().toString(), tenant(3).tenant().toString(), tenant(4).tenant().toString(),
                tenant(5).tenant().toString(), "forged\\u000aWARN x");
        assertThat(scan.damaged()).extracting(CredentialScan.Damaged::service).containsOnly("oc");
        assertThat(scan.damaged()).extracting(CredentialScan.Damaged::problem)
                .allSatisfy(m -> assertThat(m).doesNotContain("damage-test-secret").doesNotContain("\n"))
                .anySatisfy(m -> assertThat(m).contains("not valid Base64"))
                .anySatisfy(m -> assertThat(m).contains("which the key provider does not have"))
                .anySatisfy(m -> assertThat(m).contains("failed authentication"));
        assertThat(store.listByTenant(tenant(2).tenant())).isEmpty();
    }

    @Test
    void reading_a_damaged_record_itself_fails_loudly_and_typed() throws SQLException {
        store.create(tenant(1), secret("damage-test-secret-1"));
        store.create(tenant(2), secret("damage-test-secret-2"));
        update("UPDATE tc_credential SET sealed = ? WHERE tenant_id = ?", "not-base64!",
                tenant(2).tenant().toString());

        assertThatThrownBy(() -> store.find(tenant(2))).isInstanceOf(DamagedRecordException.class)
                .hasMessageContaining(tenant(2).tenant().toString()).hasMessageContaining("/oc")
                .hasMessageContaining("not valid Base64");
        assertThatThrownBy(() -> store.replace(tenant(2), 1, secret("new-secret")))
                .isInstanceOf(DamagedRecordException.class);
        assertThat(store.find(tenant(1))).isPresent();
    }

    @Test
    void a_malformed_key_id_is_refused_before_it_is_used() throws SQLException {
        store.create(tenant(1), secret("damage-test-secret-1"));
        update("UPDATE tc_credential SET key_id = ? WHERE tenant_id = ?", "bad\r\nkey", tenant(1).tenant().toString());

        assertThatThrownBy(() -> store.find(tenant(1))).isInstanceOf(DamagedRecordException.class)
                .hasMessageContaining("key ID is malformed").hasMessageNotContaining("bad\r\nkey");
    }
}
