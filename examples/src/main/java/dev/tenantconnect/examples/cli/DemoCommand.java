package dev.tenantconnect.examples.cli;

import dev.tenantconnect.examples.demo.Demo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the demo. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Walk the whole story against the embedded "
        + "simulated Microsoft cloud: connect, verify, number inventory, enable a user, bulk-enable from CSV, "
        + "capacity and billing. Exit 0 when every step worked; otherwise the step that failed and exit 1.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--users", defaultValue = "300", description = "Users in the customer tenant. Default: "
            + "${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--rows", defaultValue = "150", description = "Rows in the generated bulk file. Default: "
            + "${DEFAULT-VALUE}.")
    int rows;

    @Option(names = "--out", defaultValue = "tenantconnect-demo", description = "Folder for the bulk file, its "
            + "results and the job journal. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--no-progress", description = "Do not draw the progress bar.")
    boolean noProgress;

    @Override
    public Integer call() {
        if (rows < 1 || rows > users - 1) {
            throw new IllegalArgumentException("--rows must be between 1 and --users - 1");
        }
        return new Demo(spec.commandLine().getOut(), spec.commandLine().getErr(), !noProgress).run(out, users, rows);
    }
}
