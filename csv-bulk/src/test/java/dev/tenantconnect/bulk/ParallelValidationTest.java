package dev.tenantconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chunked validation — on one thread or several, printable ASCII split directly or other text through Jackson —
 * reports exactly what the single pass through Jackson reports: the same problems in the same order, the same counts
 * and digest, on seeded random files full of mistakes, split into many small chunks so that duplicates, blank lines
 * and bad rows fall on every side of a chunk boundary.
 */
class ParallelValidationTest {
    private static final String[] CODES = {"device_import_msteams_OC", "device_import_msteams_OC_resource",
        "device_mobile_app", "device_desktop_app", "license_dnc_checking_enabled", "call_recording",
        "license_call_recording_unlimited_enabled", "team_chat", "license_number", "device_ip_phone",
        "no_such_code", "=HYPERLINK(1)"};
    private static final BulkFileFormat FORMAT = BulkFileFormat.standard();

    @TempDir
    Path dir;

    /** A random bulk file of the given rows: mostly good rows, about one in five with a mistake of some kind. */
    private static String randomFile(long seed, int rows) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder();
        boolean crlf = rnd.nextBoolean();
        String eol = crlf ? "\r\n" : "\n";
        char d = seed % 2 == 0 ? ';' : ','; // as spreadsheets in some locales write it
        b.append("Ext Key,Number,User,Addon license 1,Addon license 2,Addon license 3".replace(',', d)).append(eol);
        for (int i = 0; i < rows; i++) {
            int kind = rnd.nextInt(40);
            String ext = kind == 0 ? "" : kind == 1 ? "-x" : kind == 2 ? Integer.toString(1000 + rnd.nextInt(i + 1))
                    : kind == 3 ? "Key-" + rnd.nextInt(50) : Integer.toString(1000 + i);
            String number = kind == 4 ? "" : kind == 5 ? "6.5678E+09" : kind == 6 ? "+65 abc"
                    : kind == 7 ? "+65 6000 " + (1000 + rnd.nextInt(i + 1))
                    : kind == 8 ? "+6560001000;ext=" + rnd.nextInt(5) : "+65 6000 " + (1000 + i);
            String user = kind == 9 ? "" : kind == 10 ? "bad@@contoso" : kind == 11 ? "José Müller"
                    : kind == 12 ? "6b17bc95-fa47-49bf-8b00-0000000000" + (10 + rnd.nextInt(80))
                    : "user" + i + "@contoso.example";
            if (kind == 18) {
                ext = " " + ext + " ";
                number = number + "  ";
            }
            StringBuilder row = new StringBuilder(ext + d + number + d + user);
            int addons = rnd.nextInt(4);
            for (int a = 0; a < addons; a++) {
                row.append(d).append(kind == 13 || kind == 14 ? CODES[rnd.nextInt(CODES.length)]
                        : CODES[a == 0 ? 0 : 2 + rnd.nextInt(4)]);
            }
            if (kind == 15) {
                row.append(",,,,extra".replace(',', d));
            }
            if (kind == 16) {
                b.append(",,".replace(',', d)).append(eol); // a blank row between
            }
            if (kind == 19) {
                b.append(eol); // an empty line between
            }
            if (kind == 20) {
                row.append(d); // a trailing delimiter
            }
            if (kind == 17) {
                row.append("\t");
            }
            b.append(row).append(eol);
        }
        return b.toString();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void a_random_file_with_mistakes_gets_the_single_pass_report_problem_for_problem(long seed) throws IOException {
        Path file = write("random-" + seed + ".csv", randomFile(seed, 2000));
        FileReport single = FORMAT.validateSinglePass(file);
        assertThat(single.problemCount()).as("the file has mistakes to find").isGreaterThan(100);

        for (int threads : new int[] {1, 2, 8}) {
            FileReport parallel = FORMAT.validateInParallel(file, threads, 512 + (int) seed * 97)
                    .orElseThrow(() -> new AssertionError("read in parallel"));
            assertThat(parallel).isEqualTo(single);
        }
    }

    @Test
    void more_problems_than_listed_are_listed_and_counted_the_same() throws IOException {
        StringBuilder b = new StringBuilder("Ext Key,Number,User,Addon license 1\n");
        for (int i = 0; i < 4000; i++) {
            b.append(i % 7).append(",+65 6000 1000,user@contoso.example,team_chat\n");
        }
        Path file = write("many.csv", b.toString());
        FileReport single = FORMAT.validateSinglePass(file);
        assertThat(single.problemCount()).isGreaterThan(BulkFileFormat.MAX_REPORTED_PROBLEMS);

        assertThat(FORMAT.validateInParallel(file, 4, 700)).contains(single);
    }

    @Test
    void files_the_chunks_cannot_split_safely_are_read_by_the_single_pass() throws IOException {
        String good = randomFile(9, 500);
        Path quoted = write("quoted.csv", good.replace("user7@", "\"user,7\"@"));
        Path bareCr = write("cr.csv", good.replace("\r\n", "\n") + "99998,+6560099998,x@contoso.example\r"
                + "99999,+6560099999,y@contoso.example\n");
        Path comments = write("comments.csv", "# exported\n" + good);
        Path notUtf8 = dir.resolve("latin1.csv");
        Files.write(notUtf8, good.replace("José", "Jos\u00e9").getBytes(StandardCharsets.ISO_8859_1));

        for (Path file : new Path[] {quoted, bareCr, comments, notUtf8}) {
            assertThat(FORMAT.validateInParallel(file, 4, 1024)).as(file.getFileName().toString()).isEmpty();
            assertThat(FORMAT.withParallelism(4).validate(file)).isEqualTo(FORMAT.validateSinglePass(file));
            assertThat(FORMAT.validate(file)).isEqualTo(FORMAT.validateSinglePass(file));
        }
        Path over = write("over.csv", good);
        BulkFileFormat small = FORMAT.withLimits(100, BulkFileFormat.DEFAULT_MAX_BYTES);
        assertThat(small.validateInParallel(over, 4, 1024)).as("more rows than allowed").isEmpty();
    }

    @Test
    void a_single_quote_control_character_del_or_non_ascii_byte_is_seen_at_every_offset_of_a_word() throws IOException {
        // the chunks are scanned eight bytes at a time: one odd byte among plain ones, at each of 24 offsets, must be
        // seen — a quote sends the file to the single pass, the others are reported as the single pass reports them
        for (int pad = 0; pad < 24; pad++) {
            String user = "u" + "x".repeat(pad) + "@contoso.example";
            StringBuilder b = new StringBuilder("Ext Key,Number,User,Addon license 1\n");
            for (int i = 0; i < 40; i++) {
                b.append(1000 + i).append(",+6560001").append(100 + i).append(',').append(i == 20 ? "%s" : user)
                        .append(",team_chat\n");
            }
            String rows = b.toString();
            Path quoted = write("quote-" + pad + ".csv", String.format(rows, "\"" + user + "\""));
            assertThat(FORMAT.validateInParallel(quoted, 1, 1 << 16)).as("a quote at pad " + pad).isEmpty();
            for (String odd : new String[] {"\u0001", "\u007f", "\u00e9"}) {
                Path file = write("odd-" + pad + ".csv", String.format(rows, user.substring(0, pad / 2 + 1) + odd
                        + user.substring(pad / 2 + 1)));
                FileReport single = FORMAT.validateSinglePass(file);
                assertThat(single.problemCount()).as("U+%04X is a problem at pad %d", (int) odd.charAt(0), pad)
                        .isPositive();
                assertThat(FORMAT.validateInParallel(file, 1, 1 << 16)).as("U+%04X at pad %d", (int) odd.charAt(0),
                        pad).contains(single);
            }
        }
    }

    @Test
    void a_file_without_rows_or_with_a_bad_header_is_reported_as_the_single_pass_does() throws IOException {
        Path headerOnly = write("header.csv", "Ext Key,Number,User,Addon license 1\r\n");
        assertThat(FORMAT.validateInParallel(headerOnly, 2, 512)).contains(FORMAT.validateSinglePass(headerOnly));
        Path badHeader = write("bad.csv", "Ext Key,Numbr,User\n1,+6560001000,a@b.example\n");
        assertThat(FORMAT.validateInParallel(badHeader, 2, 512)).isEmpty();
    }

    @Test
    void parallelism_is_a_setting_of_the_format() {
        assertThat(FORMAT.parallelism()).isEqualTo(1);
        assertThat(FORMAT.withParallelism(4).parallelism()).isEqualTo(4);
        assertThat(FORMAT.withParallelism(4).withLimits(10, 10).parallelism()).isEqualTo(4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FORMAT.withParallelism(0))
                .isInstanceOf(dev.tenantconnect.core.error.ValidationException.class)
                .hasMessageContaining("parallelism");
    }
}
