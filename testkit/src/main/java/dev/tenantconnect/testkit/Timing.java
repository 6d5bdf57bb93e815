package dev.tenantconnect.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the simulated cloud takes for what the real one does asynchronously — the baseline that
 * {@link Faults#reset()} returns to. Three profiles:
 * <ul>
 * <li>{@link #DEFAULT}: what a simulator gets unless told otherwise (the demo, the CLI's {@code simulator}
 * command): short but not zero, so waiting and polling code runs on every flow;</li>
 * <li>{@link #REALISTIC}: delays of the order Microsoft describes (directory replication and consent propagation
 * are eventually consistent, "seconds" to "minutes": https://devblogs.microsoft.com/identity/designing-for-eventual-consistency-for-microsoft-entra;
 * the provisioning API allows 100 requests a minute);</li>
 * <li>{@link #FAST}: nothing delayed, nothing rate-limited — what tests ask for explicitly
 * ({@link SimulatorExtension} does), turning delays on where a test is about them.</li>
 * </ul>
 *
 * @param operation how long a Teams number operation takes
 * @param provisioningSync how long a provisioning API write stays {@code pending}
 * @param replication how long a new directory object answers 404
 * @param permissionPropagation how long after admin consent a permission reaches new tokens
 * @param provisioningRateLimit the provisioning API's rate limit
 */
public record Timing(Duration operation, Duration provisioningSync, Duration replication,
        Duration permissionPropagation, Faults.Throttling provisioningRateLimit) {
    /** The provisioning API's documented limit: 100 requests a minute. */
    public static final Faults.Throttling PROVISIONING_LIMIT = new Faults.Throttling(100, 100 / 60.0);
    /** Nothing delayed, nothing rate-limited: for tests. */
    public static final Timing FAST = new Timing(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Faults.Throttling.OFF);
    /** Short, non-zero delays and the provisioning limit: the simulator's default. */
    public static final Timing DEFAULT = new Timing(Duration.ofMillis(400), Duration.ofMillis(800),
            Duration.ofMillis(300), Duration.ofSeconds(1), PROVISIONING_LIMIT);
    /** Delays of the order Microsoft describes. */
    public static final Timing REALISTIC = new Timing(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(5), Duration.ofSeconds(60), PROVISIONING_LIMIT);

    /** Rejects nulls and negative delays. */
    public Timing {
        for (Duration d : new Duration[] {operation, provisioningSync, replication, permissionPropagation}) {
            if (Objects.requireNonNull(d, "delay").isNegative()) {
                throw new IllegalArgumentException("delays must not be negative");
            }
        }
        Objects.requireNonNull(provisioningRateLimit, "provisioningRateLimit");
    }

    /**
     * @param limit another provisioning rate limit
     * @return this profile with it
     */
    public Timing withProvisioningRateLimit(Faults.Throttling limit) {
        return new Timing(operation, provisioningSync, replication, permissionPropagation, limit);
    }
}
