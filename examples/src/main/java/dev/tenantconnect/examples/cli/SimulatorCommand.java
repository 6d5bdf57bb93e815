package dev.tenantconnect.examples.cli;

import dev.tenantconnect.testkit.SimulatorMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the testkit's simulated Microsoft cloud until interrupted. */
@Command(name = "simulator", mixinStandardHelpOptions = true, description = "Run the simulated Microsoft cloud "
        + "(Entra, Graph, the operator provisioning API) on 127.0.0.1 until Ctrl-C; prints its URLs and where its "
        + "certificate and the demo secret are.")
final class SimulatorCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "0", description = "Port (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--seed", description = "Built-in seed to load: demo.")
    Optional<String> seed;

    @Option(names = "--seed-file", description = "A JSON scenario: tenants, users, licences, numbers, consents, apps "
            + "and their secrets (format in the README, \"Simulator seed files\").")
    Optional<Path> seedFile;

    @Option(names = "--throttle", description = "Per (app, tenant) token bucket, CAPACITY/PER_SECOND, e.g. 100/50.")
    Optional<String> throttle;

    @Option(names = "--faults", description = "Faults, e.g. server-errors=0.1,drop-after-write=0.02,"
            + "operation-delay-ms=500,replication-delay-ms=200,provisioning-sync-ms=200.")
    Optional<String> faults;

    @Option(names = "--users", defaultValue = "300", description = "Users in the demo tenant. Default: "
            + "${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--latency-ms", defaultValue = "0", description = "Added latency per request.")
    long latencyMs;

    @Option(names = "--state-dir", description = "Where to write the certificate and the demo secret.")
    Optional<Path> stateDir;

    @Option(names = "--realistic", description = "Delays of the order Microsoft describes (operations 10 s, "
            + "provisioning sync 30 s, replication 5 s, permission propagation 60 s) instead of the short defaults.")
    boolean realistic;

    @Option(names = "--fast", description = "No delays and no provisioning rate limit.")
    boolean fast;

    @Option(names = "--provisioning-limit", description = "Provisioning API requests per minute (0: no limit). "
            + "Default: 100, as Microsoft documents.")
    Optional<Integer> provisioningLimit;

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port), "--users", String.valueOf(users),
                "--latency-ms", String.valueOf(latencyMs)));
        seed.ifPresent(s -> args.addAll(List.of("--seed", s)));
        seedFile.ifPresent(f -> args.addAll(List.of("--seed-file", f.toString())));
        throttle.ifPresent(t -> args.addAll(List.of("--throttle", t)));
        faults.ifPresent(f -> args.addAll(List.of("--faults", f)));
        stateDir.ifPresent(d -> args.addAll(List.of("--state-dir", d.toString())));
        if (realistic) {
            args.add("--realistic");
        } else if (fast) {
            args.add("--fast");
        }
        provisioningLimit.ifPresent(n -> args.addAll(List.of("--provisioning-limit", String.valueOf(n))));
        SimulatorMain.main(args.toArray(String[]::new));
        return ExitCodes.OK;
    }
}
