package dev.tenantconnect.testkit;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one simulator per test class, reset (tenants, faults, journal) and re-seeded before every
 * test, injected as a {@link MicrosoftCloudSimulator} parameter. Register it on a static field (one simulator per
 * class, the fast choice) or on an instance field (one simulator per test):
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SimulatorExtension cloud = SimulatorExtension.create().seededWith(sim -> sim.tenant(TENANT)...);
 * }</pre>
 */
public final class SimulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        org.junit.jupiter.api.extension.AfterEachCallback, ParameterResolver {
    private final MicrosoftCloudSimulator.Builder builder;
    private Consumer<MicrosoftCloudSimulator> seed = sim -> {
    };
    private volatile MicrosoftCloudSimulator simulator;
    private volatile boolean perClass;

    private SimulatorExtension(MicrosoftCloudSimulator.Builder builder) {
        this.builder = builder;
    }

    /** @return an extension with the simulator's defaults and {@link Timing#FAST} timing */
    public static SimulatorExtension create() {
        return new SimulatorExtension(MicrosoftCloudSimulator.builder().timing(Timing.FAST));
    }

    /**
     * @param builder a configured simulator builder (seed, clock, threads, timing); {@link Timing#FAST} unless it
     *     chose a timing profile
     * @return an extension that starts simulators from it
     */
    public static SimulatorExtension create(MicrosoftCloudSimulator.Builder builder) {
        return new SimulatorExtension(Objects.requireNonNull(builder).timingChosen() ? builder
                : builder.timing(Timing.FAST));
    }

    /**
     * @param seeding applied after every reset, before each test
     * @return this
     */
    public SimulatorExtension seededWith(Consumer<MicrosoftCloudSimulator> seeding) {
        this.seed = Objects.requireNonNull(seeding);
        return this;
    }

    /** @return the running simulator (between beforeAll and afterAll) */
    public MicrosoftCloudSimulator simulator() {
        MicrosoftCloudSimulator s = simulator;
        if (s == null) {
            throw new IllegalStateException("the simulator runs only while the test class runs; register the "
                    + "extension on a static field");
        }
        return s;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        simulator = builder.start();
    }

    /** Registered on an instance field, the extension runs one simulator per test and stops it afterwards. */
    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass && simulator != null) {
            simulator.close();
            simulator = null;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (simulator == null) {
            simulator = builder.start();
        }
        simulator.reset();
        seed.accept(simulator);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == MicrosoftCloudSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return simulator();
    }
}
