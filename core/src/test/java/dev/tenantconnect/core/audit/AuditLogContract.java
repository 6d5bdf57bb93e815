package dev.tenantconnect.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AuditLog} must pass: an event reads back exactly as recorded (every field, correlation
 * IDs in order), a tenant's events are its own, {@code since} is inclusive, events come oldest first and in
 * recorded order when their times are equal, and recording is append-only (the same event twice is two rows).
 * Published in the core test-jar; extend it and implement {@link #newLog()} (and {@link #reopen} for stores that
 * other instances read).
 */
public abstract class AuditLogContract {
    /** A tenant used throughout. */
    protected static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000a1");
    /** Another tenant, to check isolation. */
    protected static final TenantId OTHER = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000a2");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** The log under test. */
    protected AuditLog log;

    /** @return a new, empty log */
    protected abstract AuditLog newLog();

    /**
     * @param log the log under test
     * @return a log reading the same rows, as another instance would (the same object for memory logs)
     */
    protected AuditLog reopen(AuditLog log) {
        return log;
    }

    @BeforeEach
    void freshLog() {
        log = newLog();
    }

    private static AuditEvent event(TenantId tenant, AuditAction action, String target, Instant when) {
        Map<String, String> corr = new LinkedHashMap<>();
        corr.put(AuditEvent.CLIENT_REQUEST_ID, "0d3c1f6e-1111-4b51-9f6e-" + target.hashCode());
        corr.put(AuditEvent.REQUEST_ID, "9a8b7c6d-2222-4b51-9f6e-0c1f0e7c9a11");
        return new AuditEvent("operator@example.net", action, tenant, target, when, AuditResult.SUCCEEDED,
                "HTTP 202", corr);
    }

    @Test
    void an_event_reads_back_exactly_as_recorded_with_its_correlation_ids_in_order() {
        AuditEvent e = event(TENANT, AuditAction.NUMBER_ASSIGN, "+6590000001", T0);
        AuditEvent failed = new AuditEvent("ops-batch", AuditAction.CREDENTIAL_REPLACE, TENANT, "oc-main",
                T0.plusMillis(1), AuditResult.FAILED, "ConcurrentUpdateException", Map.of());
        log.record(e);
        log.record(failed);

        assertThat(reopen(log).find(TENANT, T0)).containsExactly(e, failed);
        assertThat(reopen(log).find(TENANT, T0).get(0).correlation().keySet())
                .containsExactly(AuditEvent.CLIENT_REQUEST_ID, AuditEvent.REQUEST_ID);
    }

    @Test
    void a_tenants_events_are_its_own_and_since_is_inclusive() {
        log.record(event(TENANT, AuditAction.SECRET_ADD, "/applications/a/addPassword", T0.minusSeconds(1)));
        AuditEvent atT0 = event(TENANT, AuditAction.PERMISSION_GRANT, "/servicePrincipals/s/appRoleAssignments", T0);
        log.record(atT0);
        log.record(event(OTHER, AuditAction.NUMBER_UPLOAD, "+6590000002", T0.plusSeconds(5)));

        assertThat(reopen(log).find(TENANT, T0)).containsExactly(atT0);
        assertThat(reopen(log).find(TENANT, T0.minusSeconds(1))).hasSize(2);
        assertThat(reopen(log).find(OTHER, T0)).extracting(AuditEvent::action)
                .containsExactly(AuditAction.NUMBER_UPLOAD);
        assertThat(reopen(log).find(TENANT, T0.plusSeconds(60))).isEmpty();
    }

    @Test
    void events_come_oldest_first_and_in_recorded_order_when_their_times_are_equal() {
        AuditEvent late = event(TENANT, AuditAction.NUMBER_UNASSIGN, "+6590000003", T0.plusSeconds(10));
        AuditEvent first = event(TENANT, AuditAction.NUMBER_ASSIGN, "+6590000003", T0);
        AuditEvent second = event(TENANT, AuditAction.POLICY_GRANT, "user-1", T0);
        log.record(late);
        log.record(first);
        log.record(second);

        assertThat(reopen(log).find(TENANT, T0)).containsExactly(first, second, late);
    }

    @Test
    void recording_is_append_only_the_same_event_twice_is_two_rows() {
        AuditEvent e = event(TENANT, AuditAction.NUMBER_RELEASE, "+6590000004", T0);
        log.record(e);
        log.record(e);

        assertThat(reopen(log).find(TENANT, T0)).containsExactly(e, e);
    }
}
