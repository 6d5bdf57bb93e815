package dev.tenantconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a backup export adds to the bulk file: leading comment lines, optional columns, the checksum sidecar. */
class BackupFileFormatTest {
    static final String HEADER = "Ext Key,Number,User,Addon license 1,Addon license 2,Number Type,Account Type,"
            + "User ID,Emergency Location\r\n";
    static final String COMMENTS = "# Tenant Connect assignment backup\n"
            + "# tenant: 6b17bc95-fa47-49bf-8b00-0000000000b1\n# exported-at: 2026-12-06T04:00:00Z\n";

    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void comment_lines_before_the_header_and_the_optional_columns_are_read_and_lines_keep_their_file_numbers()
            throws Exception {
        Path f = file("backup.csv", COMMENTS + HEADER
                + "101,6590000001,alice@contoso.example,device_import_msteams_OC,call_recording,operatorConnect,user,"
                + "0f0e0d0c-0b0a-4009-8807-060504030201,3f2504e0-4f89-41d3-9a0c-0305e82c3301\r\n"
                + "n6590009000,6590009000,aa@contoso.example,device_import_msteams_OC_resource,,operatorConnect,"
                + "resourceAccount,0f0e0d0c-0b0a-4009-8807-060504030202,\r\n");
        List<BulkRow> rows = new ArrayList<>();
        FileReport r = BulkFileFormat.standard().read(f, rows::add);

        assertThat(r.problems()).isEmpty();
        assertThat(rows).extracting(BulkRow::line).containsExactly(5L, 6L);
        assertThat(rows.get(0).locationId()).contains("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
        assertThat(rows.get(1).locationId()).isEmpty();
        assertThat(rows.get(1).teams()).isTrue();
    }

    @Test
    void optional_cells_are_checked_and_each_problem_names_line_column_and_rule() throws Exception {
        Path f = file("bad.csv", COMMENTS + HEADER
                + "101,6590000001,alice@contoso.example,device_import_msteams_OC,,OperatorConnect,person,12345,\r\n");
        FileReport r = BulkFileFormat.standard().validate(f);

        assertThat(r.problems()).extracting(RowProblem::toString).containsExactly(
                "line 5, column 'Number Type': must be empty or one of operatorConnect, directRouting, callingPlan",
                "line 5, column 'Account Type': must be empty or one of user, resourceAccount",
                "line 5, column 'User ID': must be empty or an object ID (a GUID)");
    }

    @Test
    void a_file_of_comments_only_or_with_too_many_comment_lines_is_refused() throws Exception {
        assertThat(BulkFileFormat.standard().validate(file("only.csv", COMMENTS)).problems())
                .extracting(RowProblem::rule).containsExactly("the file has no header row");
        assertThat(BulkFileFormat.standard().validate(file("many.csv", "#\n".repeat(21) + HEADER)).problems())
                .extracting(RowProblem::rule).containsExactly("more than 20 comment lines ('#' first) before the "
                        + "header");
        assertThat(BulkFileFormat.standard().validate(file("later.csv", HEADER
                + "#101,6590000001,alice@contoso.example,device_import_msteams_OC\r\n")).ok())
                .as("a '#' row after the header is a row, and a bad one").isFalse();
    }

    @Test
    void verify_compares_the_file_with_its_sidecar_and_reads_the_tenant_and_time() throws Exception {
        Path f = file("backup.csv", COMMENTS + HEADER + "101,6590000001,alice@contoso.example,"
                + "device_import_msteams_OC\r\n");
        AssignmentExport.BackupCheck none = AssignmentExport.verify(f);
        assertThat(none.isExport()).isTrue();
        assertThat(none.expectedSha256()).isEmpty();
        assertThat(none.intact()).isFalse();
        assertThat(none.toText()).contains("no checksum file backup.csv.sha256");

        String sha = BulkFileFormat.standard().validate(f).sha256();
        Files.writeString(AssignmentExport.sidecar(f), sha + "  backup.csv\n");
        AssignmentExport.BackupCheck ok = AssignmentExport.verify(f);
        assertThat(ok.intact()).isTrue();
        assertThat(ok.tenant().map(Object::toString)).contains("6b17bc95-fa47-49bf-8b00-0000000000b1");
        assertThat(ok.exportedAt().map(Object::toString)).contains("2026-12-06T04:00:00Z");

        Files.writeString(f, Files.readString(f).replace("alice", "mallory"));
        AssignmentExport.BackupCheck changed = AssignmentExport.verify(f);
        assertThat(changed.intact()).isFalse();
        assertThat(changed.toText()).contains("CHECKSUM MISMATCH");
        assertThat(Optional.of(changed.sha256())).isNotEqualTo(changed.expectedSha256());
    }
}
