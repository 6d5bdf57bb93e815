package dev.tenantconnect.testkit;

import dev.tenantconnect.core.credential.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own, for the CLI and the demo:
 * {@code SimulatorMain [--port 8443] [--seed demo | --seed-file FILE.json] [--users 300] [--latency-ms 0]
 * [--latency-jitter-ms 0] [--throttle CAPACITY/PER_SECOND] [--faults NAME=VALUE,...] [--realistic | --fast]
 * [--provisioning-limit PER_MINUTE] [--state-dir DIR] [--journal-endpoint]}. With {@code --journal-endpoint} the
 * request journal's summary is served at {@code /_simulator/journal} ({@link MicrosoftCloudSimulator#JOURNAL_PATH}),
 * for a harness that counts requests from another process. Timing is {@link Timing#DEFAULT} unless {@code --realistic} or {@code --fast}; the provisioning
 * API allows 100 requests a minute unless {@code --provisioning-limit} says otherwise (0: off). The seed file format is
 * {@link SeedFile}'s; the faults are {@code server-errors=0.1}, {@code drop-after-write=0.02},
 * {@code drop-before-write=0.02}, {@code operation-delay-ms=500}, {@code replication-delay-ms=200},
 * {@code provisioning-sync-ms=200}.
 * Writes the TLS certificate (PEM), the seeded apps' client secret (mode 600) and a profile for the
 * {@code tenantconnect} CLI ({@code profile.properties}: this simulator's URLs, trust and operator app) into the state
 * folder and prints where; stops on Ctrl-C.
 */
public final class SimulatorMain {
    private SimulatorMain() {
    }

    /**
     * @param args command-line arguments
     * @throws Exception when the simulator cannot start
     */
    public static void main(String[] args) throws Exception {
        // run on its own, only warnings and errors are logged (to stderr); a property set by the caller wins
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int port = 0;
        int users = 300;
        long latency = 0;
        long jitter = 0;
        boolean journalEndpoint = false;
        boolean demo = false;
        SeedFile seedFile = null;
        String throttle = null;
        String faults = null;
        Timing timing = Timing.DEFAULT;
        Integer provisioningLimit = null;
        Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "tenantconnect-simulator");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--users" -> users = Integer.parseInt(value(args, ++i, "--users"));
                case "--latency-ms" -> latency = Long.parseLong(value(args, ++i, "--latency-ms"));
                case "--latency-jitter-ms" -> jitter = Long.parseLong(value(args, ++i, "--latency-jitter-ms"));
                case "--journal-endpoint" -> journalEndpoint = true;
                case "--state-dir" -> stateDir = Path.of(value(args, ++i, "--state-dir"));
                case "--seed" -> {
                    String seed = value(args, ++i, "--seed");
                    if (!seed.equals("demo")) {
                        usage("unknown seed '" + seed + "'; the only built-in seed is 'demo'");
                    }
                    demo = true;
                }
                case "--seed-file" -> {
                    try {
                        seedFile = SeedFile.read(Path.of(value(args, ++i, "--seed-file")));
                    } catch (dev.tenantconnect.core.error.ValidationException e) {
                        usage("the seed file is not valid: " + e.getMessage());
                    }
                }
                case "--throttle" -> throttle = value(args, ++i, "--throttle");
                case "--faults" -> faults = value(args, ++i, "--faults");
                case "--realistic" -> timing = Timing.REALISTIC;
                case "--fast" -> timing = Timing.FAST;
                case "--provisioning-limit" -> provisioningLimit = Integer.parseInt(value(args, ++i,
                        "--provisioning-limit"));
                case "--help", "-h" -> usage(null);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (provisioningLimit != null) {
            if (provisioningLimit < 0) {
                usage("--provisioning-limit is requests per minute, 0 for none");
            }
            timing = timing.withProvisioningRateLimit(provisioningLimit == 0 ? Faults.Throttling.OFF
                    : new Faults.Throttling(provisioningLimit, provisioningLimit / 60.0));
        }
        MicrosoftCloudSimulator sim = MicrosoftCloudSimulator.builder().port(port).timing(timing)
                .journalEndpoint(journalEndpoint).start();
        // registered before anything is printed: a caller that stops us as soon as it reads a line must find the hook
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stop.countDown();
        }));
        sim.faults().latency(Duration.ofMillis(latency), Duration.ofMillis(jitter));
        if (throttle != null) {
            applyThrottle(sim.faults(), throttle);
        }
        if (faults != null) {
            applyFaults(sim.faults(), faults);
        }
        if (seedFile != null) {
            seedFile.applyTo(sim);
            System.out.println("Seeded from the seed file");
        }
        Files.createDirectories(stateDir);
        Path cert = stateDir.resolve("simulator-cert.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(sim.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
        System.out.println("Simulated Microsoft cloud on " + sim.baseUrl());
        System.out.println("  Graph:        " + sim.graphBaseUrl());
        System.out.println("  Provisioning: " + sim.provisioningBaseUrl() + " (token scope "
                + MicrosoftCloudSimulator.PROVISIONING_SCOPE + ")");
        System.out.println("  Trust (PEM):  " + cert);
        Path secretFile = null;
        if (demo) {
            byte[] raw = new byte[24];
            new SecureRandom().nextBytes(raw);
            Secret secret = Secret.of("demo~" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
            secretFile = writePrivate(stateDir.resolve("demo-client-secret"), secret);
            DemoSeed.apply(sim, users, secret);
            System.out.println("  Demo customer tenant " + DemoSeed.CUSTOMER + ", app " + DemoSeed.CUSTOMER_APP);
            System.out.println("  Demo operator tenant " + DemoSeed.OPERATOR + ", app " + DemoSeed.OPERATOR_APP);
        }
        Path profileFile = stateDir.resolve("profile.properties");
        Files.writeString(profileFile, cliProfile(sim, cert, java.util.Optional.ofNullable(secretFile)));
        System.out.println("  CLI profile:  " + profileFile);
        if (secretFile != null) {
            System.out.println("  Client secret file (mode 600): " + secretFile);
        }
        stop.await();
    }

    /**
     * The {@code tenantconnect} CLI's profile for a running simulator: the custom cloud's URLs, the certificate to
     * trust and the provisioning API; with the demo seed's operator app when its secret file is given.
     *
     * @param sim the simulator
     * @param certificate where its certificate (PEM) was written
     * @param demoSecretFile the demo seed's client secret file, when the demo seed is loaded
     * @return the content of {@code profile.properties}
     */
    public static String cliProfile(MicrosoftCloudSimulator sim, Path certificate,
            java.util.Optional<Path> demoSecretFile) {
        StringBuilder profile = new StringBuilder("# the tenantconnect CLI's profile for this simulator: copy it to "
                + "~/.tenantconnect/profile.properties (or $TENANTCONNECT_HOME)\n")
                .append("cloud=custom\n")
                // the simulator issues throwaway credentials only: letting it see the stored ones is safe here, and
                // a custom cloud with a persistent store is refused unless a profile or option says so
                .append("allow-custom-cloud-with-stored-credentials=true\n")
                .append("login-url=").append(sim.baseUrl()).append('\n')
                .append("graph-url=").append(sim.graphBaseUrl()).append('\n')
                .append("trust-cert=").append(path(certificate)).append('\n')
                .append("provisioning-url=").append(sim.provisioningBaseUrl()).append('\n')
                .append("provisioning-scope=").append(MicrosoftCloudSimulator.PROVISIONING_SCOPE).append('\n');
        demoSecretFile.ifPresent(f -> profile.append("operator-tenant=").append(DemoSeed.OPERATOR).append('\n')
                .append("operator-client-id=").append(DemoSeed.OPERATOR_APP).append('\n')
                .append("operator-secret-file=").append(path(f)).append('\n'));
        return profile.toString();
    }

    /** A path as a properties value: absolute, backslashes escaped. */
    private static String path(Path p) {
        return p.toAbsolutePath().toString().replace("\\", "\\\\");
    }

    /**
     * @param faults where to apply it
     * @param spec {@code CAPACITY/PER_SECOND}, e.g. {@code 100/50}: each (app, tenant) pair's token bucket
     */
    static void applyThrottle(Faults faults, String spec) {
        String[] parts = spec.split("/", -1);
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            faults.throttlePerAppAndTenant(new Faults.Throttling(Integer.parseInt(parts[0].strip()),
                    Double.parseDouble(parts[1].strip())));
        } catch (IllegalArgumentException e) {
            usage("--throttle must be CAPACITY/PER_SECOND with positive numbers, e.g. 100/50");
        }
    }

    /**
     * @param faults where to apply them
     * @param spec {@code name=value} pairs separated by commas
     */
    static void applyFaults(Faults faults, String spec) {
        for (String pair : spec.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2) {
                usage("--faults takes name=value pairs separated by commas, e.g. server-errors=0.1");
            }
            String name = kv[0].strip();
            String v = kv[1].strip();
            try {
                switch (name) {
                    case "server-errors" -> faults.serverErrors(rate(v));
                    case "drop-after-write" -> faults.dropAfterWrite(rate(v));
                    case "drop-before-write" -> faults.dropBeforeWrite(rate(v));
                    case "operation-delay-ms" -> faults.operationDelay(Duration.ofMillis(Long.parseLong(v)));
                    case "replication-delay-ms" -> faults.replicationDelay(Duration.ofMillis(Long.parseLong(v)));
                    case "provisioning-sync-ms" -> faults.provisioningSyncDelay(Duration.ofMillis(Long.parseLong(v)));
                    case "permission-propagation-ms" -> faults.permissionPropagationDelay(Duration.ofMillis(
                            Long.parseLong(v)));
                    default -> usage("unknown fault '" + name + "'; known: server-errors, drop-after-write, "
                            + "drop-before-write, operation-delay-ms, replication-delay-ms, provisioning-sync-ms, "
                            + "permission-propagation-ms");
                }
            } catch (IllegalArgumentException e) {
                usage("fault '" + name + "' has a bad value '" + v + "'");
            }
        }
    }

    private static double rate(String v) {
        double d = Double.parseDouble(v);
        if (!(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException("a rate is between 0 and 1");
        }
        return d;
    }

    private static Path writePrivate(Path file, Secret secret) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        byte[] bytes = secret.revealUtf8();
        try {
            Files.write(file, bytes);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
        return file;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println(problem);
        }
        System.err.println("usage: SimulatorMain [--port N] [--seed demo | --seed-file FILE.json] [--users N] "
                + "[--latency-ms N] [--latency-jitter-ms N] [--throttle CAPACITY/PER_SECOND] [--faults NAME=VALUE,...] "
                + "[--realistic | --fast] [--provisioning-limit PER_MINUTE] [--state-dir DIR] [--journal-endpoint]");
        System.exit(problem == null ? 0 : 2);
    }
}
