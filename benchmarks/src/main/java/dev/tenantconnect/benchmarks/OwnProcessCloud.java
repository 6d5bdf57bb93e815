package dev.tenantconnect.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.RequestJournal;
import dev.tenantconnect.testkit.Sku;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The simulated cloud in a process of its own: the testkit's {@code SimulatorMain} on this classpath, seeded from a
 * seed file written up front with every tenant the scenarios will ask for, its faults given as options, its request
 * counts read from its journal endpoint ({@code --journal-endpoint}) and its CPU time from the operating system.
 */
final class OwnProcessCloud implements Cloud {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final String baseUrl;
    private final SSLContext ssl;
    private final X509TrustManager trust;
    private final HttpClient http;
    private final List<Integer> plan;

    private OwnProcessCloud(Process process, String baseUrl, X509Certificate certificate, List<Integer> plan) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.plan = List.copyOf(plan);
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("simulator", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            X509TrustManager tm = null;
            for (TrustManager m : tmf.getTrustManagers()) {
                if (m instanceof X509TrustManager x) {
                    tm = x;
                }
            }
            this.trust = tm;
            this.ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {tm}, null);
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot trust the simulator's certificate", e);
        }
        this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Writes the seed file, starts the simulator and waits until it has applied it.
     *
     * @param s the settings (latency, throttle, operation delay)
     * @param work a private folder for the seed file, the state folder and the simulator's error output
     * @param secret the apps' client secret
     * @param plan users of each customer tenant, in the order the scenarios ask for them
     * @return the running simulator
     */
    static OwnProcessCloud start(EndToEnd.Settings s, Path work, Secret secret, List<Integer> plan) {
        try {
            Path state = Files.createDirectories(work.resolve("simulator-state"));
            Path seed = writeSeed(work.resolve("seed.json"), secret, plan);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    "dev.tenantconnect.testkit.SimulatorMain", "--port", "0", "--fast", "--journal-endpoint",
                    "--seed-file", seed.toString(), "--state-dir", state.toString(),
                    "--latency-ms", Long.toString(s.latency().toMillis()),
                    "--latency-jitter-ms", Long.toString(s.latency().dividedBy(5).toMillis()),
                    "--throttle", String.format(Locale.ROOT, "%d/%s", s.burst(), s.rate()),
                    "--faults", "operation-delay-ms=" + s.operationDelay().toMillis() + ",provisioning-sync-ms=200"));
            Process p = new ProcessBuilder(cmd).redirectError(work.resolve("simulator.err").toFile()).start();
            String base;
            try {
                base = awaitReady(p.getInputStream());
            } finally {
                Files.deleteIfExists(seed); // it holds the secret; the simulator has read it
            }
            X509Certificate cert;
            try (InputStream in = Files.newInputStream(state.resolve("simulator-cert.pem"))) {
                cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            return new OwnProcessCloud(p, base, cert, plan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the simulator's banner until it says where its profile is (printed after seeding); returns its URL. */
    private static String awaitReady(InputStream stdout) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8));
        String base = null;
        for (String line; (line = r.readLine()) != null;) {
            if (line.startsWith("Simulated Microsoft cloud on ")) {
                base = line.substring("Simulated Microsoft cloud on ".length()).strip();
            }
            if (line.strip().startsWith("CLI profile:") && base != null) {
                Thread drain = new Thread(() -> {
                    try {
                        while (r.readLine() != null) {
                            // the simulator prints nothing more; keep its pipe from filling
                        }
                    } catch (IOException e) {
                        // it ended
                    }
                }, "simulator-stdout");
                drain.setDaemon(true);
                drain.start();
                return base;
            }
        }
        throw new IllegalStateException("the simulator process ended before it was ready (see simulator.err)");
    }

    private static Path writeSeed(Path file, Secret secret, List<Integer> plan) throws IOException {
        String part = Sku.OFFICE_365_E5.partNumber();
        byte[] raw = secret.revealUtf8();
        String secretText = new String(raw, StandardCharsets.UTF_8);
        java.util.Arrays.fill(raw, (byte) 0);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode tenants = root.putArray("tenants");
        ObjectNode operator = tenants.addObject().put("id", EndToEnd.OPERATOR.value());
        operator.putArray("apps").addObject().put("clientId", EndToEnd.OPERATOR_APP.value()).put("secret", secretText);
        for (int index = 0; index < plan.size(); index++) {
            int users = plan.get(index);
            ObjectNode t = tenants.addObject().put("id", EndToEnd.tenantId(index).value())
                    .put("domain", "t" + index + ".example.com");
            t.putObject("licences").put(part, users);
            ArrayNode us = t.putArray("users");
            for (int i = 0; i < users; i++) {
                ObjectNode u = us.addObject().put("upn", EndToEnd.upn(index, i)).put("displayName", "User " + i)
                        .put("usageLocation", "SG");
                u.putArray("licences").add(part);
            }
            t.putArray("consent").add("SG");
            ObjectNode app = t.putArray("apps").addObject().put("clientId", EndToEnd.APP.value())
                    .put("secret", secretText);
            app.putArray("roles").add("TEAMS_COMMUNICATIONS_ADMINISTRATOR");
            app.putArray("permissions").add("User.Read.All").add("TeamsTelephoneNumber.ReadWrite.All");
        }
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, root.toString());
        return file;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public String provisioningBaseUrl() {
        return baseUrl + "/provisioning";
    }

    @Override
    public SSLContext sslContext() {
        return ssl;
    }

    @Override
    public X509TrustManager trustManager() {
        return trust;
    }

    @Override
    public void seedOperator(TenantId operator, ClientId app, Secret secret) {
        // in the seed file
    }

    @Override
    public void faults(EndToEnd.Settings s) {
        // given as options when the process started
    }

    @Override
    public void seedTenant(int index, int users, Secret secret) {
        if (index >= plan.size() || plan.get(index) != users) {
            throw new IllegalStateException("tenant " + index + " with " + users + " users is not in the seed file "
                    + plan);
        }
    }

    @Override
    public void clearJournal() {
        send(HttpRequest.newBuilder(URI.create(baseUrl + MicrosoftCloudSimulator.JOURNAL_PATH + "/clear"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), 204);
    }

    @Override
    public Counts counts() {
        String body = send(HttpRequest.newBuilder(URI.create(baseUrl + MicrosoftCloudSimulator.JOURNAL_PATH)).GET()
                .build(), 200);
        try {
            JsonNode j = JSON.readTree(body);
            Map<String, Long> tokens = new TreeMap<>();
            j.get("tokenRequests").fields().forEachRemaining(e -> tokens.put(e.getKey(), e.getValue().asLong()));
            return new Counts(j.get("httpRequests").asLong(), j.at("/byStatus/429").asLong(0), tokens);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(request.uri().getPath() + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<RequestJournal> journal() {
        return Optional.empty();
    }

    @Override
    public Optional<Long> pid() {
        return Optional.of(process.pid());
    }

    @Override
    public Optional<Duration> processCpu() {
        return process.toHandle().info().totalCpuDuration();
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: its shutdown hook stops the server
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
