package dev.tenantconnect.core.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Billing figures checked against a period computed by hand. */
class BillingReportTest {
    static final TenantId T1 = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000a1");
    static final TenantId T2 = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000a2");
    static final UUID ALICE = UUID.fromString("00000000-0000-4000-8000-00000000000a");
    static final UUID BOB = UUID.fromString("00000000-0000-4000-8000-00000000000b");
    static final UUID CAROL = UUID.fromString("00000000-0000-4000-8000-00000000000c");
    static final String OC = "device_import_msteams_OC";
    static final String REC = "call_recording";

    private static Instant day(double d) {
        return Instant.parse("2026-11-01T00:00:00Z").plusMillis((long) (d * 86_400_000L));
    }

    private static UsageEvent holds(TenantId t, UUID u, double d, String... codes) {
        return new UsageEvent(t, u, UsageEvent.Kind.HOLDS, Optional.empty(), Set.of(codes), day(d),
                UsageEvent.Source.PLATFORM);
    }

    private static UsageEvent ended(TenantId t, UUID u, double d, UsageEvent.Source source) {
        return new UsageEvent(t, u, UsageEvent.Kind.ENDED, Optional.empty(), Set.of(), day(d), source);
    }

    @Test
    void user_days_and_peaks_per_tenant_and_addon_match_the_hand_computed_period() {
        InMemoryUsageLedger ledger = new InMemoryUsageLedger();
        ledger.record(holds(T1, CAROL, -3, OC));               // enabled before the period: counted from day 1
        ledger.record(holds(T1, ALICE, 1, OC, REC));
        ledger.record(holds(T1, BOB, 2.5, OC));
        ledger.record(holds(T1, ALICE, 3, OC));               // Alice drops call recording on day 3
        ledger.record(holds(T1, ALICE, 3.5, OC));             // a re-run repeats the same holdings: no change
        ledger.record(ended(T1, BOB, 4, UsageEvent.Source.OBSERVED)); // Bob deleted outside the platform
        ledger.record(holds(T2, BOB, 0.5, OC));               // another tenant, half a day before the period too
        ledger.record(holds(T1, CAROL, 9, OC));               // after the period: ignored

        // period: day 1 (inclusive) to day 5 (exclusive)
        BillingReport r = BillingReport.compute(ledger, day(1), day(5));

        // T1/OC: Carol 4 days + Alice 4 days (day 1..5) + Bob 1.5 days (2.5..4) = 9.5; peak 3 on day 2.5..4
        // T1/REC: Alice 2 days (1..3); peak 1
        // T2/OC: Bob 4 days (from day 1, enabled at 0.5); peak 1
        assertThat(r.lines()).extracting(l -> l.tenant() + "/" + l.addonCode() + " " + l.userDays() + " "
                + l.peakUsers()).containsExactly(
                        T1 + "/" + REC + " 2.0 1",
                        T1 + "/" + OC + " 9.5 3",
                        T2 + "/" + OC + " 4.0 1");
        BillingReport.Line oc = r.lines().get(1);
        assertThat(oc.evidence()).extracting(UsageEvent::user).contains(ALICE, BOB, CAROL);
        assertThat(oc.evidence()).anyMatch(e -> e.source() == UsageEvent.Source.OBSERVED && e.user().equals(BOB));
        assertThat(r.toJson()).contains("\"addon\":\"" + REC + "\",\"userDays\":2.0,\"peakUsers\":1",
                "\"source\":\"OBSERVED\"");
    }

    @Test
    void a_period_without_usage_has_no_lines_and_an_empty_period_is_refused() {
        InMemoryUsageLedger ledger = new InMemoryUsageLedger();
        ledger.record(holds(T1, ALICE, 1, OC));
        ledger.record(ended(T1, ALICE, 2, UsageEvent.Source.PLATFORM));
        assertThat(BillingReport.compute(ledger, day(3), day(4)).lines()).isEmpty();
        assertThatThrownBy(() -> BillingReport.compute(ledger, day(4), day(4)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("to");
        assertThatThrownBy(() -> new UsageEvent(T1, ALICE, UsageEvent.Kind.ENDED, Optional.empty(), Set.of(OC),
                day(1), UsageEvent.Source.PLATFORM)).isInstanceOf(IllegalArgumentException.class);
    }
}
