package dev.tenantconnect.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Issue 21's kill scenario alone, at the size unless told otherwise: the same as {@link ClusterBenchmark}
 * {@code --full --scenario kill} (one bulk job joined by three instance JVMs on one embedded PostgreSQL, the simulator
 * in its own JVM, one instance killed with SIGKILL mid-job), kept for its positional arguments.
 *
 * <p>Arguments: {@code [rows (3,000)] [rows per unit (100)] [rows the victim concludes before its kill (150)]
 * [lease seconds (10)] [--runs N]}. Command: see docs/BENCHMARKS.md ("Joined bulk job, one instance killed").
 */
public final class ClusterKillBenchmark {
    private ClusterKillBenchmark() {
    }

    /**
     * @param args see the class comment
     * @throws Exception if the database, the simulator or a child cannot start
     */
    public static void main(String[] args) throws Exception {
        List<String> pos = Runs.positional(List.of(args));
        List<String> options = new ArrayList<>(List.of("--scenario", "kill", "--full", "--runs",
                Integer.toString(Runs.runs(List.of(args), 1))));
        String[] names = {"--kill-rows", "--kill-unit-rows", "--kill-after", "--kill-lease-s"};
        for (int i = 0; i < pos.size() && i < names.length; i++) {
            options.add(names[i]);
            options.add(pos.get(i));
        }
        ClusterBenchmark.main(options.toArray(String[]::new));
    }
}
