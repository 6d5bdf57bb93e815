package dev.tenantconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.bulk.internal.ResultsWriter;
import dev.tenantconnect.core.addon.AddonLicense;
import dev.tenantconnect.core.addon.AddonTarget;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.UserRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator's bulk assignment file: what the reader accepts, and the exact error for every malformed file of the
 * corpus.
 */
class BulkFileFormatTest {
    private final BulkFileFormat format = BulkFileFormat.standard();

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(BulkFileFormatTest.class.getResource("/bulk/" + name).toURI());
    }

    private List<BulkRow> rows(Path file, FileReport[] report) {
        List<BulkRow> rows = new ArrayList<>();
        report[0] = format.read(file, rows::add);
        return rows;
    }

    @Test
    void seed_001_sample_table_parses_exactly_as_shown() throws Exception {
        FileReport[] report = new FileReport[1];
        List<BulkRow> rows = rows(resource("good/seed-001-sample.csv"), report);

        assertThat(report[0].ok()).as(report[0].toText()).isTrue();
        assertThat(report[0].addonColumns()).isEqualTo(4);
        assertThat(rows).extracting(BulkRow::line).containsExactly(2L, 3L, 4L, 5L);
        assertThat(rows).extracting(BulkRow::extKey).containsExactly("101", "102", "104", "109");
        assertThat(rows).extracting(r -> r.number().orElseThrow()).containsExactly(
                PhoneNumber.parse("+6567891230"), PhoneNumber.parse("+6567891231"),
                PhoneNumber.parse("+6567891232"), PhoneNumber.parse("+6567891233"));
        assertThat(rows).extracting(BulkRow::user).containsExactly(new RowUser.DisplayName("John"),
                new RowUser.DisplayName("Alice"), new RowUser.DisplayName("Resource Account"),
                new RowUser.DisplayName("Hallie"));
        assertThat(rows.get(0).addonCodes()).containsExactly("device_import_msteams_OC", "device_mobile_app",
                "license_dnc_checking_enabled", "call_recording");
        assertThat(rows.get(0).addons().target()).isEqualTo(AddonTarget.USER);
        assertThat(rows.get(2).addonCodes()).containsExactly("device_import_msteams_OC_resource",
                "device_desktop_app", "call_recording");
        assertThat(rows.get(2).addons().target()).isEqualTo(AddonTarget.RESOURCE_ACCOUNT);
        assertThat(rows.get(3).teams()).as("Hallie's IP phone extension has no Teams add-on").isFalse();
        assertThat(rows.get(3).addons().contains(AddonLicense.IP_PHONE)).isTrue();
    }

    @Test
    void spreadsheet_exports_are_read_tolerantly_bom_semicolons_crlf_case_blanks_and_any_addon_number()
            throws Exception {
        FileReport[] report = new FileReport[1];
        List<BulkRow> rows = rows(resource("good/spreadsheet-export.csv"), report);

        assertThat(report[0].ok()).as(report[0].toText()).isTrue();
        assertThat(report[0].delimiter()).isEqualTo(';');
        assertThat(rows).extracting(BulkRow::line).as("the blank line is skipped, line numbers stay true")
                .containsExactly(2L, 4L, 5L);
        assertThat(rows.get(0).number()).contains(PhoneNumber.parse("+6567891230"));
        assertThat(rows.get(0).user()).isEqualTo(new RowUser.Ref(UserRef.parse("john@contoso.example")));
        assertThat(rows.get(1).number()).as("a results file's neutralised number reads back")
                .contains(PhoneNumber.parse("+6567891231"));
        assertThat(rows.get(2).number()).isEmpty();
        assertThat(rows.get(2).pickNumber()).as("an empty Number with license_number means: pick one").isTrue();
        assertThat(rows.get(1).pickNumber()).isFalse();
    }

    @Test
    void an_empty_number_without_license_number_means_no_number() throws IOException {
        FileReport[] report = new FileReport[1];
        List<BulkRow> rows = new ArrayList<>();
        report[0] = format.read(new ByteArrayInputStream(("Ext Key,Number,User,Addon license 1\n"
                + "201,,5b0f1a6e-0a7b-4b51-9f6e-0c1f0e7c9a11,team_chat\n").getBytes(StandardCharsets.UTF_8)),
                rows::add);
        assertThat(report[0].ok()).isTrue();
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.wantsNumber()).isFalse();
            assertThat(r.user()).isInstanceOf(RowUser.Ref.class);
            assertThat(((RowUser.Ref) r.user()).ref()).isInstanceOf(UserRef.ObjectId.class);
        });
    }

    @Test
    void the_generated_template_is_a_valid_file(@TempDir Path dir) {
        Path t = dir.resolve("sample.csv");
        format.writeTemplate(t);
        FileReport report = format.validate(t);
        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(report.rows()).isEqualTo(4);
        List<BulkRow> rows = new ArrayList<>();
        format.read(t, rows::add);
        assertThat(rows).anyMatch(BulkRow::pickNumber)
                .anyMatch(r -> r.addons().target() == AddonTarget.RESOURCE_ACCOUNT);
    }

    static Stream<String> corpus() throws Exception {
        try (Stream<Path> s = Files.list(resource("bad"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void every_malformed_file_yields_exactly_the_expected_errors(String name) throws Exception {
        Path file = resource("bad/" + name);
        List<String> expected = Files.readAllLines(resource("bad/" + name.replace(".csv", ".expected")));
        List<BulkRow> valid = new ArrayList<>();

        FileReport report = format.read(file, valid::add);

        assertThat(report.problems()).extracting(RowProblem::toString).containsExactlyElementsOf(expected);
        assertThat(report.ok()).isFalse();
        assertThat(report.validRows()).isEqualTo(valid.size());
    }

    @Test
    void problems_are_counted_beyond_the_listed_thousand_and_memory_stays_bounded() throws IOException {
        int n = 50_000;
        InputStream header = new ByteArrayInputStream("Ext Key,Number,User,Addon license 1\n".getBytes(
                StandardCharsets.UTF_8));
        InputStream body = new InputStream() {
            private byte[] line = new byte[0];
            private int pos;
            private int row;

            @Override
            public int read() {
                if (pos == line.length) {
                    if (row == n) {
                        return -1;
                    }
                    // every row repeats number and Ext Key 1000: n-1 duplicates of each
                    line = ("1000,6567890000,u" + row
                            + "@contoso.example,call_recording\n").getBytes(StandardCharsets.UTF_8);
                    pos = 0;
                    row++;
                }
                return line[pos++];
            }
        };
        FileReport report = format.read(new SequenceInputStream(header, body), r -> { });
        assertThat(report.rows()).isEqualTo(n);
        assertThat(report.validRows()).isEqualTo(1);
        assertThat(report.problemCount()).isEqualTo(2L * (n - 1));
        assertThat(report.problems()).hasSize(BulkFileFormat.MAX_REPORTED_PROBLEMS);
        assertThat(report.problems().get(0).toString()).isEqualTo("line 3, column 'Ext Key': the same Ext Key as line 2");
    }

    @Test
    void results_cells_a_spreadsheet_would_execute_are_neutralised() {
        assertThat(ResultsWriter.neutralise("=1+1")).isEqualTo("'=1+1");
        assertThat(ResultsWriter.neutralise("+6567891230")).isEqualTo("'+6567891230");
        assertThat(ResultsWriter.neutralise("-2")).isEqualTo("'-2");
        assertThat(ResultsWriter.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ResultsWriter.neutralise("\tx")).isEqualTo("'\tx");
        assertThat(ResultsWriter.neutralise("6567891230")).isEqualTo("6567891230");
        assertThat(ResultsWriter.neutralise("")).isEmpty();
        assertThat(PhoneNumber.parse(ResultsWriter.neutralise("+6567891230")))
                .isEqualTo(PhoneNumber.parse("+6567891230"));
    }
}
