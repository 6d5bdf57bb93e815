package dev.tenantconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.error.StoreIntegrityException;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file journal keeps what was acknowledged, drops a line torn by a crash, and refuses damage. */
class FileJobJournalTest {
    static final CredentialKey KEY = new CredentialKey(TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000c1"),
            ServiceId.of("oc-main"));

    @TempDir
    Path dir;

    private static JobHeader header(String id) {
        return new JobHeader(id, KEY, Path.of("/data/users.csv"), "ab".repeat(32), BulkOptions.defaults()
                .withConcurrency(3).withFailurePolicy(FailurePolicy.STOP_AT_FIRST_FAILURE)
                .withNumberPool(NumberPool.operatorConnect("SG")).withLocationId("loc-1")
                .withPolicies(Map.of("TeamsCallingPolicy", "AllowCalling")), Instant.parse("2026-11-22T10:00:00Z"));
    }

    private static JournalEntry done(long line) {
        return new JournalEntry(line, JournalEntry.Kind.DONE, Optional.of(PhoneNumber.parse("+6590000000;ext=12")),
                Optional.of(UUID.fromString("5b0f1a6e-0a7b-4b51-9f6e-0c1f0e7c9a11")), "", "",
                Instant.parse("2026-11-22T10:00:01Z"));
    }

    @Test
    void a_jobs_folder_and_files_are_private_to_their_owner_whatever_the_umask() throws Exception {
        try (FileJobJournal j = new FileJobJournal(dir)) {
            j.create(header("job-p"));
            j.append("job-p", done(2));
            try (JobJournal.Lease lease = j.lease("job-p")) {
                assertThat(lease).isNotNull();
            }
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> ownerRw =
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        assertThat(Files.getPosixFilePermissions(dir.resolve("job-p")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        for (String f : new String[] {"header.json", "journal.log", "lease"}) {
            assertThat(Files.getPosixFilePermissions(dir.resolve("job-p").resolve(f))).as(f).isEqualTo(ownerRw);
        }
    }

    @Test
    void a_job_reads_back_exactly_as_written_in_another_journal_instance() {
        try (FileJobJournal j = new FileJobJournal(dir)) {
            j.create(header("job-1"));
            j.append("job-1", done(2));
            j.append("job-1", new JournalEntry(3, JournalEntry.Kind.FAILED, Optional.empty(), Optional.empty(),
                    "tab\there, newline\nthere, back\\slash", "fix it", Instant.parse("2026-11-22T10:00:02Z")));
        }
        try (FileJobJournal again = new FileJobJournal(dir)) {
            JobJournal.JobRecord r = again.read("job-1").orElseThrow();
            assertThat(r.header()).isEqualTo(header("job-1"));
            assertThat(r.entries()).hasSize(2);
            assertThat(r.entries().get(0)).isEqualTo(done(2));
            assertThat(r.entries().get(1).error()).isEqualTo("tab\there, newline\nthere, back\\slash");
            assertThat(again.jobIds()).containsExactly("job-1");
            assertThat(again.read("no-such-job")).isEmpty();
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
        try (FileJobJournal j = new FileJobJournal(dir)) {
            assertThat(j.read("job-2").orElseThrow().entries()).containsExactly(done(2));
            j.append("job-2", done(4));
            assertThat(j.read("job-2").orElseThrow().entries()).containsExactly(done(2), done(4));
        }
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
        try (FileJobJournal j = new FileJobJournal(dir)) {
            assertThatThrownBy(() -> j.read("job-3")).isInstanceOf(StoreIntegrityException.class)
                    .hasMessageContaining("damaged at entry 1");
        }
    }

    @Test
    void only_one_runner_holds_a_job_and_the_lease_is_free_again_when_released() {
        try (FileJobJournal j = new FileJobJournal(dir)) {
            j.create(header("job-4"));
            JobJournal.Lease lease = j.lease("job-4");
            assertThatThrownBy(() -> j.lease("job-4")).isInstanceOf(JobBusyException.class)
                    .hasMessageContaining("job-4");
            lease.close();
            j.lease("job-4").close();
        }
    }

    private static JournalEntry entry(long line, JournalEntry.Kind kind) {
        return new JournalEntry(line, kind, Optional.empty(), Optional.empty(), "", "",
                Instant.parse("2026-11-22T10:00:01Z"));
    }

    @Test
    void a_runner_whose_lease_was_taken_over_cannot_write_and_the_job_stays_the_new_runners() {
        try (FileJobJournal first = new FileJobJournal(dir); FileJobJournal second = new FileJobJournal(dir)) {
            first.create(header("job-5"));
            JobJournal.Lease stale = first.lease("job-5");
            stale.append(entry(2, JournalEntry.Kind.STARTED));
            stale.close(); // its lease ended (released, or lost with its lock) but one of its threads runs on
            JobJournal.Lease current = second.lease("job-5");
            assertThat(current.epoch()).isGreaterThan(stale.epoch());
            current.append(entry(2, JournalEntry.Kind.DONE));

            assertThatThrownBy(() -> stale.append(entry(2, JournalEntry.Kind.FAILED)))
                    .isInstanceOfSatisfying(LeaseLostException.class, e -> assertThat(e.currentEpoch())
                            .isEqualTo(current.epoch()));
            assertThat(second.read("job-5").orElseThrow().entries()).extracting(JournalEntry::kind)
                    .containsExactly(JournalEntry.Kind.STARTED, JournalEntry.Kind.DONE);
            current.close();
        }
    }
}
