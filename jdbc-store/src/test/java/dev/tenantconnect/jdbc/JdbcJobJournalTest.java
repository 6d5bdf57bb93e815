package dev.tenantconnect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.bulk.BulkOptions;
import dev.tenantconnect.bulk.FailurePolicy;
import dev.tenantconnect.bulk.JobBusyException;
import dev.tenantconnect.bulk.JobHeader;
import dev.tenantconnect.bulk.JobJournal;
import dev.tenantconnect.bulk.JournalEntry;
import dev.tenantconnect.bulk.NumberPool;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.error.StoreException;
import dev.tenantconnect.core.extension.Extension;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.testing.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bulk job journals and extensions in the database: round trips, one runner per job, takeover after a crash. */
class JdbcJobJournalTest {
    static final CredentialKey KEY = new CredentialKey(TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e1"),
            ServiceId.of("oc-main"));

    private static DataSource db(String name) {
        Supplier<DataSource> s = name.equals("postgres") ? Databases::postgres : Databases::h2;
        return s.get();
    }

    private static JobHeader header(String id) {
        return new JobHeader(id, KEY, Path.of("/data/users.csv"), "cd".repeat(32), BulkOptions.defaults()
                .withFailurePolicy(FailurePolicy.STOP_AT_FIRST_FAILURE).withNumberPool(NumberPool.operatorConnect("SG"))
                .withPolicies(Map.of("TeamsCallingPolicy", "AllowCalling")), Instant.parse("2026-11-22T10:00:00Z"));
    }

    private static JournalEntry entry(long line, JournalEntry.Kind kind) {
        return new JournalEntry(line, kind, Optional.of(PhoneNumber.parse("+6590000000;ext=7")),
                Optional.of(UUID.fromString("5b0f1a6e-0a7b-4b51-9f6e-0c1f0e7c9a11")), "error\twith\ttabs", "fix",
                Instant.parse("2026-11-22T10:00:01Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_job_reads_back_in_another_instance_exactly_as_written(String database) {
        DataSource ds = db(database);
        FakeClock clock = FakeClock.atEpoch2026();
        JdbcJobJournal a = new JdbcJobJournal(ds, clock, Duration.ofMinutes(5));
        a.create(header("job-1"));
        a.append("job-1", entry(2, JournalEntry.Kind.STARTED));
        a.append("job-1", entry(2, JournalEntry.Kind.DONE));
        assertThatThrownBy(() -> a.create(header("job-1"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("exists already");

        JobJournal.JobRecord r = new JdbcJobJournal(ds, clock, Duration.ofMinutes(5)).read("job-1").orElseThrow();
        assertThat(r.header()).isEqualTo(header("job-1"));
        assertThat(r.entries()).containsExactly(entry(2, JournalEntry.Kind.STARTED), entry(2, JournalEntry.Kind.DONE));
        assertThat(a.jobIds()).containsExactly("job-1");
        assertThat(a.read("job-2")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void one_runner_per_job_and_a_crashed_runners_lease_is_taken_over_when_it_runs_out(String database) {
        DataSource ds = db(database);
        FakeClock clock = FakeClock.atEpoch2026();
        JdbcJobJournal instanceA = new JdbcJobJournal(ds, clock, Duration.ofMinutes(5));
        JdbcJobJournal instanceB = new JdbcJobJournal(ds, clock, Duration.ofMinutes(5));
        instanceA.create(header("job-3"));

        JobJournal.Lease held = instanceA.lease("job-3");
        assertThatThrownBy(() -> instanceB.lease("job-3")).isInstanceOf(JobBusyException.class);
        clock.advance(Duration.ofMinutes(4));
        instanceA.append("job-3", entry(2, JournalEntry.Kind.DONE)); // progress renews the lease
        clock.advance(Duration.ofMinutes(4));
        assertThatThrownBy(() -> instanceB.lease("job-3")).as("8 minutes in, renewed at 4")
                .isInstanceOf(JobBusyException.class);

        // instance A crashes: it never releases; its lease runs out 5 minutes after its last progress
        clock.advance(Duration.ofMinutes(2));
        JobJournal.Lease takenOver = instanceB.lease("job-3");
        held.close(); // A's late release does not free B's lease
        assertThatThrownBy(() -> instanceA.lease("job-3")).isInstanceOf(JobBusyException.class);
        takenOver.close();
        instanceA.lease("job-3").close();
        assertThatThrownBy(() -> instanceA.lease("no-such-job")).isInstanceOf(StoreException.class)
                .isNotInstanceOf(JobBusyException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_runner_paused_past_its_lease_is_fenced_off_and_the_job_stays_the_new_runners(String database) {
        DataSource ds = db(database);
        FakeClock clock = FakeClock.atEpoch2026();
        JdbcJobJournal instanceA = new JdbcJobJournal(ds, clock, Duration.ofMinutes(5));
        JdbcJobJournal instanceB = new JdbcJobJournal(ds, clock, Duration.ofMinutes(5));
        instanceA.create(header("job-5"));
        JobJournal.Lease a = instanceA.lease("job-5");
        a.append(entry(2, JournalEntry.Kind.STARTED));

        clock.advance(Duration.ofMinutes(6)); // A stalls (a long GC pause, a frozen VM) past its lease
        JobJournal.Lease b = instanceB.lease("job-5");
        assertThat(b.epoch()).isGreaterThan(a.epoch());
        b.append(entry(2, JournalEntry.Kind.STARTED));
        b.append(entry(2, JournalEntry.Kind.DONE));

        // A wakes up and carries on writing as if nothing happened
        assertThatThrownBy(() -> a.append(entry(2, JournalEntry.Kind.FAILED)))
                .isInstanceOfSatisfying(dev.tenantconnect.bulk.LeaseLostException.class, e -> {
                    assertThat(e.heldEpoch()).isEqualTo(a.epoch());
                    assertThat(e.currentEpoch()).isEqualTo(b.epoch());
                });
        a.close(); // nor does its late release free B's lease
        assertThatThrownBy(() -> instanceA.lease("job-5")).isInstanceOf(JobBusyException.class);
        assertThat(instanceA.read("job-5").orElseThrow().entries()).extracting(JournalEntry::kind).containsExactly(
                JournalEntry.Kind.STARTED, JournalEntry.Kind.STARTED, JournalEntry.Kind.DONE);
        b.append(entry(3, JournalEntry.Kind.DONE));
        b.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void extensions_are_shared_and_replaced_by_key(String database) {
        DataSource ds = db(database);
        JdbcExtensionStore a = new JdbcExtensionStore(ds);
        JdbcExtensionStore b = new JdbcExtensionStore(ds);
        UUID user = UUID.randomUUID();
        Extension e = new Extension(KEY.tenant(), "101", user, Optional.of(PhoneNumber.parse("+6590000001")),
                List.of("device_import_msteams_OC", "call_recording"), Instant.parse("2026-11-22T10:00:00Z"));
        a.put(e);
        assertThat(b.find(KEY.tenant(), "101")).contains(e);
        Extension moved = new Extension(KEY.tenant(), "101", UUID.randomUUID(), Optional.empty(), List.of(),
                Instant.parse("2026-11-22T11:00:00Z"));
        b.put(moved);
        assertThat(a.find(KEY.tenant(), "101")).contains(moved);
        a.put(new Extension(KEY.tenant(), "100", user, Optional.empty(), List.of("team_chat"), Instant.EPOCH));
        assertThat(a.listByTenant(KEY.tenant())).extracting(Extension::extKey).containsExactly("100", "101");
        assertThat(a.listByTenant(TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e2"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void the_usage_ledger_gives_the_same_billing_as_in_memory(String database) {
        JdbcUsageLedger ledger = new JdbcUsageLedger(db(database));
        dev.tenantconnect.core.billing.InMemoryUsageLedger memory = new dev.tenantconnect.core.billing
                .InMemoryUsageLedger();
        UUID alice = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        for (var e : List.of(
                new dev.tenantconnect.core.billing.UsageEvent(KEY.tenant(), alice,
                        dev.tenantconnect.core.billing.UsageEvent.Kind.HOLDS, Optional.of(PhoneNumber.parse(
                                "+6590000001")), java.util.Set.of("device_import_msteams_OC", "call_recording"), t0,
                        dev.tenantconnect.core.billing.UsageEvent.Source.PLATFORM),
                new dev.tenantconnect.core.billing.UsageEvent(KEY.tenant(), alice,
                        dev.tenantconnect.core.billing.UsageEvent.Kind.ENDED, Optional.empty(), java.util.Set.of(),
                        t0.plus(Duration.ofHours(36)), dev.tenantconnect.core.billing.UsageEvent.Source.OBSERVED))) {
            ledger.record(e);
            memory.record(e);
        }
        assertThat(ledger.eventsBefore(t0.plus(Duration.ofDays(3)))).isEqualTo(memory.eventsBefore(
                t0.plus(Duration.ofDays(3))));
        var report = dev.tenantconnect.core.billing.BillingReport.compute(ledger, t0, t0.plus(Duration.ofDays(2)));
        assertThat(report.lines()).extracting(l -> l.addonCode() + " " + l.userDays())
                .containsExactly("call_recording 1.5", "device_import_msteams_OC 1.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void replication_state_is_kept_per_tenant_and_forgotten_on_demand(String database) {
        DataSource ds = db(database);
        JdbcReplicationStateStore a = new JdbcReplicationStateStore(ds, FakeClock.atEpoch2026());
        JdbcReplicationStateStore b = new JdbcReplicationStateStore(ds, FakeClock.atEpoch2026());
        TenantId other = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e3");
        assertThat(a.deltaLink(KEY.tenant())).isEmpty();
        a.saveDeltaLink(KEY.tenant(), "https://graph/v1.0/users/delta?$deltatoken=1");
        b.saveDeltaLink(KEY.tenant(), "https://graph/v1.0/users/delta?$deltatoken=2");
        a.saveDeltaLink(other, "https://graph/v1.0/users/delta?$deltatoken=9");
        assertThat(a.deltaLink(KEY.tenant())).contains("https://graph/v1.0/users/delta?$deltatoken=2");
        b.forget(KEY.tenant());
        assertThat(a.deltaLink(KEY.tenant())).isEmpty();
        assertThat(a.deltaLink(other)).isPresent();
    }
}
