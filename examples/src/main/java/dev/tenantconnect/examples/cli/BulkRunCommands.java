package dev.tenantconnect.examples.cli;

import dev.tenantconnect.bulk.BulkAssignments;
import dev.tenantconnect.bulk.BulkOptions;
import dev.tenantconnect.bulk.BulkPlan;
import dev.tenantconnect.bulk.BulkReport;
import dev.tenantconnect.bulk.FailurePolicy;
import dev.tenantconnect.bulk.InvalidRows;
import dev.tenantconnect.bulk.NumberPool;
import dev.tenantconnect.bulk.ProgressListener;
import dev.tenantconnect.bulk.RowStatus;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.voice.TenantConnectClient;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bulk plan|run|resume}: a bulk file against a tenant. */
final class BulkRunCommands {
    private BulkRunCommands() {
    }

    /**
     * The operator provisioning API, to upload Operator Connect numbers (Azure Communications Gateway's Provisioning
     * API, https://learn.microsoft.com/azure/communications-gateway/provisioning-platform). Each option can come from
     * the environment or the profile; none has a made-up default.
     */
    static final class OperatorApi {
        @Spec(Spec.Target.MIXEE)
        picocli.CommandLine.Model.CommandSpec mixee;
        @Option(names = "--provisioning-url", description = "The operator provisioning API's base URL.")
        Optional<URI> url;
        @Option(names = "--provisioning-scope", description = "The token scope of the provisioning API (the "
                + "Application ID URI of its app registration followed by /.default).")
        Optional<String> scope;
        @Option(names = "--operator-tenant", description = "The operator's own tenant ID.")
        Optional<String> tenant;
        @Option(names = "--operator-client-id", description = "The operator's app (client ID).")
        Optional<String> clientId;
        @Option(names = "--operator-secret-env", description = "Name of the environment variable with the operator "
                + "app's secret.")
        Optional<String> secretEnv;
        @Option(names = "--operator-secret-file", description = "File with the operator app's secret.")
        Optional<Path> secretFile;

        /** @return whether the operator API is configured (its URL given on the command line or in the profile) */
        boolean configured() {
            return url.isPresent();
        }

        /**
         * Checks, before anything is done, that every value the operator API needs was given.
         *
         * @param profile where the user can set a missing value
         * @param needed whether the command cannot work without the operator API
         * @throws picocli.CommandLine.ParameterException naming the first missing option and its profile key
         */
        void require(Profile profile, boolean needed) {
            if (!needed && !configured()) {
                return;
            }
            String missing = url.isEmpty() ? "--provisioning-url" : scope.isEmpty() ? "--provisioning-scope"
                    : tenant.isEmpty() ? "--operator-tenant" : clientId.isEmpty() ? "--operator-client-id"
                    : secretEnv.isEmpty() && secretFile.isEmpty() ? "--operator-secret-file" : null;
            if (missing != null) {
                throw new picocli.CommandLine.ParameterException(mixee.commandLine(), "uploading numbers through "
                        + "the operator provisioning API needs " + missing + ": " + profile.howToSet(missing)
                        + (missing.equals("--operator-secret-file") ? " (or --operator-secret-env)" : ""));
            }
            secretEnv.ifPresent(v -> SafeText.envName("--operator-secret-env", v));
        }

        /**
         * The root client over the platform's stores, uploading through the operator API when one is given.
         *
         * @param global the global options
         * @param operator the operator API options
         * @return the client
         */
        static TenantConnectClient client(GlobalOptions global, OperatorApi operator) {
            if (!operator.configured()) {
                return global.client();
            }
            operator.require(global.profile(), true);
            return global.client(b -> b.acgProvisioning(operator.url.get(), operator.scope.get(),
                    TenantId.parse(operator.tenant.get()), ClientSecretCredential.of(ClientId.parse(
                            operator.clientId.get()), GlobalOptions.secret("--operator-secret-env", operator.secretEnv,
                                    "--operator-secret-file", operator.secretFile), Instant.now().plusSeconds(3600))));
        }
    }

    /** What every bulk command against a tenant needs. */
    abstract static class TenantBulkCommand implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Mixin
        OperatorApi operator;

        BulkAssignments bulk() {
            operator.require(global.profile(), false);
            return BulkAssignments.of(OperatorApi.client(global, operator), global.platform().jobs());
        }

        int report(BulkReport r) {
            PrintWriter out = spec.commandLine().getOut();
            if (global.json) {
                out.println(Json.report(r).toPrettyString());
                return r.complete() ? ExitCodes.OK : ExitCodes.FINDINGS;
            }
            out.println(r.summary());
            r.outcomes().stream().filter(o -> o.status() == RowStatus.FAILED).limit(10).forEach(o -> out.println(
                    "  line " + o.line() + ": " + o.error() + "\n    -> " + o.remediation()));
            return r.complete() ? ExitCodes.OK : ExitCodes.FINDINGS;
        }

        ProgressListener progress(boolean enabled, long total, ProgressBar[] holder) {
            if (!enabled) {
                return ProgressListener.NONE;
            }
            PrintWriter err = spec.commandLine().getErr();
            holder[0] = new ProgressBarBuilder().setTaskName("bulk").setInitialMax(total)
                    .setConsumer(new DelegatingProgressBarConsumer(s -> {
                        err.print('\r' + s);
                        err.flush();
                    })).build();
            return p -> holder[0].stepTo(p.finished());
        }
    }

    /** The JSON forms of plans and reports ({@code --json}). */
    static final class Json {
        private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
                new com.fasterxml.jackson.databind.ObjectMapper();

        private Json() {
        }

        static com.fasterxml.jackson.databind.node.ObjectNode plan(BulkPlan plan) {
            var o = MAPPER.createObjectNode();
            o.put("file", plan.source().toString());
            o.put("rows", plan.file().rows());
            o.put("toApply", plan.writes());
            o.put("alreadyDone", plan.count(dev.tenantconnect.bulk.PlannedRow.Action.NOTHING));
            o.put("invalid", plan.file().rows() - plan.file().validRows()
                    + plan.count(dev.tenantconnect.bulk.PlannedRow.Action.INVALID));
            o.put("runnable", plan.runnable());
            var problems = o.putArray("problems");
            plan.problems().forEach(p -> problems.addObject().put("line", p.line()).put("column", p.column())
                    .put("rule", p.rule()));
            var rows = o.putArray("planned");
            for (var r : plan.rows()) {
                var row = rows.addObject().put("line", r.row().line()).put("action", r.action().name());
                var ops = row.putArray("operations");
                r.operations().forEach(op -> ops.add(op.toString()));
                r.number().ifPresent(n -> row.put("number", n.e164()));
                r.user().ifPresent(u -> row.put("user", u.toString()));
            }
            return o;
        }

        static com.fasterxml.jackson.databind.node.ObjectNode report(BulkReport r) {
            var o = MAPPER.createObjectNode();
            o.put("jobId", r.jobId());
            for (RowStatus s : RowStatus.values()) {
                o.put(s.name().toLowerCase(java.util.Locale.ROOT), r.count(s));
            }
            o.put("complete", r.complete());
            o.put("resultsFile", r.resultsFile().toString());
            var rows = o.putArray("outcomes");
            for (var x : r.outcomes()) {
                var row = rows.addObject().put("line", x.line()).put("status", x.status().name());
                x.number().ifPresent(n -> row.put("number", n.e164()));
                x.user().ifPresent(u -> row.put("user", u.toString()));
                if (!x.error().isEmpty()) {
                    row.put("error", x.error()).put("remediation", x.remediation());
                }
            }
            return o;
        }
    }

    /** Plan options. */
    abstract static class PlanningCommand extends TenantBulkCommand {
        @Parameters(paramLabel = "FILE", description = "The CSV file.")
        Path file;
        @Option(names = "--tenant", required = true, description = "The customer's tenant ID.")
        String tenant;
        @Option(names = "--service", defaultValue = "oc-main", description = "The operator's service. Default: "
                + "${DEFAULT-VALUE}.")
        String service;
        @Option(names = "--pool-country", description = "Country to pick numbers from for rows with license_number "
                + "and no Number.")
        Optional<String> poolCountry;
        @Option(names = "--concurrency", defaultValue = "4", description = "Rows in flight. Default: "
                + "${DEFAULT-VALUE}.")
        int concurrency;
        @Option(names = "--skip-invalid", description = "Run the valid rows of a file with invalid ones.")
        boolean skipInvalid;
        @Option(names = "--stop-at-first-failure", description = "Start no new row after a row fails.")
        boolean stopAtFirstFailure;
        @Option(names = "--take-over-numbers", description = "Rows whose number another user or resource account "
                + "holds now take it from them (without it such rows are invalid and named; a restore never takes "
                + "a number away unless asked).")
        boolean takeOverNumbers;

        BulkPlan plan(BulkAssignments bulk) {
            BulkOptions o = BulkOptions.defaults().withConcurrency(concurrency)
                    .withInvalidRows(skipInvalid ? InvalidRows.SKIP_ROWS : InvalidRows.REJECT_FILE)
                    .withFailurePolicy(stopAtFirstFailure ? FailurePolicy.STOP_AT_FIRST_FAILURE : FailurePolicy.CONTINUE)
                    .withTakeOverNumbers(takeOverNumbers);
            if (poolCountry.isPresent()) {
                o = o.withNumberPool(NumberPool.operatorConnect(poolCountry.get()));
            }
            return bulk.plan(file, new CredentialKey(TenantId.parse(tenant), ServiceId.of(service)), o);
        }
    }

    /** Dry run. */
    @Command(name = "plan", mixinStandardHelpOptions = true, description = "Plan a bulk file against the tenant "
            + "without writing anything: the operations per row, the rows already done, every problem. Exit 1 when "
            + "rows are invalid.")
    static final class Plan extends PlanningCommand {
        @Override
        public Integer call() {
            BulkPlan plan = plan(bulk());
            spec.commandLine().getOut().print(global.json ? Json.plan(plan).toPrettyString() + "\n" : plan.toText());
            return plan.problems().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }

    /** Run. */
    @Command(name = "run", mixinStandardHelpOptions = true, description = "Plan and run a bulk file: progress bar "
            + "on stderr, results file beside the input. Exit 1 when rows failed.")
    static final class Run extends PlanningCommand {
        @Option(names = "--no-progress", description = "Do not draw the progress bar.")
        boolean noProgress;

        @Override
        public Integer call() {
            BulkAssignments bulk = bulk();
            BulkPlan plan = plan(bulk);
            if (!plan.runnable()) {
                spec.commandLine().getOut().print(global.json ? Json.plan(plan).toPrettyString() + "\n"
                        : plan.toText());
                spec.commandLine().getErr().println("error: nothing was written; fix the rows or use --skip-invalid");
                return ExitCodes.FINDINGS;
            }
            if (!operator.configured() && plan.rows().stream().anyMatch(r -> r.operations().contains(
                    dev.tenantconnect.bulk.Operation.UPLOAD))) {
                operator.require(global.profile(), true); // names the missing option before anything is written
            }
            ProgressBar[] bar = new ProgressBar[1];
            try {
                return report(bulk.run(plan, progress(!noProgress, plan.rows().size(), bar)));
            } finally {
                if (bar[0] != null) {
                    bar[0].close();
                    spec.commandLine().getErr().println();
                }
            }
        }
    }

    /** Resume. */
    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a stopped or crashed job: "
            + "finished rows are not redone, rows in flight are reconciled with the tenant first.")
    static final class Resume extends TenantBulkCommand {
        @Parameters(paramLabel = "JOB", description = "The job ID (printed by bulk run).")
        String jobId;

        @Override
        public Integer call() {
            return report(bulk().resume(jobId, ProgressListener.NONE));
        }
    }
}
