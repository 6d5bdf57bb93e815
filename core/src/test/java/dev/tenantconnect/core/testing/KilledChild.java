package dev.tenantconnect.core.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM on the test's class path that a crash test kills with SIGKILL — no shutdown hooks, no flushing, no
 * finally blocks — at the first line of its output the test picks.
 */
public final class KilledChild {
    private KilledChild() {
    }

    /**
     * What the child printed up to the kill.
     *
     * @param output every line it printed (standard output and error), up to and including the kill's
     * @param killedAt the line it was killed at; empty if it ended on its own
     */
    public record Run(String output, Optional<String> killedAt) {
        /** @return the lines of the output that start with {@code prefix}, without it */
        public List<String> values(String prefix) {
            return output.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip())
                    .toList();
        }
    }

    /**
     * Starts {@code main} in a child JVM with this JVM's class path and kills it at the first line {@code killAt}
     * accepts (the predicate may count lines).
     *
     * @param jvmOptions options before the main class, e.g. system properties
     * @param main the child's main class
     * @param args its arguments
     * @param killAt picks the line to kill the child at
     * @return what it printed
     * @throws IOException if the child cannot be started or read
     * @throws InterruptedException if interrupted while waiting for the child to end
     */
    public static Run run(List<String> jvmOptions, Class<?> main, List<String> args, Predicate<String> killAt)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        command.add(main.getName());
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        String killedAt = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.append(line).append('\n');
                if (killAt.test(line)) {
                    killedAt = line;
                    child.destroyForcibly(); // SIGKILL
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
        }
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the child did not end within 60 s of its SIGKILL\n" + output);
        }
        return new Run(output.toString(), Optional.ofNullable(killedAt));
    }
}
