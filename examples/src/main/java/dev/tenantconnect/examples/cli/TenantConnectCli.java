package dev.tenantconnect.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tenantconnect} command-line tool. Exit codes (see {@link ExitCodes}): 0 ok, 1 findings or failed rows,
 * 2 usage error, 3 could not reach Microsoft or the credential was refused.
 */
@Command(name = "tenantconnect", mixinStandardHelpOptions = true, version = "tenantconnect 0.1.0-SNAPSHOT",
        description = "Connect customers' Microsoft 365 tenants for Teams calling and run the number lifecycle.",
        subcommands = {DemoCommand.class, SimulatorCommand.class, TenantCommands.Connect.class,
            TenantCommands.Verify.class, AppRegistrationCommands.AppRegistration.class,
            AppRegistrationCommands.Upgrade.class, TenantCommands.RotateSecret.class, TenantCommands.Secrets.class,
            UsersCommand.class, NumbersCommand.class, BulkCommand.class,
            ReportAndReplicateCommands.Replicate.class, ReportAndReplicateCommands.Report.class, StoreCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:findings: failed checks, invalid or failed rows",
            "2:usage error (nothing was done)", "3:could not reach Microsoft, or the credential was refused"})
public final class TenantConnectCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the tool.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int exit = run(out, err, args);
        out.flush(); // auto-flush covers println only: a command that print()s its report would lose it at exit
        err.flush();
        System.exit(exit);
    }

    /**
     * Runs the tool with the given output streams (for tests and embedding).
     *
     * @param out standard output
     * @param err standard error
     * @param args the command line
     * @return the exit code
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new TenantConnectCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            ExitCodes.hint(e).ifPresent(h -> cmd.getErr().println("hint: " + h));
            return ExitCodes.of(e);
        });
        cli.setParameterExceptionHandler((e, a) -> {
            String message = e.getMessage();
            if (e instanceof CommandLine.UnmatchedArgumentException u) {
                // name the unknown options only: a value typed after one may be a secret, never echo it
                message = "Unknown option(s): " + String.join(", ", u.getUnmatched().stream()
                        .filter(x -> x.startsWith("-")).map(x -> "'" + x.split("=", 2)[0] + "'").toList())
                        + (u.getUnmatched().stream().anyMatch(x -> x.startsWith("--secret") && !x.startsWith(
                                "--secret-")) ? " (secrets are read from --secret-env or --secret-file, never from "
                                + "the command line)" : "");
            }
            e.getCommandLine().getErr().println("error: " + message);
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return ExitCodes.USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
