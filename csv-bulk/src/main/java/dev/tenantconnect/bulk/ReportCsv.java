package dev.tenantconnect.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.tenantconnect.bulk.internal.ResultsWriter;
import dev.tenantconnect.core.billing.BillingReport;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.inventory.CapacityHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reports as CSV, written and read by Jackson CSV: every cell quoted, CRLF line ends, and, as in results files, an
 * apostrophe wherever a field could start a spreadsheet formula (at the start of a cell, after {@code ,} {@code ;}
 * tab or a line break inside it). The apostrophes are removed again on reading, so text reads back exactly.
 */
public final class ReportCsv {
    /** The billing report's columns. */
    public static final List<String> BILLING_COLUMNS = List.of("Tenant", "Addon", "User Days", "Peak Users",
            "Events");
    /** The capacity history's columns. */
    public static final List<String> CAPACITY_COLUMNS = List.of("Day", "Pool", "Available", "Total", "Utilisation");

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS)
            .enable(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private ReportCsv() {
    }

    /**
     * @param report a billing report
     * @return one row per line: tenant, add-on, user-days, peak users, number of explaining events
     */
    public static String billing(BillingReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (BillingReport.Line l : report.lines()) {
            rows.add(List.of(l.tenant().toString(), l.addonCode(), String.valueOf(l.userDays()),
                    String.valueOf(l.peakUsers()), String.valueOf(l.evidence().size())));
        }
        return write(BILLING_COLUMNS, rows);
    }

    /**
     * @param history a capacity history
     * @return one row per day and pool: day, pool, available, total, utilisation (4 decimals)
     */
    public static String capacity(CapacityHistory history) {
        List<List<String>> rows = new ArrayList<>();
        for (CapacityHistory.Snapshot s : history.snapshots()) {
            s.availableByPool().forEach((pool, available) -> rows.add(List.of(s.day().toString(), pool,
                    String.valueOf(available), String.valueOf(s.total()),
                    String.format(Locale.ROOT, "%.4f", s.utilisation()))));
        }
        return write(CAPACITY_COLUMNS, rows);
    }

    /**
     * Reads back what {@link #capacity} wrote (or the unquoted form earlier versions wrote), so a scheduler can keep
     * the history in a file between runs.
     *
     * @param csv the CSV text
     * @return the history
     * @throws ValidationException naming the line and column, when the header or a row is malformed
     */
    public static CapacityHistory capacityHistory(String csv) {
        Map<LocalDate, Long> totals = new TreeMap<>();
        Map<LocalDate, Double> utilisation = new TreeMap<>();
        Map<LocalDate, Map<String, Long>> pools = new TreeMap<>();
        boolean[] header = {true};
        read(csv, (lineNo, cells) -> {
            if (header[0]) {
                header[0] = false;
                if (!cells.equals(CAPACITY_COLUMNS)) {
                    throw new ValidationException("header", "must be " + String.join(",", CAPACITY_COLUMNS), lineNo,
                            null);
                }
                return;
            }
            if (cells.size() != CAPACITY_COLUMNS.size()) {
                throw new ValidationException("row", "must have 5 cells", lineNo, null);
            }
            LocalDate day;
            long available;
            long total;
            double used;
            try {
                day = LocalDate.parse(cells.get(0));
            } catch (DateTimeParseException e) {
                throw new ValidationException("Day", "must be a date like 2026-11-22", lineNo, e);
            }
            available = number(cells.get(2), "Available", lineNo);
            total = number(cells.get(3), "Total", lineNo);
            try {
                used = Double.parseDouble(cells.get(4));
            } catch (NumberFormatException e) {
                throw new ValidationException("Utilisation", "must be a number", lineNo, e);
            }
            if (cells.get(1).isBlank()) {
                throw new ValidationException("Pool", "must not be blank", lineNo, null);
            }
            if (available < 0 || total < 0) {
                throw new ValidationException("Available/Total", "must be counts of at least 0", lineNo, null);
            }
            if (!(used >= 0 && used <= 1)) {
                throw new ValidationException("Utilisation", "must be between 0 and 1", lineNo, null);
            }
            totals.put(day, total);
            utilisation.put(day, used);
            pools.computeIfAbsent(day, d -> new TreeMap<>()).put(cells.get(1), available);
        });
        if (header[0]) {
            throw new ValidationException("header", "must be " + String.join(",", CAPACITY_COLUMNS), 1, null);
        }
        List<CapacityHistory.Snapshot> snapshots = new ArrayList<>();
        pools.forEach((day, byPool) -> snapshots.add(new CapacityHistory.Snapshot(day, totals.get(day),
                utilisation.get(day), byPool)));
        return CapacityHistory.of(snapshots);
    }

    private static long number(String cell, String column, long lineNo) {
        try {
            return Long.parseLong(cell);
        } catch (NumberFormatException e) {
            throw new ValidationException(column, "must be a whole number", lineNo, e);
        }
    }

    private static String write(List<String> columns, List<List<String>> rows) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        columns.forEach(schema::addColumn);
        List<List<String>> cells = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            cells.add(row.stream().map(ResultsWriter::neutraliseReversibly).toList());
        }
        try {
            return MAPPER.writer(schema.build()).writeValueAsString(cells);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Receives a record. */
    @FunctionalInterface
    private interface Row {
        void accept(long line, List<String> cells);
    }

    private static void read(String csv, Row row) {
        try (CsvParser p = (CsvParser) MAPPER.getFactory().createParser(csv)) {
            p.setSchema(CsvSchema.emptySchema());
            long line = 0;
            List<String> cells = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_ARRAY) {
                    line = 0;
                    cells = new ArrayList<>();
                } else if (t == JsonToken.VALUE_STRING) {
                    if (line == 0) {
                        line = p.currentTokenLocation().getLineNr();
                    }
                    cells.add(ResultsWriter.restore(p.getText()));
                } else if (t == JsonToken.END_ARRAY && !cells.stream().allMatch(String::isBlank)) {
                    row.accept(line, cells);
                }
            }
        } catch (JsonProcessingException e) {
            throw new ValidationException("csv", "must be well-formed CSV (quotes closed, UTF-8)",
                    e.getLocation() == null ? -1 : e.getLocation().getLineNr(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
