package dev.tenantconnect.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code tenantconnect} command-line tool. Exit codes (see {@link ExitCodes}): 0 done, 1 findings or failed rows,
 * 2 usage error, 3 could not reach Microsoft or the credential was refused, 70 internal error.
 */
@Command(name = "tenantconnect", mixinStandardHelpOptions = true, version = "tenantconnect 0.1.0-SNAPSHOT",
        description = "Connect customers' Microsoft 365 tenants for Teams calling and run the number lifecycle.",
        subcommands = {DemoCommand.class, SimulatorCommand.class, TenantCommands.Connect.class,
            TenantCommands.Verify.class, AppRegistrationCommands.AppRegistration.class,
            AppRegistrationCommands.Upgrade.class, TenantCommands.RotateSecret.class,
            TenantCommands.RetirePrevious.class, TenantCommands.Secrets.class,
            UsersCommand.class, NumbersCommand.class, BulkCommand.class,
            ReportAndReplicateCommands.Replicate.class, ReportAndReplicateCommands.Report.class, StoreCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nData directory and profile:%n",
        footer = {"State lives in an embedded database in $TENANTCONNECT_HOME (default ~/.tenantconnect), created "
            + "owner-only on first use with its store key (store.key; or set TENANTCONNECT_STORE_KEY).",
            "Global options can come from TENANTCONNECT_<OPTION> variables (e.g. TENANTCONNECT_CLOUD) or from "
            + "profile.properties in that directory (e.g. cloud=custom).",
            "Shell completion: source <(tenantconnect completion)"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:findings: failed checks, invalid or failed rows, a refused change",
            "2:usage error (nothing was done)", "3:could not reach Microsoft, or the credential was refused",
            "4:a store failed its integrity check (run store doctor)",
            "70:internal error (a bug: run again with --verbose and report the stack trace)"})
public final class TenantConnectCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Debug logging on standard error (the "
            + "tool's and its libraries'), and stack traces of internal errors.")
    boolean verbose;

    /**
     * Runs the tool and exits with its exit code. Whatever the commands printed is flushed before the JVM exits,
     * also when something calls {@link System#exit} or throws.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Thread flush = new Thread(() -> {
            out.flush();
            err.flush();
        }, "tenantconnect-flush");
        Runtime.getRuntime().addShutdownHook(flush);
        int code;
        try {
            code = run(out, err, args);
        } finally {
            out.flush();
            err.flush();
        }
        System.exit(code);
    }

    /**
     * Runs the tool with the given output streams (for tests and embedding); both are flushed on return.
     *
     * @param out standard output
     * @param err standard error
     * @param args the command line
     * @return the exit code
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        Logging.configure(verbose);
        try {
            CommandLine cli = commandLine();
            cli.setOut(out);
            cli.setErr(err);
            cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
                int code = ExitCodes.of(e);
                if (code == ExitCodes.INTERNAL) {
                    cmd.getErr().println("internal error: " + e.getClass().getName() + (e.getMessage() == null ? ""
                            : ": " + e.getMessage()));
                    if (verbose) {
                        e.printStackTrace(cmd.getErr());
                    } else {
                        cmd.getErr().println("hint: run again with --verbose for the stack trace, and report it");
                    }
                    return code;
                }
                if (e instanceof CommandLine.ParameterException p) {
                    return usageError(p, args);
                }
                cmd.getErr().println("error: " + e.getMessage());
                ExitCodes.hint(e).ifPresent(h -> cmd.getErr().println("hint: " + h));
                if (verbose) {
                    e.printStackTrace(cmd.getErr());
                }
                return code;
            });
            cli.setParameterExceptionHandler((e, a) -> usageError(e, args));
            return cli.execute(args);
        } catch (dev.tenantconnect.core.error.ConfigurationException e) {
            err.println("error: " + e.getMessage()); // the profile: nothing was run
            return ExitCodes.USAGE;
        } catch (RuntimeException | Error e) {
            err.println("internal error: " + e.getClass().getName());
            if (verbose) {
                e.printStackTrace(err);
            }
            return ExitCodes.INTERNAL;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * @return the tool's command tree, every command and subcommand, with the user's profile as default provider
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TenantConnectCli());
        cli.addSubcommand("completion", new AutoComplete.GenerateCompletion());
        cli.getSubcommands().get("completion").getCommandSpec().usageMessage().description(
                "Print the bash/zsh completion script: source <(tenantconnect completion)").hidden(false);
        cli.setDefaultValueProvider(Profile.current());
        return cli;
    }

    /**
     * Says what is wrong with the command line without repeating anything that may be a secret: unknown options and
     * command words are named (with picocli's suggestions), other tokens by their position.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        String name = e.getCommandLine().getCommandSpec().qualifiedName();
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> named = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            boolean secretOption = false;
            boolean afterUnknownOption = false;
            int from = 0;
            for (String token : u.getUnmatched()) {
                int at = indexOf(args, token, from);
                from = at < 0 ? from : at + 1;
                var option = token.startsWith("-") ? SafeText.optionName(token) : java.util.Optional.<String>empty();
                if (option.isPresent()) {
                    named.add("option '" + option.get() + "'");
                    secretOption |= option.get().equals("--secret") || option.get().equals("--password");
                    afterUnknownOption = !token.contains("=");
                } else if (!token.startsWith("-") && !afterUnknownOption && SafeText.echoable(token)) {
                    named.add("'" + token + "'");
                } else {
                    // maybe the value of a mistyped option, or a secret pasted in the wrong place: not repeated
                    positions.add(at + 1);
                    afterUnknownOption = false;
                }
            }
            StringBuilder m = new StringBuilder("error: ").append(name).append(": ");
            if (!named.isEmpty()) {
                m.append("unknown ").append(String.join(", ", named));
            }
            if (!positions.isEmpty()) {
                m.append(named.isEmpty() ? "" : "; ").append("unexpected argument").append(positions.size() > 1 ? "s"
                        : "").append(" at position ").append(positions.stream().map(p -> p < 1 ? "?"
                                : String.valueOf(p)).reduce((x, y) -> x + ", " + y).orElse("?"))
                        .append(" (not shown: it may be a secret)");
            }
            if (secretOption) {
                m.append(" (secrets are read from --secret-env or --secret-file, never from the command line)");
            }
            err.println(m);
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                err.println("Did you mean: " + String.join(" or ", suggestions) + "?");
            }
        } else {
            err.println("error: " + name + ": " + withoutValue(e));
        }
        err.println("Run '" + name + " --help' for the options.");
        return ExitCodes.USAGE;
    }

    /** Picocli's message, with the offending value removed unless it cannot be a secret. */
    private static String withoutValue(CommandLine.ParameterException e) {
        String message = String.valueOf(e.getMessage());
        String value = e.getValue();
        if (value != null && !value.isEmpty() && !SafeText.echoable(value) && message.contains(value)) {
            message = message.replace("'" + value + "'", "(the value given)").replace(value, "(the value given)");
        }
        return message;
    }

    private static int indexOf(String[] args, String token, int from) {
        for (int i = from; i < args.length; i++) {
            if (args[i].equals(token) || args[i].startsWith(token + "=")) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
