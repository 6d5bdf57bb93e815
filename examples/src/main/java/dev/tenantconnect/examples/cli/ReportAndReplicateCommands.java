package dev.tenantconnect.examples.cli;

import dev.tenantconnect.bulk.ReportCsv;
import dev.tenantconnect.core.billing.BillingReport;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.voice.replication.DriftFinding;
import dev.tenantconnect.voice.replication.Replicator;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code replicate}, {@code report billing}, {@code report capacity} and {@code report audit}. */
final class ReportAndReplicateCommands {
    private ReportAndReplicateCommands() {
    }

    /** Replication. */
    @Command(name = "replicate", mixinStandardHelpOptions = true, description = "Replicate one tenant (or every "
            + "connected tenant with --all): users and numbers; prints drift findings. Each run is a new process, so "
            + "it reads every user (a Replicator embedded in a long-running platform reads only changes). Exit 1 "
            + "when a tenant failed or drifted.")
    static final class Replicate implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Option(names = "--tenant", description = "The customer's tenant ID.")
        Optional<String> tenant;
        @Option(names = "--service", defaultValue = "oc-main", description = "The operator's service. Default: "
                + "${DEFAULT-VALUE}.")
        String service;
        @Option(names = "--all", description = "Every tenant the store holds a connection for.")
        boolean all;
        @Option(names = "--threads", defaultValue = "8", description = "Tenants at once with --all. Default: "
                + "${DEFAULT-VALUE}.")
        int threads;

        @Override
        public Integer call() {
            if (all == tenant.isPresent()) {
                throw new IllegalArgumentException("give exactly one of --tenant or --all");
            }
            Platform p = global.platform();
            Replicator replicator = global.client().replication();
            List<CredentialKey> keys = all ? p.credentials().listAll().stream().map(CredentialRecord::key).toList()
                    : List.of(new CredentialKey(TenantId.parse(tenant.get()), ServiceId.of(service)));
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
            try {
                PrintWriter out = spec.commandLine().getOut();
                boolean clean = true;
                List<Replicator.Outcome> outcomes = replicator.replicateAll(keys, pool);
                if (global.json) {
                    var m = new com.fasterxml.jackson.databind.ObjectMapper();
                    var arr = m.createArrayNode();
                    for (Replicator.Outcome o : outcomes) {
                        var t = arr.addObject().put("tenant", o.key().tenant().value())
                                .put("service", o.key().service().value());
                        o.error().ifPresent(e -> t.put("error", e));
                        o.result().ifPresent(r -> {
                            t.put("users", r.users()).put("usersChanged", r.usersChanged())
                                    .put("usersRemoved", r.usersRemoved()).put("fullRead", r.fullRead())
                                    .put("numbers", r.numbers().size());
                            var drift = t.putArray("drift");
                            r.drift().forEach(f -> {
                                var d = drift.addObject().put("kind", f.kind().name())
                                        .put("suggested", f.suggested().name()).put("detail", f.detail());
                                f.number().ifPresent(n -> d.put("number", n.e164()));
                                f.user().ifPresent(u -> d.put("user", u.toString()));
                            });
                        });
                    }
                    out.println(arr.toPrettyString());
                    return outcomes.stream().allMatch(o -> o.result().map(r -> r.drift().isEmpty()).orElse(false))
                            ? ExitCodes.OK : ExitCodes.FINDINGS;
                }
                for (Replicator.Outcome o : outcomes) {
                    if (o.error().isPresent()) {
                        out.println(o.key().tenant() + " FAILED: " + o.error().get());
                        clean = false;
                        continue;
                    }
                    Replicator.Result r = o.result().orElseThrow();
                    out.println(r.tenant() + ": " + r.users() + " users (" + r.usersChanged() + " changed, "
                            + r.usersRemoved() + " removed" + (r.fullRead() ? ", full read" : "") + "), "
                            + r.numbers().size() + " numbers, " + r.drift().size() + " drift findings");
                    for (DriftFinding f : r.drift()) {
                        out.println("  " + f.kind() + " " + f.number().map(n -> n.e164()).orElse("-") + " -> "
                                + f.suggested() + " (" + f.detail() + ")");
                        clean = false;
                    }
                }
                return clean ? ExitCodes.OK : ExitCodes.FINDINGS;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Reports. */
    @Command(name = "report", mixinStandardHelpOptions = true, description = "Reports from the platform's records.",
            subcommands = {Billing.class, Capacity.class, Audit.class})
    static final class Report implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /** Billing report. */
    @Command(name = "billing", mixinStandardHelpOptions = true, description = "User-days and peak users per tenant "
            + "and add-on for a period (UTC days, --to exclusive); CSV by default, --json with the events behind each "
            + "line.")
    static final class Billing implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Option(names = "--from", required = true, description = "First day, e.g. 2026-11-01.")
        LocalDate from;
        @Option(names = "--to", required = true, description = "Day after the last, e.g. 2026-12-01.")
        LocalDate to;

        @Override
        public Integer call() {
            Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = to.atStartOfDay(ZoneOffset.UTC).toInstant();
            BillingReport r = BillingReport.compute(global.platform().usage(), start, end);
            spec.commandLine().getOut().print(global.json ? r.toJson() + "\n" : ReportCsv.billing(r));
            return ExitCodes.OK;
        }
    }

    /** Capacity over time, kept in a CSV history file between runs. */
    @Command(name = "capacity", mixinStandardHelpOptions = true, description = "Record today's capacity snapshot into "
            + "a history file (run it daily from a scheduler), then print each pool's consumption per day and days "
            + "until exhaustion; --image writes the chart (PNG).")
    static final class Capacity implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Option(names = "--history", required = true, description = "The CSV history file (created if missing, "
                + "rewritten atomically).")
        java.nio.file.Path history;
        @Option(names = "--image", description = "Write the capacity chart here (PNG).")
        java.util.Optional<java.nio.file.Path> image;
        @Option(names = "--window", defaultValue = "30", description = "Days the trend fits. Default: "
                + "${DEFAULT-VALUE}.")
        int window;

        @Override
        public Integer call() throws Exception {
            dev.tenantconnect.core.inventory.CapacityHistory h = java.nio.file.Files.exists(history)
                    ? ReportCsv.capacityHistory(java.nio.file.Files.readString(history))
                    : new dev.tenantconnect.core.inventory.CapacityHistory();
            h.record(LocalDate.now(ZoneOffset.UTC), global.platform().inventory().capacity(java.time.Duration
                    .ofDays(window)));
            String csv = ReportCsv.capacity(h);
            dev.tenantconnect.core.io.AtomicFile.write(history, out -> out.write(csv.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)));
            image.ifPresent(f -> dev.tenantconnect.charts.CapacityChart.png(h, f, 900, 450));
            var out = spec.commandLine().getOut();
            if (global.json) {
                out.println(h.toJson(Math.max(2, window)));
            } else {
                out.println(h.snapshots().size() + " days in " + history);
                for (var t : h.trend(Math.max(2, window))) {
                    out.printf(java.util.Locale.ROOT, "%-12s %6d available, %.1f/day, %s%n", t.pool(), t.availableNow(),
                            t.consumedPerDay(), t.daysUntilExhaustion().isPresent() ? String.format(
                                    java.util.Locale.ROOT, "%.1f days until exhaustion",
                                    t.daysUntilExhaustion().getAsDouble()) : "no exhaustion in sight");
                }
                image.ifPresent(f -> out.println("chart: " + f));
            }
            return ExitCodes.OK;
        }
    }

    /** The audit trail of one tenant. */
    @Command(name = "audit", mixinStandardHelpOptions = true, description = "Who changed what in a customer tenant "
            + "and when: every write to the tenant and every credential change recorded in the store's database since "
            + "a moment, oldest first, with Microsoft's request IDs (never a secret).")
    static final class Audit implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Option(names = "--tenant", required = true, description = "The customer's tenant ID.")
        String tenant;
        @Option(names = "--since", required = true, description = "From this moment (inclusive): a UTC day such as "
                + "2026-12-01 or an instant such as 2026-12-01T08:00:00Z.")
        String since;

        @Override
        public Integer call() {
            TenantId t = TenantId.parse(tenant);
            Instant from;
            try {
                from = since.contains("T") ? Instant.parse(since) : LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw new dev.tenantconnect.core.error.ValidationException("--since", "must be a UTC day "
                        + "(2026-12-01) or an instant (2026-12-01T08:00:00Z)");
            }
            List<dev.tenantconnect.core.audit.AuditEvent> events = global.platform().audit().find(t, from);
            PrintWriter out = spec.commandLine().getOut();
            if (global.json) {
                var m = new com.fasterxml.jackson.databind.ObjectMapper();
                var arr = m.createArrayNode();
                for (var e : events) {
                    var o = arr.addObject().put("when", e.when().toString()).put("principal", e.principal())
                            .put("action", e.action().name()).put("target", e.target())
                            .put("result", e.result().name()).put("detail", e.detail());
                    var c = o.putObject("correlation");
                    e.correlation().forEach(c::put);
                }
                out.println(arr.toPrettyString());
            } else {
                for (var e : events) {
                    out.printf(java.util.Locale.ROOT, "%s %-26s %-9s %-28s %s %s%s%n", e.when(), e.action(),
                            e.result(), e.principal(), e.target(), e.detail(), e.correlation().isEmpty() ? ""
                                    : " " + e.correlation());
                }
                out.println(events.size() + " events for " + t + " since " + from);
            }
            return ExitCodes.OK;
        }
    }
}
