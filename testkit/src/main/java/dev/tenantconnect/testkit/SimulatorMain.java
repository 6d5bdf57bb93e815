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
 * {@code SimulatorMain [--port 8443] [--seed demo] [--users 300] [--latency-ms 0] [--state-dir DIR]}.
 * Writes the TLS certificate (PEM) and the seeded apps' client secret (mode 600) into the state folder and prints
 * where; stops on Ctrl-C.
 */
public final class SimulatorMain {
    private SimulatorMain() {
    }

    /**
     * @param args command-line arguments
     * @throws Exception when the simulator cannot start
     */
    public static void main(String[] args) throws Exception {
        int port = 0;
        int users = 300;
        long latency = 0;
        boolean demo = false;
        Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "tenantconnect-simulator");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--users" -> users = Integer.parseInt(value(args, ++i, "--users"));
                case "--latency-ms" -> latency = Long.parseLong(value(args, ++i, "--latency-ms"));
                case "--state-dir" -> stateDir = Path.of(value(args, ++i, "--state-dir"));
                case "--seed" -> {
                    String seed = value(args, ++i, "--seed");
                    if (!seed.equals("demo")) {
                        usage("unknown seed '" + seed + "'; the only built-in seed is 'demo'");
                    }
                    demo = true;
                }
                case "--help", "-h" -> usage(null);
                default -> usage("unknown option " + args[i]);
            }
        }
        MicrosoftCloudSimulator sim = MicrosoftCloudSimulator.builder().port(port).start();
        sim.faults().latency(Duration.ofMillis(latency), Duration.ZERO);
        Files.createDirectories(stateDir);
        Path cert = stateDir.resolve("simulator-cert.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(sim.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
        System.out.println("Simulated Microsoft cloud on " + sim.baseUrl());
        System.out.println("  Graph:        " + sim.graphBaseUrl());
        System.out.println("  Provisioning: " + sim.provisioningBaseUrl());
        System.out.println("  Trust (PEM):  " + cert);
        if (demo) {
            byte[] raw = new byte[24];
            new SecureRandom().nextBytes(raw);
            Secret secret = Secret.of("demo~" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
            Path secretFile = writePrivate(stateDir.resolve("demo-client-secret"), secret);
            DemoSeed.apply(sim, users, secret);
            System.out.println("  Demo customer tenant " + DemoSeed.CUSTOMER + ", app " + DemoSeed.CUSTOMER_APP);
            System.out.println("  Demo operator tenant " + DemoSeed.OPERATOR + ", app " + DemoSeed.OPERATOR_APP);
            System.out.println("  Client secret file (mode 600): " + secretFile);
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stop.countDown();
        }));
        stop.await();
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
        System.err.println("usage: SimulatorMain [--port N] [--seed demo] [--users N] [--latency-ms N] [--state-dir DIR]");
        System.exit(problem == null ? 0 : 2);
    }
}
