package dev.tenantconnect.core.metrics;

import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.job.JobHeader;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.core.job.JobUnits;
import dev.tenantconnect.core.job.WorkUnit;
import dev.tenantconnect.core.job.JournalEntry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Metering decorators for stores whose work is worth measuring on its own: allocation latency of the number
 * inventory and bulk rows by outcome from the job journal (so the meter counts equal the journal by construction).
 */
public final class Metering {
    private Metering() {
    }

    /**
     * @param inventory an inventory
     * @param metrics where measurements go
     * @return the inventory, timing every allocation ({@code allocate*} and {@code reserve} methods) as
     *     {@value MetricNames#ALLOCATION} with tags {@code operation} and {@code outcome} ({@code allocated},
     *     {@code none} for an empty answer, {@code error}); every other method is passed through
     */
    public static NumberInventory inventory(NumberInventory inventory, MetricsRecorder metrics) {
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(metrics, "metrics");
        if (metrics == MetricsRecorder.noop()) {
            return inventory;
        }
        InvocationHandler h = (proxy, method, args) -> {
            String name = method.getName();
            if (method.getDeclaringClass() == Object.class) {
                return switch (name) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "Metered" + inventory;
                };
            }
            boolean timed = name.startsWith("allocate") || name.equals("reserve");
            long start = System.nanoTime();
            String outcome = "error";
            try {
                Object r = method.invoke(inventory, args);
                outcome = r instanceof Optional<?> o && o.isEmpty() || r instanceof List<?> l && l.isEmpty()
                        ? "none" : "allocated";
                return r;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (timed) {
                    metrics.time(MetricNames.ALLOCATION, MetricTags.of("operation", name, "outcome", outcome),
                            Duration.ofNanos(System.nanoTime() - start));
                }
            }
        };
        return (NumberInventory) Proxy.newProxyInstance(NumberInventory.class.getClassLoader(),
                new Class<?>[] {NumberInventory.class}, h);
    }

    /**
     * @param journal a job journal
     * @param metrics where measurements go
     * @return the journal, counting every row-ending entry appended ({@code DONE}, {@code FAILED},
     *     {@code SKIPPED}) as {@value MetricNames#BULK_ROWS} with tag {@code outcome} (the kind, lower case); the
     *     journal itself when the recorder is the no-op one or the journal already counts into this recorder (so
     *     wrapping twice never counts a row twice)
     */
    public static JobJournal journal(JobJournal journal, MetricsRecorder metrics) {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(metrics, "metrics");
        if (metrics == MetricsRecorder.noop() || journal instanceof MeteredJournal m && m.metrics == metrics) {
            return journal;
        }
        // a journal that splits jobs into work units stays one (joinable bulk jobs look for the port)
        return journal instanceof JobUnits units ? new MeteredUnits(journal, units, metrics)
                : new MeteredJournal(journal, metrics);
    }

    private static class MeteredJournal implements JobJournal {
        final JobJournal journal;
        final MetricsRecorder metrics;

        MeteredJournal(JobJournal journal, MetricsRecorder metrics) {
            this.journal = journal;
            this.metrics = metrics;
        }

        @Override
        public void create(JobHeader header) {
            journal.create(header);
        }

        @Override
        public void append(String jobId, JournalEntry entry) {
            journal.append(jobId, entry);
            count(entry);
        }

        final void count(JournalEntry entry) {
            if (entry.kind().terminal()) {
                metrics.count(MetricNames.BULK_ROWS, MetricTags.of("outcome", entry.kind().name()
                        .toLowerCase(java.util.Locale.ROOT)), 1);
            }
        }

        @Override
        public Optional<JobRecord> read(String jobId) {
            return journal.read(jobId);
        }

        @Override
        public List<String> jobIds() {
            return journal.jobIds();
        }

        @Override
        public Lease lease(String jobId) {
            Lease lease = journal.lease(jobId);
            return new Lease() {
                @Override
                public long epoch() {
                    return lease.epoch();
                }

                @Override
                public void append(JournalEntry entry) {
                    lease.append(entry);
                    count(entry);
                }

                @Override
                public void appendAll(List<JournalEntry> entries) {
                    lease.appendAll(entries);
                    entries.forEach(e -> count(e));
                }

                @Override
                public void close() {
                    lease.close();
                }
            };
        }

        @Override
        public String toString() {
            return "Metered" + journal;
        }
    }

    /** A metered journal that also splits jobs into work units: rows appended through a unit's lease count too. */
    private static final class MeteredUnits extends MeteredJournal implements JobUnits {
        private final JobUnits units;

        MeteredUnits(JobJournal journal, JobUnits units, MetricsRecorder metrics) {
            super(journal, metrics);
            this.units = units;
        }

        @Override
        public void split(String jobId, List<WorkUnit> work) {
            units.split(jobId, work);
        }

        @Override
        public List<WorkUnit> units(String jobId) {
            return units.units(jobId);
        }

        @Override
        public Optional<UnitLease> claim(String jobId) {
            return units.claim(jobId).map(lease -> new UnitLease() {
                @Override
                public WorkUnit unit() {
                    return lease.unit();
                }

                @Override
                public Duration ttl() {
                    return lease.ttl();
                }

                @Override
                public void renew() {
                    lease.renew();
                }

                @Override
                public void complete() {
                    lease.complete();
                }

                @Override
                public long epoch() {
                    return lease.epoch();
                }

                @Override
                public void append(JournalEntry entry) {
                    lease.append(entry);
                    count(entry);
                }

                @Override
                public void appendAll(List<JournalEntry> entries) {
                    lease.appendAll(entries);
                    entries.forEach(e -> count(e));
                }

                @Override
                public void close() {
                    lease.close();
                }
            });
        }
    }
}
