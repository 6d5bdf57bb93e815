package dev.tenantconnect.core.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link UsageLedger} must pass: events read back in another instance exactly as recorded, oldest
 * first with same-instant events in the order recorded, bounded by an exclusive end and filtered per tenant; the
 * billing report over it is the one the in-memory ledger gives. Published in the core test-jar; extend it and
 * implement {@link #newLedger()} and {@link #reopen(UsageLedger)}.
 */
public abstract class UsageLedgerContract {
    /** A tenant used throughout. */
    protected static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e1");
    /** Another tenant, to check isolation. */
    protected static final TenantId OTHER = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e2");
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    /** The ledger under test. */
    protected UsageLedger ledger;

    /** @return a new, empty ledger */
    protected abstract UsageLedger newLedger();

    /**
     * @param ledger the ledger under test
     * @return a ledger reading the same events, as another instance would (the same object for memory ledgers)
     */
    protected UsageLedger reopen(UsageLedger ledger) {
        return ledger;
    }

    @BeforeEach
    void freshLedger() {
        ledger = newLedger();
    }

    private static UsageEvent holds(TenantId tenant, UUID user, Instant at, String... addons) {
        return new UsageEvent(tenant, user, UsageEvent.Kind.HOLDS, Optional.of(PhoneNumber.parse("+6590000001")),
                Set.of(addons), at, UsageEvent.Source.PLATFORM);
    }

    private static UsageEvent ended(TenantId tenant, UUID user, Instant at) {
        return new UsageEvent(tenant, user, UsageEvent.Kind.ENDED, Optional.empty(), Set.of(), at,
                UsageEvent.Source.OBSERVED);
    }

    @Test
    void events_read_back_oldest_first_and_same_instant_events_in_the_order_recorded() {
        UUID alice = UUID.fromString("5b0f1a6e-0a7b-4b51-9f6e-0c1f0e7c9a11");
        UUID bob = UUID.fromString("5b0f1a6e-0a7b-4b51-9f6e-0c1f0e7c9a12");
        UsageEvent later = ended(TENANT, alice, T0.plus(Duration.ofHours(36)));
        UsageEvent first = holds(TENANT, alice, T0, "device_import_msteams_OC", "call_recording");
        UsageEvent sameInstantA = holds(TENANT, bob, T0.plusSeconds(60), "device_import_msteams_OC");
        UsageEvent sameInstantB = ended(TENANT, bob, T0.plusSeconds(60));
        for (UsageEvent e : List.of(later, first, sameInstantA, sameInstantB)) {
            ledger.record(e);
        }
        assertThat(reopen(ledger).eventsBefore(T0.plus(Duration.ofDays(3))))
                .containsExactly(first, sameInstantA, sameInstantB, later);
        assertThat(ledger.eventsBefore(T0.plus(Duration.ofHours(36)))).as("the end is exclusive")
                .containsExactly(first, sameInstantA, sameInstantB);
        assertThat(ledger.eventsBefore(T0)).isEmpty();
    }

    @Test
    void a_tenants_events_are_its_own() {
        UUID user = UUID.fromString("5b0f1a6e-0a7b-4b51-9f6e-0c1f0e7c9a13");
        UsageEvent mine = holds(TENANT, user, T0, "team_chat");
        UsageEvent theirs = holds(OTHER, user, T0.plusSeconds(1), "team_chat");
        ledger.record(mine);
        ledger.record(theirs);
        assertThat(reopen(ledger).eventsBefore(TENANT, T0.plus(Duration.ofDays(1)))).containsExactly(mine);
        assertThat(ledger.eventsBefore(OTHER, T0.plus(Duration.ofDays(1)))).containsExactly(theirs);
    }

    @Test
    void the_billing_report_is_the_one_the_in_memory_ledger_gives() {
        InMemoryUsageLedger memory = new InMemoryUsageLedger();
        UUID alice = UUID.fromString("5b0f1a6e-0a7b-4b51-9f6e-0c1f0e7c9a14");
        for (UsageEvent e : List.of(holds(TENANT, alice, T0, "device_import_msteams_OC", "call_recording"),
                ended(TENANT, alice, T0.plus(Duration.ofHours(36))))) {
            ledger.record(e);
            memory.record(e);
        }
        BillingReport report = BillingReport.compute(reopen(ledger), T0, T0.plus(Duration.ofDays(2)));
        assertThat(report.lines()).isEqualTo(BillingReport.compute(memory, T0, T0.plus(Duration.ofDays(2))).lines());
        assertThat(report.lines()).extracting(l -> l.addonCode() + " " + l.userDays())
                .containsExactly("call_recording 1.5", "device_import_msteams_OC 1.5");
    }
}
