package dev.tenantconnect.graph;

import dev.tenantconnect.core.tenant.GeneratedCertificate;
import dev.tenantconnect.core.tenant.DelegatedRedemption;
import dev.tenantconnect.core.tenant.AccessToken;
import dev.tenantconnect.core.tenant.TenantInfo;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.RetryHandler;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.graph.internal.SelfSignedCertificates;
import dev.tenantconnect.graph.internal.AppTokens;
import dev.tenantconnect.graph.internal.OkHttpMsalClient;
import dev.tenantconnect.graph.internal.TransportPolicyInterceptor;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The Entra and Graph side of the SDK: app-only tokens through MSAL4J and Graph SDK v6 clients, all on one OkHttp
 * client (one connection pool, explicit timeouts), with the Graph SDK's retry handler replaced by the tenant's
 * {@link dev.tenantconnect.core.resilience.TransportPolicy}. Thread-safe; build one per process and share it.
 *
 * <pre>{@code
 * GraphConnector graph = GraphConnector.builder().cloud(CloudEnvironment.GLOBAL).build();
 * TenantInfo org = graph.directory(tenant, credential).organization();
 * }</pre>
 */
public final class GraphConnector implements dev.tenantconnect.core.tenant.MicrosoftTenants {
    private final CloudEnvironment cloud;
    private final OkHttpClient http;
    private final ResiliencePolicies policies;
    private final Clock clock;
    private final AppTokens tokens;
    private final dev.tenantconnect.core.metrics.MetricsRecorder metrics;
    private final dev.tenantconnect.core.audit.Auditor auditor;
    private final java.util.Map<TenantId, dev.tenantconnect.core.resilience.AdaptivePacer> pacers =
            new java.util.concurrent.ConcurrentHashMap<>();

    private GraphConnector(Builder b) {
        this.cloud = b.cloud;
        this.policies = b.policies;
        this.clock = b.clock;
        this.metrics = b.metrics;
        this.auditor = b.auditor;
        OkHttpClient.Builder ok = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(b.maxIdleConnections, 5, TimeUnit.MINUTES))
                .connectTimeout(b.connectTimeout).readTimeout(b.readTimeout).writeTimeout(b.readTimeout)
                .callTimeout(b.callTimeout).retryOnConnectionFailure(false);
        String loginHost = cloud.loginEndpoint().getHost();
        String graphHost = cloud.graphBaseUrl().getHost();
        ok.addInterceptor(new dev.tenantconnect.graph.internal.AttemptMeter(metrics, r -> r.url().host().equals(
                loginHost) ? "entra" : r.url().host().equals(graphHost) ? "graph" : "provisioning",
                java.util.Optional.empty()));
        if (b.sslContext != null) {
            ok.sslSocketFactory(b.sslContext.getSocketFactory(), b.trustManager);
        }
        this.http = ok.build();
        this.tokens = new AppTokens(cloud, new OkHttpMsalClient(http, cloud.authorityHost(), cloud.loginEndpoint()),
                policies, clock, b.maxCachedApplications, metrics);
        if (!metrics.keepsTenantTag()) {
            metrics.gauge(dev.tenantconnect.core.metrics.MetricNames.PACER_RATE,
                    dev.tenantconnect.core.metrics.MetricTags.empty(), () -> pacers.values().stream()
                            .mapToDouble(dev.tenantconnect.core.resilience.AdaptivePacer::rate).min()
                            .orElse(Double.NaN));
        }
    }

    /** @return where the connector's HTTP attempts, throttling, retries and tokens are measured */
    public dev.tenantconnect.core.metrics.MetricsRecorder metrics() {
        return metrics;
    }

    /** @return where the connector's writes to customer tenants are audited */
    public dev.tenantconnect.core.audit.Auditor auditor() {
        return auditor;
    }

    /** @return a builder: global cloud, default policies, system clock */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the cloud this connector talks to */
    public CloudEnvironment cloud() {
        return cloud;
    }

    /**
     * An app-only Graph token for a tenant, from MSAL's cache when it is still fresh.
     *
     * @param tenant the tenant
     * @param credential a client secret or certificate credential of the operator's app in that tenant
     * @return the token
     * @throws dev.tenantconnect.core.error.AuthenticationFailedException when Entra refuses the credential
     */
    public AccessToken appToken(TenantId tenant, TenantCredential credential) {
        return tokens.token(tenant, credential);
    }

    /**
     * The claims of {@link #appToken(TenantId, TenantCredential)}.
     *
     * @param tenant the tenant
     * @param credential a client secret or certificate credential of the operator's app in that tenant
     * @return the token's claims
     * @throws dev.tenantconnect.core.error.AuthenticationFailedException when Entra refuses the credential
     */
    @Override
    public dev.tenantconnect.core.tenant.AppTokenClaims tokenClaims(TenantId tenant, TenantCredential credential) {
        return appToken(tenant, credential).claims();
    }

    /**
     * The claims of {@link #freshAppToken(TenantId, TenantCredential)}.
     *
     * @param tenant the tenant
     * @param credential a client secret or certificate credential
     * @return the fresh token's claims
     * @throws dev.tenantconnect.core.error.AuthenticationFailedException when Entra refuses the credential
     */
    @Override
    public dev.tenantconnect.core.tenant.AppTokenClaims freshTokenClaims(TenantId tenant,
            TenantCredential credential) {
        return freshAppToken(tenant, credential).claims();
    }

    /**
     * An app-only token for another API protected by Entra (e.g. the operator provisioning API).
     *
     * @param tenant the tenant that issues it (the operator's own tenant for operator APIs)
     * @param credential a client secret or certificate credential
     * @param scope the API's {@code .default} scope
     * @return the token
     */
    public AccessToken appToken(TenantId tenant, TenantCredential credential, String scope) {
        return tokens.token(tenant, credential, scope, false);
    }

    /** @return the shared HTTP client (one connection pool, the configured timeouts and trust) */
    OkHttpClient httpClient() {
        return http;
    }

    /**
     * Sends one plain HTTPS request on the connector's HTTP client (its connection pool, timeouts and trust), for
     * operator APIs that should share them. No retries here: wrap the call in the tenant's
     * {@link #transportFor transport policy}.
     *
     * @param method the HTTP method, e.g. {@code GET}
     * @param url the absolute URL
     * @param headers request headers (e.g. {@code Authorization}); never logged
     * @param jsonBody the JSON body, if any ({@code application/json}); methods other than GET without a body send
     *     an empty one
     * @return the answer, whatever its status
     * @throws java.io.IOException when the exchange fails on the network
     */
    public HttpAnswer send(String method, URI url, Map<String, String> headers, java.util.Optional<String> jsonBody)
            throws java.io.IOException {
        okhttp3.MediaType json = okhttp3.MediaType.get("application/json");
        okhttp3.Request.Builder b = new okhttp3.Request.Builder().url(url.toString());
        headers.forEach(b::header);
        if (jsonBody.isPresent()) {
            b.method(method, okhttp3.RequestBody.create(jsonBody.get(), json));
        } else {
            b.method(method, method.equals("GET") || method.equals("HEAD") ? null
                    : okhttp3.RequestBody.create(new byte[0], json));
        }
        try (okhttp3.Response r = http.newCall(b.build()).execute()) {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            for (String name : r.headers().names()) {
                out.put(name, r.header(name));
            }
            return new HttpAnswer(r.code(), out, r.body() == null ? "" : r.body().string());
        }
    }

    /**
     * @param tenant a tenant
     * @return the transport policy in force for it
     */
    public dev.tenantconnect.core.resilience.TransportPolicy transportFor(TenantId tenant) {
        return policies.transportFor(tenant);
    }

    /** @return the clock the connector uses */
    public Clock clock() {
        return clock;
    }

    /**
     * As {@link #appToken}, but always a new token from Entra — to see permissions granted after the cached token
     * was issued.
     *
     * @param tenant the tenant
     * @param credential a client secret or certificate credential
     * @return a freshly issued token
     */
    public AccessToken freshAppToken(TenantId tenant, TenantCredential credential) {
        return tokens.token(tenant, credential, true);
    }

    /**
     * Redeems a delegated connection's refresh token (the "Delegated Token" connection method) for a Graph token,
     * proving the connection still works.
     *
     * @param tenant the tenant
     * @param credential the delegated credential
     * @param scopes the delegated Graph scopes to ask for, e.g. {@code Organization.Read.All}
     * @return the delegated access token
     * @throws dev.tenantconnect.core.error.AuthenticationFailedException when the refresh token is expired or revoked
     */
    public AccessToken delegatedToken(TenantId tenant, dev.tenantconnect.core.credential.DelegatedTokenCredential credential,
            java.util.Set<String> scopes) {
        return tokens.delegated(tenant, credential, scopes);
    }

    /**
     * Redeems a delegated connection's refresh token and returns, with the access token, the credential to store
     * from now on: Entra may rotate refresh tokens, and the one just redeemed may then no longer work.
     *
     * @param tenant the tenant
     * @param credential the delegated credential
     * @param scopes the delegated Graph scopes to ask for
     * @return the access token and the credential with the refresh token to keep
     * @throws dev.tenantconnect.core.error.AuthenticationFailedException when the refresh token is expired or revoked
     */
    @Override
    public DelegatedRedemption redeemDelegated(TenantId tenant,
            dev.tenantconnect.core.credential.DelegatedTokenCredential credential, java.util.Set<String> scopes) {
        var r = tokens.redeem(tenant, credential, scopes);
        return new DelegatedRedemption(r.token(), r.rotated());
    }

    /** @return how many MSAL applications (one per tenant and credential) are cached */
    public int cachedApplications() {
        return tokens.cachedApplications();
    }

    /**
     * A Graph SDK client for a tenant that authenticates with the given credential.
     *
     * @param tenant the tenant
     * @param credential a client secret or certificate credential
     * @return the client
     */
    GraphServiceClient graphClient(TenantId tenant, TenantCredential credential) {
        return graphClient(tenant, () -> appToken(tenant, credential));
    }

    private GraphServiceClient graphClient(TenantId tenant, java.util.function.Supplier<AccessToken> tokenSource) {
        AccessTokenProvider provider = new AccessTokenProvider() {
            @Override
            public String getAuthorizationToken(URI uri, Map<String, Object> context) {
                return tokenSource.get().value().revealAsString();
            }

            @Override
            public AllowedHostsValidator getAllowedHostsValidator() {
                return new AllowedHostsValidator(cloud.graphBaseUrl().getHost());
            }
        };
        OkHttpClient.Builder b = com.microsoft.graph.core.requests.GraphClientFactory.create();
        b.interceptors().removeIf(i -> i instanceof RetryHandler);
        pacers.computeIfAbsent(tenant, t -> {
            dev.tenantconnect.core.resilience.AdaptivePacer pacer = policies.guards().pacer(t);
            if (metrics.keepsTenantTag()) { // one gauge per tenant only when the tenant tag is switched on
                metrics.gauge(dev.tenantconnect.core.metrics.MetricNames.PACER_RATE,
                        dev.tenantconnect.core.metrics.MetricTags.of(dev.tenantconnect.core.metrics.MetricTags.TENANT,
                                t.value()), pacer::rate);
            }
            return pacer;
        });
        b.addInterceptor(new dev.tenantconnect.graph.internal.TenantWriteAudit(tenant, auditor, metrics));
        b.addInterceptor(new TransportPolicyInterceptor(policies.transportFor(tenant), policies.guards(),
                tenant, clock));
        b.addInterceptor(new dev.tenantconnect.graph.internal.AttemptMeter(metrics, r -> "graph",
                java.util.Optional.of(tenant.value())));
        b.connectionPool(http.connectionPool()).dispatcher(http.dispatcher())
                .connectTimeout(http.connectTimeoutMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(http.readTimeoutMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(http.writeTimeoutMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(http.callTimeoutMillis(), TimeUnit.MILLISECONDS)
                .sslSocketFactory(http.sslSocketFactory(), trustManagerOf(http))
                .retryOnConnectionFailure(false);
        GraphServiceClient graph = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(provider),
                b.build());
        graph.getRequestAdapter().setBaseUrl(cloud.graphBaseUrl().toString());
        return graph;
    }

    private static X509TrustManager trustManagerOf(OkHttpClient http) {
        return http.x509TrustManager();
    }

    /** What the app-only token of a credential holds (from MSAL's cache): read when a call is refused (403). */
    private java.util.function.Supplier<java.util.Set<dev.tenantconnect.core.access.GraphPermission>> held(
            TenantId tenant, TenantCredential credential) {
        return () -> appToken(tenant, credential).roles();
    }

    /**
     * @param tenant the tenant
     * @param credential a client secret or certificate credential
     * @return directory reads for that tenant
     */
    @Override
    public TenantDirectory directory(TenantId tenant, TenantCredential credential) {
        return new TenantDirectory(tenant, graphClient(tenant, credential), clock, held(tenant, credential));
    }

    /**
     * @param tenant the tenant
     * @param credential a client secret or certificate credential with application write permission
     * @return app-registration writes for that tenant
     */
    @Override
    public GraphAppRegistrations appRegistrations(TenantId tenant, TenantCredential credential) {
        return new GraphAppRegistrations(tenant, graphClient(tenant, credential), clock, held(tenant, credential));
    }

    /**
     * @param tenant the tenant
     * @param credential a client secret or certificate credential with TeamsTelephoneNumber.ReadWrite.All
     * @return the tenant's Teams numbers; operations are awaited with the tenant's consistency policy
     */
    @Override
    public TeamsNumbers teamsNumbers(TenantId tenant, TenantCredential credential) {
        return new TeamsNumbers(tenant, graphClient(tenant, credential), policies.consistencyFor(tenant), clock,
                held(tenant, credential));
    }

    /**
     * @param tenant the tenant
     * @param credential a client secret or certificate credential with TeamsPolicyUserAssign.ReadWrite.All
     * @return Teams policy grants for that tenant
     */
    @Override
    public TeamsPolicies teamsPolicies(TenantId tenant, TenantCredential credential) {
        return new TeamsPolicies(tenant, graphClient(tenant, credential), clock, held(tenant, credential));
    }

    /**
     * @param tenant the tenant
     * @param credential a client secret or certificate credential with directory write permissions
     * @return domain and user writes for Direct Routing onboarding
     */
    @Override
    public DirectoryWrites directoryWrites(TenantId tenant, TenantCredential credential) {
        return new DirectoryWrites(tenant, graphClient(tenant, credential), clock, held(tenant, credential));
    }

    /**
     * App-registration writes on behalf of a signed-in admin (the app-registration wizard).
     *
     * @param tenant the tenant
     * @param adminToken a delegated token from {@link #signInWithDeviceCode}
     * @return app-registration writes
     */
    @Override
    public GraphAppRegistrations appRegistrations(TenantId tenant, AccessToken adminToken) {
        if (!adminToken.tenant().equals(tenant)) {
            throw new dev.tenantconnect.core.error.TenantMismatchException(tenant, adminToken.tenant());
        }
        return new GraphAppRegistrations(tenant, graphClient(tenant, () -> adminToken), clock, adminToken::roles);
    }

    /**
     * Signs a customer admin in with the device-code flow (the app-registration wizard): the prompt (code and URL) is
     * handed to the caller's callback; the call returns when the admin has signed in.
     *
     * @param tenant the admin's tenant (ID or verified domain)
     * @param publicClient the public client application to sign in to
     * @param scopes the delegated Graph permissions to ask for
     * @param prompt receives the code and URL to show the admin
     * @param timeout how long to wait for the admin
     * @return the admin's delegated token
     * @throws dev.tenantconnect.core.error.AuthenticationFailedException when the sign-in is declined, expires or
     *     times out
     */
    public AccessToken signInWithDeviceCode(dev.tenantconnect.core.model.TenantRef tenant, ClientId publicClient,
            java.util.Set<dev.tenantconnect.core.access.GraphPermission> scopes,
            java.util.function.Consumer<DeviceCodePrompt> prompt, Duration timeout) {
        return tokens.deviceCode(tenant, publicClient, scopes, prompt, timeout);
    }

    /**
     * Signs a customer admin in with the authorization-code flow and PKCE on a loopback redirect: {@code browser}
     * receives the authorize URL to open in the system browser; a listener on 127.0.0.1 (an ephemeral port) receives
     * the redirect. The operator's public client needs the redirect URI {@code http://127.0.0.1} (mobile and desktop
     * platform) registered; Entra accepts any port on it.
     *
     * @param tenant the admin's tenant (ID or verified domain)
     * @param publicClient the operator's own public client application
     * @param scopes the delegated Graph permissions to ask for
     * @param browser opens the authorize URL for the admin
     * @param timeout how long to wait for the admin
     * @return the admin's delegated token
     * @throws dev.tenantconnect.core.error.AuthenticationFailedException when the sign-in is refused or times out
     */
    public AccessToken signInWithBrowser(dev.tenantconnect.core.model.TenantRef tenant, ClientId publicClient,
            java.util.Set<dev.tenantconnect.core.access.GraphPermission> scopes,
            java.util.function.Consumer<java.net.URI> browser, Duration timeout) {
        return tokens.interactive(tenant, publicClient, scopes, browser, timeout);
    }

    /**
     * Makes an RSA 2048 key pair and a self-signed certificate for a customer's app registration (the certificate
     * option of a manual connection).
     *
     * @param clientId the application the certificate is for
     * @param subject the certificate's common name, e.g. the app registration's name
     * @param validity how long it is valid from now
     * @return the credential, the PEM to upload, and the thumbprint and expiry
     * @throws ConfigurationException if the certificate cannot be made, or BouncyCastle ({@code
     *     org.bouncycastle:bcpkix-jdk18on}, an optional dependency needed only here) is not on the class path
     */
    @Override
    public GeneratedCertificate generateCertificate(ClientId clientId, String subject, Duration validity) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            Instant now = clock.instant();
            X509Certificate cert = SelfSignedCertificates.create(subject, kp, now, validity);
            return GeneratedCertificate.of(clientId, kp.getPrivate(), cert);
        } catch (ConfigurationException e) {
            throw e;
        } catch (Exception e) {
            throw new ConfigurationException("could not generate a certificate: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Configures a {@link GraphConnector}. */
    public static final class Builder {
        private CloudEnvironment cloud = CloudEnvironment.GLOBAL;
        private ResiliencePolicies policies = ResiliencePolicies.defaults();
        private Clock clock = Clock.systemUTC();
        private SSLContext sslContext;
        private X509TrustManager trustManager;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private Duration callTimeout = Duration.ofSeconds(120);
        private int maxIdleConnections = 32;
        private int maxCachedApplications = 2_000;
        private dev.tenantconnect.core.metrics.MetricsRecorder metrics =
                dev.tenantconnect.core.metrics.MetricsRecorder.noop();
        private dev.tenantconnect.core.audit.Auditor auditor = dev.tenantconnect.core.audit.Auditor.none();

        private Builder() {
        }

        /**
         * @param value where HTTP attempts by service and outcome, 429s, {@code Retry-After}, retries, token
         *     acquisitions and cache hits and the pacer rate are measured (default: nowhere)
         * @return this
         */
        public Builder metrics(dev.tenantconnect.core.metrics.MetricsRecorder value) {
            this.metrics = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value where every write to a customer tenant is audited (default: nowhere)
         * @return this
         */
        public Builder audit(dev.tenantconnect.core.audit.Auditor value) {
            this.auditor = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the cloud (default global)
         * @return this
         */
        public Builder cloud(CloudEnvironment value) {
            this.cloud = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value retry, consistency and per-tenant guards
         * @return this
         */
        public Builder resilience(ResiliencePolicies value) {
            this.policies = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the clock
         * @return this
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Trust for custom endpoints (e.g. the testkit's certificate); Microsoft's clouds need none.
         *
         * @param context the TLS context
         * @param manager its trust manager
         * @return this
         */
        public Builder trust(SSLContext context, X509TrustManager manager) {
            this.sslContext = Objects.requireNonNull(context);
            this.trustManager = Objects.requireNonNull(manager);
            return this;
        }

        /**
         * Trusts exactly the certificates of a PEM file (and no public CA) — for custom endpoints such as a
         * standalone simulator. Certificate and hostname verification stay on.
         *
         * @param pemFile one or more {@code -----BEGIN CERTIFICATE-----} blocks
         * @return this
         * @throws dev.tenantconnect.core.error.ConfigurationException if the file cannot be read or holds no
         *     certificate
         */
        public Builder trustCertificates(java.nio.file.Path pemFile) {
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(pemFile)) {
                java.util.Collection<? extends java.security.cert.Certificate> certs =
                        java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
                if (certs.isEmpty()) {
                    throw new ConfigurationException("no certificate in " + pemFile);
                }
                return trustOnly(certs);
            } catch (java.io.IOException | java.security.GeneralSecurityException e) {
                throw new ConfigurationException("cannot trust the certificates of " + pemFile + ": " + e.getMessage(),
                        e);
            }
        }

        private Builder trustOnly(java.util.Collection<? extends java.security.cert.Certificate> certs)
                throws java.io.IOException, java.security.GeneralSecurityException {
            java.security.KeyStore ks = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (java.security.cert.Certificate c : certs) {
                ks.setCertificateEntry("trusted-" + i++, c);
            }
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
            return trust(ctx, tm);
        }

        /**
         * Points the connector at a custom cloud in one call — its login and Graph endpoints as a
         * {@link CloudEnvironment#custom custom cloud}, trusting exactly its certificates. With the testkit:
         * {@code GraphConnector.builder().endpoints(simulator.endpoints()).build()}.
         *
         * @param value the endpoints and the certificates to trust for them
         * @return this
         */
        public Builder endpoints(dev.tenantconnect.core.tenant.CloudEndpoints value) {
            cloud(CloudEnvironment.custom(value.loginEndpoint(), value.graphBaseUrl()));
            try {
                return trustOnly(value.trustedCertificates());
            } catch (java.io.IOException | java.security.GeneralSecurityException e) {
                throw new ConfigurationException("cannot trust the certificates of " + value + ": "
                        + e.getClass().getSimpleName(), e);
            }
        }

        /**
         * @param connect connect timeout
         * @param read read and write timeout
         * @param call whole-call timeout
         * @return this
         */
        public Builder timeouts(Duration connect, Duration read, Duration call) {
            this.connectTimeout = Objects.requireNonNull(connect);
            this.readTimeout = Objects.requireNonNull(read);
            this.callTimeout = Objects.requireNonNull(call);
            return this;
        }

        /**
         * @param value how many MSAL applications (tenant, credential pairs) to keep; least recently used go first
         * @return this
         */
        public Builder maxCachedApplications(int value) {
            if (value < 1) {
                throw new ConfigurationException("maxCachedApplications must be at least 1");
            }
            this.maxCachedApplications = value;
            return this;
        }

        /** @return the connector */
        public GraphConnector build() {
            return new GraphConnector(this);
        }
    }
}
