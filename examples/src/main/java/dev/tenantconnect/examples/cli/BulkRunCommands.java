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
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.voice.enablement.UserEnablement;
import dev.tenantconnect.voice.provisioning.AcgProvisioningClient;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bulk plan|run|resume}: a bulk file against a tenant. */
final class BulkRunCommands {
    private BulkRunCommands() {
    }

    /** The operator provisioning API, to upload Operator Connect numbers. */
    static final class OperatorApi {
        @Option(names = "--provisioning-url", required = true, description = "The operator provisioning API's base "
                + "URL.")
        URI url;
        @Option(names = "--provisioning-scope", defaultValue = "https://provisioning.example/.default",
                description = "The token scope of the provisioning API. Default: ${DEFAULT-VALUE}.")
        String scope;
        @Option(names = "--operator-tenant", required = true, description = "The operator's own tenant ID.")
        String tenant;
        @Option(names = "--operator-client-id", required = true, description = "The operator's app (client ID).")
        String clientId;
        @Option(names = "--operator-secret-env", description = "Environment variable with the operator app's secret.")
        Optional<String> secretEnv;
        @Option(names = "--operator-secret-file", description = "File with the operator app's secret.")
        Optional<Path> secretFile;

        /**
         * The per-user pipeline over the platform's stores, uploading through the operator API when one is given.
         *
         * @param global the global options
         * @param graph the connector
         * @param operator the operator API options, or null
         * @return the pipeline
         */
        static UserEnablement enablement(GlobalOptions global, GraphConnector graph, OperatorApi operator) {
            Platform p = global.platform();
            UserEnablement.Builder b = UserEnablement.builder().graph(graph).store(p.credentials())
                    .inventory(p.inventory()).billing(e -> p.usage().record(e.toUsage())).actor("cli");
            if (operator != null) {
                b.provisioning(AcgProvisioningClient.builder().connector(graph).endpoint(operator.url, operator.scope)
                        .operator(TenantId.parse(operator.tenant), ClientSecretCredential.of(ClientId.parse(
                                operator.clientId), GlobalOptions.secret(operator.secretEnv, operator.secretFile),
                                Instant.now().plusSeconds(3600))).build());
            }
            return b.build();
        }
    }

    /** What every bulk command against a tenant needs. */
    abstract static class TenantBulkCommand implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @ArgGroup(exclusive = false, heading = "Operator provisioning API (to upload Operator Connect numbers):%n")
        OperatorApi operator;

        BulkAssignments bulk() {
            GraphConnector graph = global.connector();
            Platform p = global.platform();
            UserEnablement enablement = OperatorApi.enablement(global, graph, operator);
            return BulkAssignments.builder().graph(graph).store(p.credentials()).inventory(p.inventory())
                    .enablement(enablement).journal(p.jobs()).extensions(p.extensions()).build();
        }

        int report(BulkReport r) {
            PrintWriter out = spec.commandLine().getOut();
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
            spec.commandLine().getOut().print(plan.toText());
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
                spec.commandLine().getOut().print(plan.toText());
                spec.commandLine().getErr().println("error: nothing was written; fix the rows or use --skip-invalid");
                return ExitCodes.FINDINGS;
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
