package dev.tenantconnect.bulk.internal;

import dev.tenantconnect.core.error.UntrustedText;
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
 * and remediation. Safe in every spreadsheet locale (OWASP CSV injection): every cell is quoted; wherever a field could
 * start — at the start of a cell and after any common list separator ({@code ,} {@code ;} tab) inside it, whichever
 * separator the spreadsheet's locale uses, after blanks and quotes — a formula prefix ({@code = + - @}, tab, CR) gets
 * an apostrophe in front; control characters (and Unicode line separators, bidi controls) are written as
 * {@code &#92;uXXXX}, never raw, also for input rows that failed validation. The reader accepts the apostrophe in the
 * {@code Number} column, so a results file can be fed back in. Written atomically, readable by its owner only.
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
        AtomicFile.write(target, true, out -> {
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
            w.write(cell(cells.get(i)));
        }
        w.write("\r\n");
    }

    /**
     * @param raw a cell's text, from the input or a result
     * @return the cell as written: neutralised, control characters escaped, quoted
     */
    public static String cell(String raw) {
        return '"' + neutralise(escapeControls(raw)).replace("\"", "\"\"") + '"';
    }

    /**
     * Puts an apostrophe where a field could start with a formula prefix, in any locale: at the start of the cell and
     * after each {@code ,} {@code ;} or tab in it, skipping blanks and quotes before the prefix.
     *
     * @param cell a cell
     * @return the cell, with an apostrophe at each field start a spreadsheet would execute
     */
    public static String neutralise(String cell) {
        return mark(cell, false, false);
    }

    /**
     * {@link #neutralise} for text that must read back exactly: a line break also starts a field, and a field start
     * whose apostrophes are followed by a formula prefix gets one more apostrophe, so {@link #restore} can undo it.
     *
     * @param cell a cell
     * @return the cell, with an apostrophe at each field start a spreadsheet would execute
     */
    public static String neutraliseReversibly(String cell) {
        return mark(cell, true, false);
    }

    /**
     * Undoes {@link #neutraliseReversibly}: removes one apostrophe at each field start where apostrophes precede a
     * formula prefix.
     *
     * @param cell a cell as read
     * @return the cell as it was before neutralising
     */
    public static String restore(String cell) {
        return mark(cell, true, true);
    }

    private static String mark(String cell, boolean reversible, boolean undo) {
        StringBuilder b = null;
        int copied = 0;
        for (int start = 0; start < cell.length(); start++) {
            if (start > 0 && !isSeparator(cell.charAt(start - 1))
                    && !(reversible && (cell.charAt(start - 1) == '\n' || cell.charAt(start - 1) == '\r'))) {
                continue;
            }
            int afterMarks = start;
            while (reversible && afterMarks < cell.length() && cell.charAt(afterMarks) == '\'') {
                afterMarks++;
            }
            if (formulaAt(cell, afterMarks) && (!undo || afterMarks > start)) {
                if (b == null) {
                    b = new StringBuilder(cell.length() + 8);
                }
                b.append(cell, copied, start);
                if (undo) {
                    copied = start + 1;
                } else {
                    b.append('\'');
                    copied = start;
                }
            }
        }
        return b == null ? cell : b.append(cell, copied, cell.length()).toString();
    }

    /**
     * @param cell a cell as read
     * @return whether a spreadsheet in another locale, splitting the cell at a {@code ,} {@code ;} or tab inside it,
     *     would see a field starting with a formula prefix
     */
    public static boolean hasFormulaAfterSeparator(String cell) {
        for (int start = 1; start < cell.length(); start++) {
            if (isSeparator(cell.charAt(start - 1)) && formulaAt(cell, start)) {
                return true;
            }
        }
        return false;
    }

    private static boolean formulaAt(String cell, int start) {
        int i = start;
        while (i < cell.length() && (cell.charAt(i) == ' ' || cell.charAt(i) == '"' || cell.charAt(i) == '\u00a0')) {
            i++;
        }
        return i < cell.length() && formulaPrefix(cell.charAt(i));
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == ';' || c == '\t';
    }

    private static boolean formulaPrefix(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
                || c == '\uff1d' || c == '\uff0b' || c == '\uff0d' || c == '\uff20'; // and their full-width forms
    }

    private static String escapeControls(String cell) {
        return UntrustedText.hasUnsafe(cell) ? UntrustedText.of(cell, Integer.MAX_VALUE) : cell;
    }
}
