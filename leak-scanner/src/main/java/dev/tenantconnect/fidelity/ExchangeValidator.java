package dev.tenantconnect.fidelity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JVM-wide validator the simulator hands every exchange to (through its hook, when this module is on the class
 * path): Graph answers against the v1.0 CSDL, provisioning requests and answers against the swagger. The
 * descriptions are loaded on first use. Violations are kept until the running test class ends
 * ({@link ExchangeValidationExtension}); the totals are written to {@code target/exchange-validation.txt} when the
 * JVM exits.
 */
public final class ExchangeValidator {
    private static final Object LOCK = new Object();
    private static final AtomicLong GRAPH = new AtomicLong();
    private static final AtomicLong PROVISIONING = new AtomicLong();
    private static final AtomicLong UNDESCRIBED = new AtomicLong();
    private static final AtomicLong VIOLATIONS = new AtomicLong();
    private static final List<String> FINDINGS = new ArrayList<>();
    private static GraphAnswers graph;
    private static ProvisioningExchanges provisioning;
    private static boolean summaryHooked;

    private ExchangeValidator() {
    }

    /**
     * Validates one exchange; a violation is kept for the running test class.
     *
     * @param e the exchange, as the simulator answered it
     */
    public static void validate(Exchange e) {
        List<String> found;
        try {
            found = switch (e.api()) {
                case "graph" -> graph().check(e).map(v -> {
                    GRAPH.incrementAndGet();
                    return v;
                }).orElseGet(() -> {
                    UNDESCRIBED.incrementAndGet();
                    return List.of();
                });
                case "provisioning" -> {
                    PROVISIONING.incrementAndGet();
                    yield provisioning().check(e);
                }
                default -> {
                    UNDESCRIBED.incrementAndGet();
                    yield List.of();
                }
            };
        } catch (RuntimeException x) {
            found = List.of("the validator failed: " + x.getClass().getSimpleName() + ": " + x.getMessage());
        }
        if (!found.isEmpty()) {
            VIOLATIONS.incrementAndGet();
            synchronized (LOCK) {
                FINDINGS.add(e + ": " + String.join("; ", found));
            }
        }
    }

    /** @return the violations found since the last call, and forgets them */
    public static List<String> takeViolations() {
        synchronized (LOCK) {
            List<String> out = List.copyOf(FINDINGS);
            FINDINGS.clear();
            return out;
        }
    }

    /** @return Graph answers checked against the CSDL so far in this JVM */
    public static long graphValidated() {
        return GRAPH.get();
    }

    /** @return provisioning exchanges checked against the swagger so far in this JVM */
    public static long provisioningValidated() {
        return PROVISIONING.get();
    }

    /** @return answers no description covers (a {@code $batch} container, whose parts are checked one by one) */
    public static long undescribed() {
        return UNDESCRIBED.get();
    }

    /** @return exchanges with at least one violation so far in this JVM */
    public static long violations() {
        return VIOLATIONS.get();
    }

    /** @return a one-line summary */
    public static String summary() {
        return "exchange validator: " + GRAPH.get() + " Graph answers checked against the v1.0 CSDL, "
                + PROVISIONING.get() + " provisioning exchanges against the swagger, " + UNDESCRIBED.get()
                + " not covered by a description, " + VIOLATIONS.get() + " with violations";
    }

    private static GraphAnswers graph() {
        synchronized (LOCK) {
            hookSummary();
            if (graph == null) {
                try (InputStream in = ExchangeValidator.class.getResourceAsStream(
                        "/reference/graph-v1.0-subset.csdl.xml")) {
                    graph = new GraphAnswers(in);
                } catch (Exception x) {
                    throw new IllegalStateException("the Graph CSDL could not be read", x);
                }
            }
            return graph;
        }
    }

    private static ProvisioningExchanges provisioning() {
        synchronized (LOCK) {
            hookSummary();
            if (provisioning == null) {
                provisioning = new ProvisioningExchanges();
            }
            return provisioning;
        }
    }

    /** Writes this JVM's totals to {@code target/exchange-validation.txt} (the module's, under Maven) at exit. */
    private static void hookSummary() {
        if (summaryHooked) {
            return;
        }
        summaryHooked = true;
        Optional<Path> target = Optional.of(Path.of("target")).filter(Files::isDirectory);
        Runnable write = () -> target.ifPresent(dir -> {
            try {
                Files.writeString(dir.resolve("exchange-validation.txt"), summary() + System.lineSeparator(),
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        });
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(write, "exchange-validation-summary"));
        } catch (IllegalStateException shuttingDown) {
            // the first exchange arrived while the JVM is already stopping: no hook can be added any more
            write.run();
        }
    }
}
