package dev.tenantconnect.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.job.FileJobJournal;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.job.JobHeader;
import dev.tenantconnect.core.job.JournalEntry;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics SPI: tenant tag dropped by default, observations carry attributes, metering decorators count. */
class MeteringTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private static NumberInventory memoryInventory() {
        java.time.Clock clock = java.time.Clock.fixed(AT, java.time.ZoneOffset.UTC);
        return new InMemoryNumberInventory(new dev.tenantconnect.core.number.NumberLifecycle(
                dev.tenantconnect.core.number.QuarantinePolicy.DEFAULT, clock), clock, new java.util.SplittableRandom(7));
    }

    private static JournalEntry entry(long line, JournalEntry.Kind kind) {
        return new JournalEntry(line, kind, Optional.empty(), Optional.empty(), "", "", AT);
    }

    @Test
    void the_tenant_tag_is_dropped_before_it_reaches_the_recorder() {
        RecordingMetrics rec = new RecordingMetrics();
        MetricsRecorder m = MetricsRecorder.withoutTenantTag(rec);

        m.count(MetricNames.HTTP_REQUESTS, MetricTags.of("service", "graph", MetricTags.TENANT, "t1"), 1);
        m.count(MetricNames.HTTP_REQUESTS, MetricTags.of("service", "graph", MetricTags.TENANT, "t2"), 1);

        assertThat(rec.counter(MetricNames.HTTP_REQUESTS, "service", "graph")).isEqualTo(2.0);
        assertThat(rec.counters()).hasSize(1);
    }

    @Test
    void attributes_set_deep_inside_reach_the_innermost_observation_and_an_error_is_recorded() {
        RecordingMetrics rec = new RecordingMetrics();
        AtomicReference<String> inner = new AtomicReference<>();
        assertThatThrownBy(() -> Observations.observe(rec, MetricNames.OP_ENABLE, MetricTags.empty(), () -> {
            Observations.attribute(MetricNames.ATTR_REQUEST_ID, "outer-1");
            Observations.observe(rec, MetricNames.OP_BULK_ROW, MetricTags.empty(), () -> {
                Observations.attribute(MetricNames.ATTR_REQUEST_ID, "inner-1");
                inner.set("ran");
                return null;
            });
            throw new IllegalStateException("enable failed");
        })).hasMessage("enable failed");

        assertThat(inner).hasValue("ran");
        assertThat(rec.observations()).hasSize(2).allSatisfy(o -> assertThat(o.closed).isTrue());
        assertThat(rec.observations().get(0).attributes).containsEntry(MetricNames.ATTR_REQUEST_ID, "outer-1");
        assertThat(rec.observations().get(0).error).hasMessage("enable failed");
        assertThat(rec.observations().get(1).attributes).containsEntry(MetricNames.ATTR_REQUEST_ID, "inner-1");
        Observations.attribute(MetricNames.ATTR_REQUEST_ID, "after"); // no observation running: ignored
        assertThat(rec.observations().get(0).attributes).containsEntry(MetricNames.ATTR_REQUEST_ID, "outer-1");
    }

    @Test
    void the_noop_recorder_leaves_stores_undecorated() {
        NumberInventory inv = memoryInventory();
        assertThat(Metering.inventory(inv, MetricsRecorder.noop())).isSameAs(inv);
    }

    @Test
    void the_metered_inventory_times_reserve_calls_and_passes_everything_else_through() {
        RecordingMetrics rec = new RecordingMetrics();
        NumberInventory inv = Metering.inventory(memoryInventory(), rec);

        assertThatThrownBy(() -> inv.reserve(dev.tenantconnect.core.model.PhoneNumber.parse("+6590000001"),
                dev.tenantconnect.core.model.TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000c1"), "row-1",
                java.time.Duration.ofMinutes(5))).isInstanceOf(RuntimeException.class);

        assertThat(rec.timer(MetricNames.ALLOCATION, "operation", "reserve", "outcome", "error")).hasSize(1);
        assertThat(inv.toString()).startsWith("Metered");
    }

    @Test
    void the_metered_journal_counts_every_row_ending_entry_by_kind(@TempDir Path dir) {
        RecordingMetrics rec = new RecordingMetrics();
        JobJournal journal = Metering.journal(new FileJobJournal(dir), rec);
        journal.create(new JobHeader("job-1", new CredentialKey(TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000c2"),
                ServiceId.of("oc-main")), Path.of("/data/users.csv"), "ab".repeat(32), Map.of(), AT));
        journal.append("job-1", entry(1, JournalEntry.Kind.STARTED));
        journal.append("job-1", entry(1, JournalEntry.Kind.DONE));
        try (JobJournal.Lease lease = journal.lease("job-1")) {
            lease.append(entry(2, JournalEntry.Kind.STARTED));
            lease.append(entry(2, JournalEntry.Kind.FAILED));
            lease.append(entry(3, JournalEntry.Kind.DONE));
        }

        JobJournal.JobRecord record = journal.read("job-1").orElseThrow();
        long done = record.entries().stream().filter(e -> e.kind() == JournalEntry.Kind.DONE).count();
        long failed = record.entries().stream().filter(e -> e.kind() == JournalEntry.Kind.FAILED).count();
        assertThat(rec.counter(MetricNames.BULK_ROWS, "outcome", "done")).isEqualTo(done).isPositive();
        assertThat(rec.counter(MetricNames.BULK_ROWS, "outcome", "failed")).isEqualTo(failed).isPositive();
        assertThat(rec.counterTotal(MetricNames.BULK_ROWS)).isEqualTo(done + failed);
    }
}
