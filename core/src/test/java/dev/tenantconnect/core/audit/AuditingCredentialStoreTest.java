package dev.tenantconnect.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.ConcurrentUpdateException;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every credential-store change is audited, succeeded or refused, by principal, and no event holds the secret. */
class AuditingCredentialStoreTest {
    private static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000b1");
    private static final CredentialKey KEY = new CredentialKey(TENANT, ServiceId.of("oc-main"));
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static ClientSecretCredential secret(String value) {
        return ClientSecretCredential.of(ClientId.parse("11ae0dff-0a7b-4b51-9f6e-0c1f0e7c9a11"), Secret.of(value),
                NOW.plusSeconds(86_400 * 90));
    }

    @Test
    void create_replace_retire_and_delete_are_each_one_event_and_a_refused_change_is_a_failed_one() {
        InMemoryAuditSink sink = new InMemoryAuditSink();
        CredentialStore store = new AuditingCredentialStore(new InMemoryCredentialStore(),
                new Auditor(sink, () -> "ops-default", Clock.fixed(NOW, ZoneOffset.UTC)));

        CredentialRecord r = store.create(KEY, secret("first-secret-value-123"));
        r = Auditor.actingAs("alice@operator.example", () -> store.replace(KEY, 1, secret("second-secret-456")));
        long stale = 1;
        assertThatThrownBy(() -> store.replace(KEY, stale, secret("third-secret-789")))
                .isInstanceOf(ConcurrentUpdateException.class);
        r = store.retirePrevious(KEY, r.version());
        store.delete(KEY, r.version());

        List<AuditEvent> events = sink.find(TENANT, NOW);
        assertThat(events).extracting(AuditEvent::action).containsExactly(AuditAction.CREDENTIAL_CREATE,
                AuditAction.CREDENTIAL_REPLACE, AuditAction.CREDENTIAL_REPLACE,
                AuditAction.CREDENTIAL_RETIRE_PREVIOUS, AuditAction.CREDENTIAL_DELETE);
        assertThat(events).extracting(AuditEvent::result).containsExactly(AuditResult.SUCCEEDED,
                AuditResult.SUCCEEDED, AuditResult.FAILED, AuditResult.SUCCEEDED, AuditResult.SUCCEEDED);
        assertThat(events).extracting(AuditEvent::principal).containsExactly("ops-default",
                "alice@operator.example", "ops-default", "ops-default", "ops-default");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.target()).isEqualTo("oc-main");
            assertThat(e.when()).isEqualTo(NOW);
            assertThat(e.toString()).doesNotContain("secret-value", "second-secret", "third-secret");
        });
        assertThat(events.get(2).detail()).isEqualTo("ConcurrentUpdateException");
    }

    @Test
    void a_sink_that_throws_never_breaks_the_write() {
        CredentialStore store = new AuditingCredentialStore(new InMemoryCredentialStore(), new Auditor(e -> {
            throw new IllegalStateException("sink down");
        }, () -> "ops", Clock.fixed(NOW, ZoneOffset.UTC)));

        store.create(KEY, secret("a-secret-value-000"));

        assertThat(store.find(KEY)).isPresent();
    }
}
