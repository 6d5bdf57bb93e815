package dev.tenantconnect.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.error.StoreIntegrityException;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file journal passes the journal contract, keeps what was acknowledged, drops a line torn by a crash, refuses
 * damage, and keeps its files private.
 */
class FileJobJournalTest extends JobJournalContract {
    @TempDir
    Path dir;

    private final List<FileJobJournal> opened = new ArrayList<>();

    @Override
    protected JobJournal newJournal(FakeClock clock) {
        return open();
    }

    @Override
    protected JobJournal reopen(JobJournal journal, FakeClock clock) {
        return open();
    }

    private FileJobJournal open() {
        FileJobJournal j = new FileJobJournal(dir);
        opened.add(j);
        return j;
    }

    @AfterEach
    void closeJournals() {
        opened.forEach(FileJobJournal::close);
    }

    private static JournalEntry done(long line) {
        return new JournalEntry(line, JournalEntry.Kind.DONE, Optional.of(PhoneNumber.parse("+6590000000;ext=12")),
                Optional.of(UUID.fromString("5b0f1a6e-0a7b-4b51-9f6e-0c1f0e7c9a11")), "", "",
                Instant.parse("2026-11-22T10:00:01Z"));
    }

    private static JobHeader header(String id) {
        return header(id, Instant.parse("2026-11-22T10:00:00Z"));
    }

    @Test
    void a_jobs_folder_and_files_are_private_to_their_owner_whatever_the_umask() throws Exception {
        FileJobJournal j = open();
        j.create(header("job-p"));
        j.append("job-p", done(2));
        try (JobJournal.Lease lease = j.lease("job-p")) {
            assertThat(lease).isNotNull();
        }
        Set<PosixFilePermission> ownerRw = PosixFilePermissions.fromString("rw-------");
        assertThat(Files.getPosixFilePermissions(dir.resolve("job-p")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        for (String f : new String[] {"header.json", "journal.log", "lease"}) {
            assertThat(Files.getPosixFilePermissions(dir.resolve("job-p").resolve(f))).as(f).isEqualTo(ownerRw);
        }
    }

    @Test
    void a_line_torn_by_a_crash_is_dropped_and_the_next_append_continues_cleanly() throws Exception {
        try (FileJobJournal j = new FileJobJournal(dir)) {
            j.create(header("job-2"));
            j.append("job-2", done(2));
        }
        Path log = dir.resolve("job-2").resolve("journal.log");
        Files.writeString(log, "3\tDONE\t+659", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        FileJobJournal j = open();
        assertThat(j.read("job-2").orElseThrow().entries()).containsExactly(done(2));
        j.append("job-2", done(4));
        assertThat(j.read("job-2").orElseThrow().entries()).containsExactly(done(2), done(4));
    }

    @Test
    void damage_before_the_last_line_is_an_integrity_error() throws Exception {
        try (FileJobJournal j = new FileJobJournal(dir)) {
            j.create(header("job-3"));
            j.append("job-3", done(2));
            j.append("job-3", done(3));
        }
        Path log = dir.resolve("job-3").resolve("journal.log");
        byte[] b = Files.readAllBytes(log);
        b[0] = '7';
        Files.write(log, b);
        FileJobJournal j = open();
        assertThatThrownBy(() -> j.read("job-3")).isInstanceOf(StoreIntegrityException.class)
                .hasMessageContaining("damaged at entry 1");
    }

    @Test
    void a_header_written_by_an_earlier_version_with_nested_options_still_reads() throws Exception {
        Files.createDirectories(dir.resolve("job-old"));
        Files.writeString(dir.resolve("job-old").resolve("header.json"), """
                {"jobId": "job-old", "tenant": "6b17bc95-fa47-49bf-8b00-0000000000c1", "service": "oc-main",
                 "source": "/data/users.csv", "sha256": "%s", "createdAt": "2026-11-22T10:00:00Z",
                 "options": {"concurrency": 3, "numberPool": {"country": "SG", "type": "OPERATOR_CONNECT"},
                             "policies": {"TeamsCallingPolicy": "AllowCalling"}, "takeOverNumbers": true}}
                """.formatted("ab".repeat(32)));
        JobHeader h = open().read("job-old").orElseThrow().header();
        assertThat(h.key()).isEqualTo(KEY);
        assertThat(h.parameters()).containsOnly(java.util.Map.entry("concurrency", "3"),
                java.util.Map.entry("numberPool.country", "SG"), java.util.Map.entry("numberPool.type",
                        "OPERATOR_CONNECT"), java.util.Map.entry("policies.TeamsCallingPolicy", "AllowCalling"),
                java.util.Map.entry("takeOverNumbers", "true"));
    }
}
