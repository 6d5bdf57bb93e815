package dev.tenantconnect.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.number.NumberState;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Capacity over time: daily snapshots, consumption per pool, days until exhaustion. */
class CapacityHistoryTest {
    private static CapacityReport report(long sgAvailable, long gbAvailable) {
        long total = 300;
        long free = sgAvailable + gbAvailable;
        return CapacityReport.builder(total).byState(Map.of(NumberState.AVAILABLE, free, NumberState.ASSIGNED,
                total - free)).availableByCountryAndPrefix(Map.of("SG/656789", sgAvailable, "GB/4420", gbAvailable))
                .build();
    }

    @Test
    void a_pool_consumed_steadily_runs_out_when_the_line_says_and_a_steady_pool_never_does() {
        CapacityHistory h = new CapacityHistory();
        LocalDate d0 = LocalDate.of(2026, 11, 1);
        for (int i = 0; i < 10; i++) {
            h.record(d0.plusDays(i), report(200 - 5L * i, 50)); // SG loses 5 a day, GB is untouched
        }
        h.record(d0.plusDays(9), report(155, 50)); // the same day again replaces, not adds

        assertThat(h.snapshots()).hasSize(10);
        assertThat(h.trend(10)).extracting(t -> t.pool() + " " + t.availableNow() + " " + t.consumedPerDay() + " "
                + (t.daysUntilExhaustion().isPresent() ? t.daysUntilExhaustion().getAsDouble() : "never"))
                .containsExactly("GB/4420 50 0.0 never", "SG/656789 155 5.0 31.0");
        assertThat(h.trend(3).get(1).consumedPerDay()).isEqualTo(5.0);
        assertThat(h.toJson(10)).contains("\"pool\":\"SG/656789\",\"availableNow\":155,\"consumedPerDay\":5.0,"
                + "\"daysUntilExhaustion\":31.0");

        CapacityHistory back = CapacityHistory.of(h.snapshots());
        assertThat(back.snapshots()).as("rebuilt from its snapshots").isEqualTo(h.snapshots());
        assertThat(back.trend(10)).isEqualTo(h.trend(10));
    }

    @Test
    void a_history_rebuilt_from_snapshots_keeps_the_later_one_of_a_day_and_orders_them_by_day() {
        LocalDate d = LocalDate.of(2026, 11, 1);
        CapacityHistory h = CapacityHistory.of(java.util.List.of(
                new CapacityHistory.Snapshot(d.plusDays(1), 300, 0.5, Map.of("SG/656789", 150L)),
                new CapacityHistory.Snapshot(d, 300, 0.2, Map.of("SG/656789", 240L)),
                new CapacityHistory.Snapshot(d, 300, 0.3, Map.of("SG/656789", 210L))));
        assertThat(h.snapshots()).extracting(s -> s.day() + " " + s.availableByPool().get("SG/656789"))
                .containsExactly("2026-11-01 210", "2026-11-02 150");
        assertThat(h.trend(2).get(0).consumedPerDay()).isEqualTo(60.0);
    }

    @Test
    void json_is_written_by_jackson_so_any_pool_name_stays_one_valid_string() throws Exception {
        String pool = "SG\"}]x\\z\u0007";
        CapacityHistory h = CapacityHistory.of(java.util.List.of(new CapacityHistory.Snapshot(
                LocalDate.of(2026, 11, 21), 20, 0.5, Map.of(pool, 10L))));
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.List<String> strings = new java.util.ArrayList<>();
        try (com.fasterxml.jackson.core.JsonParser p = new com.fasterxml.jackson.core.JsonFactory().createParser(
                h.toJson(5))) {
            for (var t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    names.add(p.currentName());
                } else if (t == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                    strings.add(p.getText());
                }
            }
        }
        assertThat(names).as("the pool is one key of 'available', read back exactly").contains(pool);
        assertThat(strings).contains(pool, "2026-11-21");
    }
}
