package dev.tenantconnect.bulk.internal;

import dev.tenantconnect.core.io.AtomicFile;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Writes a bulk job's results file: every input row with its cells, then status, assigned number, user ID, error
 * and remediation. Cells a spreadsheet would execute (starting with {@code = + - @}, tab or CR) are neutralised with
 * a leading apostrophe (OWASP CSV injection); the reader accepts that apostrophe in the {@code Number} column, so a
 * results file can be fed back in. Written atomically.
 */
public final class ResultsWriter {
    /** The columns appended to the input's. */
    public static final List<String> COLUMNS = List.of("Status", "Assigned Number", "User ID", "Error",
            "Remediation");

    private ResultsWriter() {
    }

    /** Reads a file record by record. */
    @FunctionalInterface
    public interface Source {
        /**
         * @param records receives each record
         * @return the SHA-256 of the file read
         */
        String read(Records records);
    }

    /** Receives records. */
    @FunctionalInterface
    public interface Records {
        /**
         * @param line the record's line
         * @param cells its cells
         * @param header whether it is the header
         * @param delimiter the input's delimiter (the results file uses the same)
         */
        void accept(long line, List<String> cells, boolean header, char delimiter);
    }

    /** The result columns of one row. */
    public record Row(String status, String number, String user, String error, String remediation) {
    }

    /**
     * @param source reads the input file
     * @param target the results file
     * @param outcome the result of the row on a line
     * @return the SHA-256 of the input as read
     */
    public static String write(Source source, Path target, LongFunction<Row> outcome) {
        String[] sha = new String[1];
        AtomicFile.write(target, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            int[] width = new int[1];
            try {
                sha[0] = source.read((line, cells, header, delimiter) -> {
                    List<String> all = new ArrayList<>(cells);
                    if (header) {
                        width[0] = cells.size();
                        all.addAll(COLUMNS);
                    } else {
                        while (all.size() < width[0]) {
                            all.add("");
                        }
                        Row r = outcome.apply(line);
                        all.addAll(List.of(r.status(), r.number(), r.user(), r.error(), r.remediation()));
                    }
                    try {
                        writeRecord(w, all, delimiter);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            w.flush();
        });
        return sha[0];
    }

    private static void writeRecord(Writer w, List<String> cells, char delimiter) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(delimiter);
            }
            w.write(quote(neutralise(cells.get(i)), delimiter));
        }
        w.write("\r\n");
    }

    /**
     * @param cell a cell
     * @return the cell, with a leading apostrophe if a spreadsheet would execute it
     */
    public static String neutralise(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }

    private static String quote(String cell, char delimiter) {
        boolean needs = cell.indexOf(delimiter) >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                || cell.indexOf('\r') >= 0 || !cell.equals(cell.strip());
        return needs ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
