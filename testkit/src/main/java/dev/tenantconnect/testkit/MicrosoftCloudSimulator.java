package dev.tenantconnect.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.testkit.internal.CloudState;
import dev.tenantconnect.testkit.internal.TlsMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import javax.net.ssl.SSLContext;

/**
 * A simulated Microsoft cloud — the Entra token endpoint and a Microsoft Graph v1.0 subset — served over HTTPS on
 * 127.0.0.1 from in-memory tenants that tests seed. Built on WireMock: one catch-all stub whose response is computed
 * by a transformer from the shared state, so a write through any endpoint is what the next read sees.
 *
 * <p>Start it with {@link #builder()} (or the JUnit extension {@link SimulatorExtension}), point the SDK at it with
 * one call — {@code GraphConnector.builder().endpoints(simulator.endpoints())} ({@link #endpoints()}: the URLs and
 * the certificate to trust) — seed with {@link #tenant(TenantId)}, switch faults with {@link #faults()}, and read
 * what happened in {@link #journal()}. For unit tests that need no HTTPS, {@link InMemoryMicrosoftTenants} stands in
 * for the same ports in memory.
 */
public final class MicrosoftCloudSimulator implements AutoCloseable {
    private final WireMockServer server;
    private final TlsMaterial tls;
    private final Path workDir;
    private final CloudState state = new CloudState();
    private final Faults faults = new Faults();
    private final RequestJournal journal = new RequestJournal();
    private final boolean journalEndpoint;
    private final Clock clock;
    private final SimulatorEngine engine;
    private volatile String baseUrl = "https://127.0.0.1:0";

    private MicrosoftCloudSimulator(Builder b) {
        this.clock = b.clock;
        faults.baseline(b.timing);
        this.tls = TlsMaterial.generate();
        try {
            this.workDir = Files.createTempDirectory("tenantconnect-simulator",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path keyStore = tls.writeKeyStore(workDir);
        KeyPair signing;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            signing = g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.journalEndpoint = b.journalEndpoint;
        this.engine = new SimulatorEngine(state, faults, journal, clock, new SplittableRandom(b.seed), signing,
                () -> baseUrl, () -> List.of(baseUrl, baseUrl.replace("127.0.0.1", "localhost"),
                        baseUrl.replaceFirst(":\\d+$", ""), "https://localhost"));
        ResponseDefinitionTransformerV2 transformer = new ResponseDefinitionTransformerV2() {
            @Override
            public ResponseDefinition transform(ServeEvent event) {
                return respond(event.getRequest());
            }

            @Override
            public String getName() {
                return "tenantconnect-simulator";
            }
        };
        this.server = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .httpsPort(b.port)
                .keystorePath(keyStore.toString())
                .keystorePassword(tls.password())
                .keyManagerPassword(tls.password())
                .keystoreType("PKCS12")
                .jettyAcceptors(1)
                .containerThreads(b.threads)
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(b.threads)
                .disableRequestJournal()
                .gzipDisabled(true)
                .notifier(new Slf4jNotifier(false))
                .extensions(transformer));
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    }

    private ResponseDefinition respond(LoggedRequest request) {
        if (journalEndpoint && request.getUrl().startsWith(JOURNAL_PATH)) {
            return journalAnswer(request.getMethod().getName(), request.getUrl());
        }
        SimRequest req = new SimRequest(request.getMethod().getName(), request.getUrl(), request::getHeader,
                request.getBodyAsString());
        SimResponse r = engine.handle(req);
        ResponseDefinitionBuilder out = ResponseDefinitionBuilder.responseDefinition();
        Duration delay = engine.latency();
        if (!delay.isZero()) {
            out.withFixedDelay((int) delay.toMillis());
        }
        if (r.drop) {
            return out.withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        out.withStatus(r.status);
        r.headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Length")) {
                out.withHeader(k, v);
            }
        });
        if (!r.body.isEmpty()) {
            out.withBody(r.body);
        }
        return out.build();
    }

    /**
     * The request journal's summary over HTTPS, for a harness that runs the simulator in another process
     * ({@link Builder#journalEndpoint}): {@code GET /_simulator/journal} answers
     * {@code {"httpRequests":n,"total":n,"byStatus":{"429":n,...},"tokenRequests":{"<tenant>":n,...}}};
     * {@code POST /_simulator/journal/clear} forgets it (204). Neither is journaled, delayed or throttled.
     */
    public static final String JOURNAL_PATH = "/_simulator/journal";

    private ResponseDefinition journalAnswer(String method, String url) {
        ResponseDefinitionBuilder out = ResponseDefinitionBuilder.responseDefinition();
        if (method.equals("POST") && url.equals(JOURNAL_PATH + "/clear")) {
            journal.clear();
            return out.withStatus(204).build();
        }
        if (!method.equals("GET") || !url.equals(JOURNAL_PATH)) {
            return out.withStatus(404).build();
        }
        com.fasterxml.jackson.databind.node.ObjectNode o = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .build().createObjectNode();
        o.put("httpRequests", journal.httpRequests());
        o.put("total", journal.total());
        com.fasterxml.jackson.databind.node.ObjectNode byStatus = o.putObject("byStatus");
        journal.byStatus().forEach((k, v) -> byStatus.put(Integer.toString(k), v));
        com.fasterxml.jackson.databind.node.ObjectNode tokens = o.putObject("tokenRequests");
        journal.tokenRequestsByTenant().forEach(tokens::put);
        return out.withStatus(200).withHeader("Content-Type", "application/json").withBody(o.toString()).build();
    }

    /** @return a builder: random port, system clock, seed 42 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this simulator, started */
    private MicrosoftCloudSimulator startServer() {
        server.start();
        baseUrl = "https://127.0.0.1:" + server.httpsPort();
        return this;
    }

    /** @return the HTTPS port */
    public int port() {
        return server.httpsPort();
    }

    /** @return {@code https://127.0.0.1:PORT}: the login host and the Graph host */
    public String baseUrl() {
        return baseUrl;
    }

    /** @return the Graph base URL, {@code https://127.0.0.1:PORT/v1.0} */
    public String graphBaseUrl() {
        return baseUrl + "/v1.0";
    }

    /**
     * @param tenant a tenant
     * @return its token endpoint on the simulator
     */
    public String tokenEndpoint(TenantId tenant) {
        return baseUrl + "/" + tenant.value() + "/oauth2/v2.0/token";
    }

    /** @return the simulator's TLS certificate (fresh at every start) */
    public X509Certificate certificate() {
        return tls.certificate();
    }

    /** @return a trust store holding only the simulator's certificate */
    public KeyStore trustStore() {
        return tls.trustStore();
    }

    /** @return a trust manager trusting only the simulator (for OkHttp's {@code sslSocketFactory}) */
    public javax.net.ssl.X509TrustManager trustManager() {
        return tls.trustManager();
    }

    /** @return a TLS context trusting only the simulator */
    public SSLContext sslContext() {
        return tls.clientContext();
    }

    /**
     * Everything a client needs to talk to this simulator, in one value: the login, Graph and provisioning
     * endpoints and the certificate to trust (only it, with host-name checks on). Point the SDK at the simulator
     * with one call: {@code GraphConnector.builder().endpoints(simulator.endpoints()).build()}; the provisioning
     * client takes {@link dev.tenantconnect.core.tenant.CloudEndpoints#provisioningBaseUrl()} and
     * {@link dev.tenantconnect.core.tenant.CloudEndpoints#provisioningScope()}.
     *
     * @return the endpoints of this (started) simulator
     */
    public dev.tenantconnect.core.tenant.CloudEndpoints endpoints() {
        return new dev.tenantconnect.core.tenant.CloudEndpoints(java.net.URI.create(baseUrl),
                java.net.URI.create(graphBaseUrl()), java.net.URI.create(provisioningBaseUrl()), PROVISIONING_SCOPE,
                List.of(certificate()));
    }

    /** The OAuth scope for tokens to the simulated operator provisioning API. */
    public static final String PROVISIONING_SCOPE = EntraEndpoint.PROVISIONING_AUDIENCE + "/.default";

    /** @return the operator provisioning API base URL, {@code https://127.0.0.1:PORT/provisioning} */
    public String provisioningBaseUrl() {
        return baseUrl + ProvisioningEndpoint.PREFIX;
    }

    /**
     * Records a customer's consent to the operator (what the customer does in the Teams admin center), so the
     * tenant appears among the provisioning API's requests for information.
     *
     * @param tenant the customer tenant
     * @param countries the countries consented, e.g. {@code SG}
     */
    public void consent(TenantId tenant, String... countries) {
        synchronized (state) {
            CloudState.Consent c = new CloudState.Consent();
            c.id = java.util.UUID.nameUUIDFromBytes(("rfi-" + tenant.value()).getBytes());
            c.tenant = tenant;
            c.countries.addAll(List.of(countries));
            c.consentedOn = clock.instant();
            state.consents.put(tenant, c);
        }
    }

    /**
     * @param tenant a customer tenant
     * @param status {@code active}, {@code suspended} or {@code removed}
     */
    public void consentStatus(TenantId tenant, String status) {
        synchronized (state) {
            state.consents.get(tenant).status = status;
        }
    }

    /**
     * @param number a number written through the provisioning API
     * @return its {@code serviceProvisioningStatus} ({@code pending}, {@code synced}, {@code failed}), if present
     */
    public java.util.Optional<String> provisioningStatus(dev.tenantconnect.core.model.PhoneNumber number) {
        engine.syncProvisioning();
        synchronized (state) {
            CloudState.OperatorNumber n = state.operatorNumbers.get(number.e164());
            return java.util.Optional.ofNullable(n == null ? null : n.status);
        }
    }

    /**
     * @return how many provisioning API writes were answered with the answer remembered for their
     *     {@code Repeatability-Request-ID} instead of being applied again
     */
    public long repeatabilityReplays() {
        return engine.repeatabilityReplays();
    }

    /**
     * Seeds a provisioning API account as another tool (the operator's portal, a script) wrote it.
     *
     * @param accountJson the account as {@code PUT /accounts/{name}} would carry it (must hold {@code name})
     */
    public void seedProvisioningAccount(String accountJson) {
        engine.seedAccount(accountJson);
    }

    /**
     * @param name an account name
     * @return the account as {@code GET /accounts/{name}} answers it, if it exists
     */
    public java.util.Optional<String> provisioningAccount(String name) {
        return engine.accountJson(name);
    }

    /** @return the person's side of device-code sign-ins */
    public DeviceCodeSignIns deviceCodes() {
        return new DeviceCodeSignIns(state, engine);
    }

    /** @return the person's side of browser sign-ins (authorization code with PKCE) */
    public InteractiveSignIns interactiveSignIns() {
        return engine.entra().interactive;
    }

    /** @return the fault switches */
    public Faults faults() {
        return faults;
    }

    /** @return the request journal and counters */
    public RequestJournal journal() {
        return journal;
    }

    /**
     * Creates the tenant on first use (with the domain {@code <first 8 hex>.onmicrosoft.com}) or returns it.
     *
     * @param id the tenant ID
     * @return a handle to seed and inspect it
     */
    public SimulatedTenant tenant(TenantId id) {
        synchronized (state) {
            CloudState.Tenant t = state.tenants.computeIfAbsent(id, k -> {
                CloudState.Tenant n = new CloudState.Tenant(k);
                n.domains.add("t" + k.value().substring(0, 8) + ".onmicrosoft.com");
                return n;
            });
            return new SimulatedTenant(state, t, clock);
        }
    }

    /** Forgets every tenant, turns faults off, clears the journal and the throttling buckets. */
    public void reset() {
        synchronized (state) {
            state.tenants.clear();
            state.deviceCodes.clear();
            state.refreshTokens.clear();
            state.accounts.clear();
            state.operatorNumbers.clear();
            state.consents.clear();
            state.civicAddresses.clear();
        }
        faults.reset();
        journal.clear();
        engine.entra().deviceCodeLifetime(Duration.ofMinutes(15));
        engine.entra().deviceCodePollInterval(Duration.ofSeconds(1));
        engine.resetThrottling();
    }

    /** Stops the server and deletes its key store. */
    @Override
    public void close() {
        server.stop();
        try (var files = Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the folder is private and in the temp dir
        }
    }

    /** Configures a {@link MicrosoftCloudSimulator}. */
    public static final class Builder {
        private int port;
        private long seed = 42;
        private int threads = 16;
        private Clock clock = Clock.systemUTC();
        private Timing timing = Timing.DEFAULT;
        private boolean timingChosen;
        private boolean journalEndpoint;

        private Builder() {
        }

        /**
         * @param value whether the journal's summary is served at {@value MicrosoftCloudSimulator#JOURNAL_PATH} (off
         *     unless set; {@code SimulatorMain --journal-endpoint} sets it)
         * @return this
         */
        public Builder journalEndpoint(boolean value) {
            this.journalEndpoint = value;
            return this;
        }

        /**
         * @param value the delays of asynchronous work and the provisioning rate limit ({@link Timing#DEFAULT}
         *     unless set; tests usually want {@link Timing#FAST})
         * @return this
         */
        public Builder timing(Timing value) {
            this.timing = Objects.requireNonNull(value);
            this.timingChosen = true;
            return this;
        }

        /** @return whether {@link #timing(Timing)} was called */
        boolean timingChosen() {
            return timingChosen;
        }

        /**
         * @param value the HTTPS port on 127.0.0.1; 0 picks a free one
         * @return this
         */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /**
         * @param value the seed of every random fault decision
         * @return this
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * @param value server worker threads
         * @return this
         */
        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        /**
         * @param value the clock for token lifetimes, operation progress and replication delay
         * @return this
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** @return the started simulator */
        public MicrosoftCloudSimulator start() {
            return new MicrosoftCloudSimulator(this).startServer();
        }
    }
}
