package dev.tenantconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.bulk.internal.ResultsWriter;
import dev.tenantconnect.core.billing.BillingReport;
import dev.tenantconnect.core.billing.InMemoryUsageLedger;
import dev.tenantconnect.core.billing.UsageEvent;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.inventory.CapacityHistory;
import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Billing and capacity reports as CSV written and read by Jackson: every cell quoted, CRLF, any pool name or add-on
 * code (separators, quotes, line breaks, formula payloads) reads back exactly and never starts a spreadsheet formula.
 */
class ReportCsvTest {
    private static final TenantId T1 = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000a1");
    private static final UUID ALICE = UUID.fromString("00000000-0000-4000-8000-00000000000a");
    private static final UUID BOB = UUID.fromString("00000000-0000-4000-8000-00000000000b");
    private static final String HOSTILE = "SG,1;2\"3\n=cmd|' /C calc'!A0";
    private static final String GOOD = "Day,Pool,Available,Total,Utilisation\r\n2026-11-01,SG/656789,200,300,0.3333\r\n";

    /** Pool names and add-on codes an attacker or a careless operator could choose. */
    private static List<String> names() {
        List<String> names = new ArrayList<>(List.of(HOSTILE, "a,b", "a;b", "say \"hi\"", "line\nbreak",
                "line\r\nbreak", "'=already marked", "x,''-2", "\t\t=1", "'", "plain/656789"));
        names.addAll(ResultsFileSafetyTest.PAYLOADS);
        return names.stream().distinct().toList();
    }

    private static Instant day(double d) {
        return Instant.parse("2026-11-01T00:00:00Z").plusMillis((long) (d * 86_400_000L));
    }

    private static UsageEvent holds(UUID user, double d, String... codes) {
        return new UsageEvent(T1, user, UsageEvent.Kind.HOLDS, Optional.empty(), Set.of(codes), day(d),
                UsageEvent.Source.PLATFORM);
    }

    /** Every cell of a file as a spreadsheet ignoring quotes would see it: split at line breaks and a separator. */
    private static Stream<String> naiveCells(String csv) {
        return Stream.of(csv.split("\r\n|\r|\n", -1)).flatMap(line -> ResultsFileSafetyTest.SEPARATORS.stream()
                .flatMap(sep -> Stream.concat(ResultsFileSafetyTest.splitNaive(line, sep).stream(),
                        ResultsFileSafetyTest.splitQuoted(line, sep).stream())));
    }

    private static CapacityHistory history(List<String> pools) {
        Map<String, Long> byPool = new LinkedHashMap<>();
        for (int i = 0; i < pools.size(); i++) {
            byPool.put(pools.get(i), 100L + i);
        }
        Map<String, Long> fewer = new LinkedHashMap<>();
        byPool.forEach((pool, n) -> fewer.put(pool, n - 3));
        return CapacityHistory.of(List.of(new CapacityHistory.Snapshot(LocalDate.of(2026, 11, 1), 900, 0.25, byPool),
                new CapacityHistory.Snapshot(LocalDate.of(2026, 11, 2), 900, 0.3333, fewer)));
    }

    @Test
    void billing_lines_are_quoted_cells_with_crlf_under_the_usual_header() {
        InMemoryUsageLedger ledger = new InMemoryUsageLedger();
        ledger.record(holds(ALICE, -3, "device_import_msteams_OC"));
        ledger.record(holds(BOB, 2.5, "device_import_msteams_OC"));
        String csv = ReportCsv.billing(BillingReport.compute(ledger, day(1), day(5)));
        // Alice 4 days (from the period's start), Bob 2.5 days; both held from day 2.5: peak 2; 2 events explain it
        assertThat(csv).isEqualTo("\"Tenant\",\"Addon\",\"User Days\",\"Peak Users\",\"Events\"\r\n"
                + "\"" + T1 + "\",\"device_import_msteams_OC\",\"6.5\",\"2\",\"2\"\r\n");
    }

    @Test
    void a_hostile_addon_code_stays_one_cell_and_never_starts_a_formula() {
        InMemoryUsageLedger ledger = new InMemoryUsageLedger();
        List<String> codes = names();
        ledger.record(holds(ALICE, 0, codes.toArray(String[]::new)));
        String csv = ReportCsv.billing(BillingReport.compute(ledger, day(1), day(2)));

        assertThat(naiveCells(csv)).as("no field a spreadsheet could see starts a formula")
                .noneMatch(ResultsFileSafetyTest::startsFormula);
        List<String> read = new ArrayList<>();
        StandardReader.read(csv).forEach(row -> read.add(ResultsWriter.restore(row.get(1))));
        assertThat(read).as("a standard CSV reader sees one cell per code, exact once the marks are removed")
                .containsExactlyInAnyOrderElementsOf(codes);
    }

    @Test
    void capacity_history_round_trips_any_pool_name_exactly_and_never_starts_a_formula() {
        CapacityHistory h = history(names());
        String csv = ReportCsv.capacity(h);

        assertThat(csv).startsWith("\"Day\",\"Pool\",\"Available\",\"Total\",\"Utilisation\"\r\n")
                .contains("\"2026-11-02\",\"plain/656789\",\"107\",\"900\",\"0.3333\"\r\n").endsWith("\r\n");
        assertThat(naiveCells(csv)).as("no field a spreadsheet could see starts a formula")
                .noneMatch(ResultsFileSafetyTest::startsFormula);
        CapacityHistory back = ReportCsv.capacityHistory(csv);
        assertThat(back.snapshots()).as("every pool name reads back exactly").isEqualTo(h.snapshots());
        assertThat(back.snapshots().get(0).availableByPool()).containsKeys(HOSTILE, "'=already marked", "\t\t=1");
        assertThat(ReportCsv.capacity(back)).isEqualTo(csv);
        assertThat(back.trend(2)).isEqualTo(h.trend(2));
    }

    @Test
    void the_apostrophes_marking_formulas_come_off_exactly_and_only_where_they_were_put() {
        List<String> texts = new ArrayList<>(names());
        texts.addAll(List.of("", "''", "'''=x", "\r", "a\r'=b", "it's", "a,'b", "'-", "=", "x;'\t"));
        for (String text : texts) {
            assertThat(ResultsWriter.restore(ResultsWriter.neutraliseReversibly(text))).as(text).isEqualTo(text);
        }
        assertThat(ResultsWriter.neutraliseReversibly("'=x")).isEqualTo("''=x");
        assertThat(ResultsWriter.neutraliseReversibly("a\n-1")).isEqualTo("a\n'-1");
        assertThat(ResultsWriter.neutralise("a\n-1")).as("results files escape line breaks instead").isEqualTo("a\n-1");
        assertThat(ResultsWriter.restore("it's")).isEqualTo("it's");
    }

    @Test
    void the_unquoted_file_earlier_versions_wrote_still_reads() {
        CapacityHistory h = ReportCsv.capacityHistory(GOOD + "\r\n2026-11-02,SG/656789,190,300,0.3667\n"
                + "2026-11-02,GB/4420,50,300,0.3667\n");
        assertThat(h.snapshots()).extracting(s -> s.day() + " " + s.availableByPool() + " " + s.total() + " "
                + s.utilisation()).containsExactly("2026-11-01 {SG/656789=200} 300 0.3333",
                        "2026-11-02 {GB/4420=50, SG/656789=190} 300 0.3667");
        assertThat(h.trend(2).get(1).consumedPerDay()).isEqualTo(10.0);
    }

    @Test
    void a_damaged_history_file_names_the_line_the_column_and_the_rule() {
        assertThatThrownBy(() -> ReportCsv.capacityHistory("Day;Pool\n"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("header");
                    assertThat(e.line()).hasValue(1);
                });
        assertThatThrownBy(() -> ReportCsv.capacityHistory(""))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("header"));
        assertThat(error(GOOD + "2026-11-02,SG/656789,lots,300,0.3\r\n")).isEqualTo("Available line 3");
        assertThat(error(GOOD + "2026-11-02,SG/656789,1,many,0.3\r\n")).isEqualTo("Total line 3");
        assertThat(error(GOOD + "2026-11-02,SG/656789,1,300,most\r\n")).isEqualTo("Utilisation line 3");
        assertThat(error(GOOD + "2026-13-02,SG/656789,1,300,0.3\r\n")).isEqualTo("Day line 3");
        assertThat(error(GOOD + "2026-11-02,SG/656789,1,300,1.5\r\n")).isEqualTo("Utilisation line 3");
        assertThat(error(GOOD + "2026-11-02,SG/656789,-1,300,0.3\r\n")).isEqualTo("Available/Total line 3");
        assertThat(error(GOOD + "2026-11-02, ,1,300,0.3\r\n")).isEqualTo("Pool line 3");
        assertThat(error(GOOD + "2026-11-02,SG/656789,1,300\r\n")).isEqualTo("row line 3");
        assertThat(error(GOOD + "\"2026-11-02\",\"two\nlines\",\"1\",\"300\",\"0.3\"\r\n2026-11-03,SG,x,300,0.3\r\n"))
                .as("a line break inside a quoted cell counts").isEqualTo("Available line 5");
        assertThatThrownBy(() -> ReportCsv.capacityHistory(GOOD + "2026-11-02,\"SG/656789,1,300,0.3\r\n"))
                .as("an unclosed quote").isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ReportCsv.capacityHistory(GOOD + "2026-11-02,SG,1,300,1.5\r\n"))
                .hasMessageContaining("between 0 and 1");
    }

    private static String error(String csv) {
        try {
            ReportCsv.capacityHistory(csv);
        } catch (ValidationException e) {
            return e.field() + " line " + e.line().orElseThrow();
        }
        throw new AssertionError("accepted: " + csv);
    }

    /** Reads cells with Jackson CSV directly (no report semantics), as any standard CSV reader would. */
    private static final class StandardReader {
        static List<List<String>> read(String csv) {
            try (com.fasterxml.jackson.databind.MappingIterator<List<String>> it = new com.fasterxml.jackson
                    .dataformat.csv.CsvMapper().enable(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature
                            .WRAP_AS_ARRAY).readerForListOf(String.class).readValues(csv)) {
                List<List<String>> rows = new ArrayList<>(it.readAll());
                assertThat(rows.get(0)).containsExactlyElementsOf(ReportCsv.BILLING_COLUMNS);
                return rows.subList(1, rows.size());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
