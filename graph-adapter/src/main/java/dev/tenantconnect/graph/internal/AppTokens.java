package dev.tenantconnect.graph.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.tenantconnect.core.error.MalformedResponseException;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientCertificateCredential;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.AuthenticationFailedException;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.error.TenantConnectException;
import dev.tenantconnect.core.error.TransportException;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.resilience.CallContext;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.resilience.RetryAfter;
import dev.tenantconnect.core.tenant.AccessToken;
import dev.tenantconnect.graph.CloudEnvironment;
import java.net.MalformedURLException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * App-only tokens: one MSAL {@link ConfidentialClientApplication} per (tenant, client, credential) with a
 * tenant-specific authority — never one shared app switched per request — kept in a bounded LRU so thousands of
 * tenants do not grow memory without limit. Concurrent callers for the same key share one in-flight request; MSAL's
 * cache answers later calls and refreshes tokens before they expire. Not API.
 */
public final class AppTokens {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AppTokens.class);
    private record Key(TenantId tenant, String clientId, String credentialFingerprint, String scope) {
    }

    private final CloudEnvironment cloud;
    private final IHttpClient http;
    private final ResiliencePolicies policies;
    private final Clock clock;
    private final int maxApplications;
    private final dev.tenantconnect.core.metrics.MetricsRecorder metrics;
    private final Map<Key, ConfidentialClientApplication> apps;
    private final ConcurrentHashMap<Key, CompletableFuture<AccessToken>> inFlight = new ConcurrentHashMap<>();

    /**
     * @param cloud the cloud
     * @param http MSAL's HTTP client
     * @param policies retry policies (token requests are idempotent)
     * @param clock clock
     * @param maxApplications how many MSAL applications to keep
     * @param metrics where token acquisitions and cache hits are counted
     */
    public AppTokens(CloudEnvironment cloud, IHttpClient http, ResiliencePolicies policies, Clock clock,
            int maxApplications, dev.tenantconnect.core.metrics.MetricsRecorder metrics) {
        this.metrics = metrics;
        this.cloud = cloud;
        this.http = http;
        this.policies = policies;
        this.clock = clock;
        this.maxApplications = maxApplications;
        this.apps = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, ConfidentialClientApplication> eldest) {
                return size() > AppTokens.this.maxApplications;
            }
        };
    }

    /** @return how many MSAL applications are cached */
    public int cachedApplications() {
        synchronized (apps) {
            return apps.size();
        }
    }

    /**
     * @param tenant the tenant
     * @param credential a client secret or certificate credential
     * @return a token for Graph
     */
    public AccessToken token(TenantId tenant, TenantCredential credential) {
        return token(tenant, credential, false);
    }

    /**
     * @param tenant the tenant
     * @param credential a client secret or certificate credential
     * @param skipCache whether to ask Entra for a new token even if a cached one is still valid (to see grants
     *     made after the cached token was issued)
     * @return a token for Graph
     */
    public AccessToken token(TenantId tenant, TenantCredential credential, boolean skipCache) {
        return token(tenant, credential, cloud.graphScope(), skipCache);
    }

    /**
     * @param tenant the tenant
     * @param credential a client secret or certificate credential
     * @param scope the {@code .default} scope of the API the token is for
     * @param skipCache whether to bypass MSAL's cache
     * @return the token
     */
    public AccessToken token(TenantId tenant, TenantCredential credential, String scope, boolean skipCache) {
        Key key = key(tenant, credential, scope);
        if (skipCache) {
            return acquire(key, tenant, credential, true);
        }
        while (true) {
            CompletableFuture<AccessToken> mine = new CompletableFuture<>();
            CompletableFuture<AccessToken> existing = inFlight.putIfAbsent(key, mine);
            if (existing == null) {
                try {
                    AccessToken t = acquire(key, tenant, credential, false);
                    mine.complete(t);
                    return t;
                } catch (RuntimeException e) {
                    mine.completeExceptionally(e);
                    throw e;
                } finally {
                    inFlight.remove(key, mine);
                }
            }
            try {
                return existing.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted while waiting for a token", ErrorContext.forTenant(tenant),
                        false, e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private AccessToken acquire(Key key, TenantId tenant, TenantCredential credential, boolean skipCache) {
        ConfidentialClientApplication app = app(key, tenant, credential);
        ClientCredentialParameters params = ClientCredentialParameters.builder(Set.of(key.scope()))
                .skipCache(skipCache).build();
        IAuthenticationResult result = policies.transportFor(tenant).execute(
                CallContext.idempotent("entra.token", tenant), () -> {
                    try {
                        return app.acquireToken(params).get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new TransportException("interrupted", ErrorContext.forTenant(tenant), false, e);
                    } catch (ExecutionException e) {
                        throw translate(tenant, e.getCause());
                    }
                });
        // MSAL reports a cache hit with no token source (not CACHE): anything but the identity provider is one
        boolean fromEntra = result.metadata() != null && result.metadata().tokenSource()
                == com.microsoft.aad.msal4j.TokenSource.IDENTITY_PROVIDER;
        metrics.count(dev.tenantconnect.core.metrics.MetricNames.TOKENS, dev.tenantconnect.core.metrics.MetricTags
                .of("source", fromEntra ? "entra" : "cache", dev.tenantconnect.core.metrics.MetricTags.TENANT,
                        tenant.value()), 1);
        return toAccessToken(tenant, result);
    }

    /**
     * @param tenant the tenant
     * @param credential a delegated refresh token
     * @param scopes Graph scope names
     * @return the delegated token
     */
    public AccessToken delegated(TenantId tenant, dev.tenantconnect.core.credential.DelegatedTokenCredential credential,
            Set<String> scopes) {
        return redeem(tenant, credential, scopes).token();
    }

    /**
     * A redeemed refresh token: the access token and the refresh token Entra returned with it (Entra may rotate
     * refresh tokens; the one redeemed may no longer work).
     *
     * @param token the access token
     * @param rotated the credential with the refresh token to keep
     */
    public record Redemption(AccessToken token, dev.tenantconnect.core.credential.DelegatedTokenCredential rotated) {
    }

    /**
     * Redeems a delegated connection's refresh token and returns the refresh token to keep, read from MSAL's token
     * cache (the same one when Entra did not return a new one).
     *
     * @param tenant the tenant
     * @param credential a delegated refresh token
     * @param scopes Graph scope names
     * @return the token and the credential to store
     */
    public Redemption redeem(TenantId tenant, dev.tenantconnect.core.credential.DelegatedTokenCredential credential,
            Set<String> scopes) {
        Set<String> full = new HashSet<>();
        String resource = cloud.graphScope().substring(0, cloud.graphScope().length() - "/.default".length());
        scopes.forEach(s -> full.add(resource + "/" + s));
        com.microsoft.aad.msal4j.PublicClientApplication[] app = new com.microsoft.aad.msal4j.PublicClientApplication[1];
        IAuthenticationResult result = policies.transportFor(tenant).execute(
                CallContext.idempotent("entra.token.refresh", tenant), () -> {
                    try {
                        app[0] = com.microsoft.aad.msal4j
                                .PublicClientApplication.builder(credential.clientId().value())
                                .authority(cloud.authorityHost() + "/" + tenant.value() + "/")
                                .instanceDiscovery(cloud.instanceDiscovery()).httpClient(http)
                                // our transport policy is the only retry: MSAL would retry a 5xx once on its own
                                .disableInternalRetries().build();
                        return app[0].acquireToken(com.microsoft.aad.msal4j.RefreshTokenParameters.builder(full,
                                credential.refreshToken().revealAsString()).build()).get();
                    } catch (MalformedURLException e) {
                        throw new ConfigurationException("invalid authority for cloud " + cloud.name(), e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new TransportException("interrupted", ErrorContext.forTenant(tenant), false, e);
                    } catch (ExecutionException e) {
                        throw translate(tenant, e.getCause());
                    }
                });
        AccessToken token = toAccessToken(tenant, result);
        dev.tenantconnect.core.credential.Secret refresh = refreshTokenIn(app[0]).orElse(credential.refreshToken());
        return new Redemption(token, new dev.tenantconnect.core.credential.DelegatedTokenCredential(
                credential.clientId(), refresh, clock.instant()));
    }

    /** The refresh token MSAL keeps after a redemption (its serialized cache is the only place it is exposed). */
    private static java.util.Optional<dev.tenantconnect.core.credential.Secret> refreshTokenIn(
            com.microsoft.aad.msal4j.PublicClientApplication app) {
        try {
            JsonNode cache = new com.fasterxml.jackson.databind.ObjectMapper().readTree(app.tokenCache().serialize());
            for (JsonNode entry : cache.path("RefreshToken")) {
                String secret = entry.path("secret").asText("");
                if (!secret.isEmpty()) {
                    return java.util.Optional.of(dev.tenantconnect.core.credential.Secret.of(secret));
                }
            }
            return java.util.Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Authorization-code sign-in of an admin with PKCE on a loopback redirect: the authorize URL goes to the
     * caller's callback (which opens the system browser); a listener on 127.0.0.1 receives the code, which MSAL
     * redeems with the code verifier.
     *
     * @param tenant the admin's tenant
     * @param publicClient the operator's public client
     * @param scopes delegated Graph permissions
     * @param browser opens the authorize URL for the person
     * @param timeout how long to wait for the person
     * @return the delegated token
     */
    public AccessToken interactive(dev.tenantconnect.core.model.TenantRef tenant,
            dev.tenantconnect.core.model.ClientId publicClient, Set<GraphPermission> scopes,
            java.util.function.Consumer<java.net.URI> browser, java.time.Duration timeout) {
        Set<String> full = new HashSet<>();
        String resource = cloud.graphScope().substring(0, cloud.graphScope().length() - "/.default".length());
        scopes.forEach(s -> full.add(resource + "/" + s.name()));
        TenantId contextTenant = tenant instanceof TenantId id ? id : null;
        ErrorContext ctx = contextTenant == null ? ErrorContext.none() : ErrorContext.forTenant(contextTenant);
        try (LoopbackSignIn loopback = new LoopbackSignIn()) {
            com.microsoft.aad.msal4j.PublicClientApplication app = com.microsoft.aad.msal4j.PublicClientApplication
                    .builder(publicClient.value()).authority(cloud.authorityHost() + "/" + tenant.value() + "/")
                    .instanceDiscovery(cloud.instanceDiscovery()).httpClient(http).disableInternalRetries().build();
            java.net.URL url = app.getAuthorizationRequestUrl(com.microsoft.aad.msal4j.AuthorizationRequestUrlParameters
                    .builder(loopback.redirectUri().toString(), full).codeChallenge(loopback.challenge())
                    .codeChallengeMethod("S256").state(loopback.state()).build());
            browser.accept(url.toURI());
            String code = loopback.awaitCode(timeout, ctx);
            IAuthenticationResult r = app.acquireToken(com.microsoft.aad.msal4j.AuthorizationCodeParameters
                    .builder(code, loopback.redirectUri()).scopes(full).codeVerifier(loopback.verifier()).build())
                    .get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            JsonNode claims = Jwts.claims(r.accessToken()).orElseThrow();
            return toAccessToken(TenantId.parse(claims.path("tid").asText()), r);
        } catch (MalformedURLException | java.net.URISyntaxException e) {
            throw new ConfigurationException("invalid authority for cloud " + cloud.name(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AuthenticationFailedException("the code redemption did not answer within " + timeout.toSeconds()
                    + " s", ctx, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationFailedException("browser sign-in cancelled", ctx, null);
        } catch (ExecutionException e) {
            throw translate(contextTenant == null ? TenantId.parse("00000000-0000-0000-0000-000000000000")
                    : contextTenant, e.getCause());
        }
    }

    /**
     * Device-code sign-in of an admin; the prompt goes to the caller's callback.
     *
     * @param tenant the admin's tenant
     * @param publicClient the public client
     * @param scopes delegated Graph permissions
     * @param prompt receives the code and URL
     * @param timeout how long to wait
     * @return the delegated token
     */
    public AccessToken deviceCode(dev.tenantconnect.core.model.TenantRef tenant, dev.tenantconnect.core.model.ClientId
            publicClient, Set<GraphPermission> scopes, java.util.function.Consumer<dev.tenantconnect.graph
            .DeviceCodePrompt> prompt, java.time.Duration timeout) {
        Set<String> full = new HashSet<>();
        String resource = cloud.graphScope().substring(0, cloud.graphScope().length() - "/.default".length());
        scopes.forEach(s -> full.add(resource + "/" + s.name()));
        TenantId contextTenant = tenant instanceof TenantId id ? id : null;
        ErrorContext ctx = contextTenant == null ? ErrorContext.none() : ErrorContext.forTenant(contextTenant);
        for (int attempt = 1; ; attempt++) {
            CompletableFuture<IAuthenticationResult> future;
            try {
                com.microsoft.aad.msal4j.PublicClientApplication app = com.microsoft.aad.msal4j.PublicClientApplication
                        .builder(publicClient.value()).authority(cloud.authorityHost() + "/" + tenant.value() + "/")
                        .instanceDiscovery(cloud.instanceDiscovery()).httpClient(http)
                                    // our transport policy is the only retry: MSAL would retry a 5xx once on its own
                                    .disableInternalRetries().build();
                future = app.acquireToken(com.microsoft.aad.msal4j.DeviceCodeFlowParameters.builder(full, dc ->
                        prompt.accept(new dev.tenantconnect.graph.DeviceCodePrompt(dc.userCode(), dc.verificationUri(),
                                dc.message(), clock.instant().plusSeconds(dc.expiresIn())))).build());
            } catch (MalformedURLException e) {
                throw new ConfigurationException("invalid authority for cloud " + cloud.name(), e);
            }
            try {
                IAuthenticationResult r = future.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                JsonNode claims = Jwts.claims(r.accessToken()).orElseThrow();
                return toAccessToken(TenantId.parse(claims.path("tid").asText()), r);
            } catch (java.util.concurrent.TimeoutException e) {
                future.cancel(true);
                throw new AuthenticationFailedException("the admin did not complete the device-code sign-in within "
                        + timeout.toSeconds() + " s", ctx, null);
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new AuthenticationFailedException("device-code sign-in cancelled", ctx, null);
            } catch (ExecutionException e) {
                if (attempt < DEVICE_CODE_ATTEMPTS && msalDeviceCodeRace(e.getCause())) {
                    LOG.warn("MSAL's device-code flow failed inside the library before it polled for the token; "
                            + "starting a new sign-in (a new code follows)");
                    continue;
                }
                throw translate(contextTenant == null ? TenantId.parse("00000000-0000-0000-0000-000000000000")
                        : contextTenant, e.getCause());
            }
        }
    }

    /** How often a device-code sign-in is started when MSAL fails inside itself (see {@link #msalDeviceCodeRace}). */
    private static final int DEVICE_CODE_ATTEMPTS = 3;

    /**
     * Whether a device-code failure is MSAL4J's own race: its polling loop reads the future it is running under
     * ({@code AtomicReference.get().isCancelled()}) before the caller's thread stored it, and fails with a
     * {@code NullPointerException} before it polls: the code shown was never redeemed, so a new flow is safe.
     */
    static boolean msalDeviceCodeRace(Throwable cause) {
        if (!(cause instanceof NullPointerException)) {
            return false;
        }
        for (StackTraceElement frame : cause.getStackTrace()) {
            if (frame.getClassName().equals("com.microsoft.aad.msal4j.AcquireTokenByDeviceCodeFlowSupplier")) {
                return true;
            }
        }
        return false;
    }

    private AccessToken toAccessToken(TenantId asked, IAuthenticationResult result) {
        String token = result.accessToken();
        JsonNode claims = Jwts.claims(token).orElseThrow(() -> new MalformedResponseException("token request",
                "access_token", "is not a JWT", ErrorContext.forTenant(asked), null));
        TenantId tid;
        try {
            tid = TenantId.parse(claims.path("tid").asText());
        } catch (ValidationException e) {
            throw new MalformedResponseException("token request", "access_token.tid", e.rule(),
                    ErrorContext.forTenant(asked), null);
        }
        Set<GraphPermission> roles = new HashSet<>();
        claims.path("roles").forEach(r -> GraphPermission.byName(r.asText()).ifPresent(roles::add));
        for (String scope : claims.path("scp").asText("").split(" ")) {
            GraphPermission.byName(scope).ifPresent(roles::add);
        }
        Instant expires = result.expiresOnDate() == null ? clock.instant() : result.expiresOnDate().toInstant();
        Set<java.util.UUID> wids = new HashSet<>();
        claims.path("wids").forEach(w -> uuid(w.asText()).ifPresent(wids::add));
        return new AccessToken(Secret.of(token), expires, tid, claims.path("appid").asText(""), roles,
                uuid(claims.path("oid").asText("")), wids);
    }

    private static java.util.Optional<java.util.UUID> uuid(String s) {
        try {
            return java.util.Optional.of(java.util.UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private TenantConnectException translate(TenantId tenant, Throwable cause) {
        if (cause instanceof MsalServiceException mse) {
            Integer status = mse.statusCode();
            String description = mse.getMessage() == null ? "" : mse.getMessage();
            String aadsts = description.startsWith("AADSTS") ? description.substring(0, description.indexOf(':') > 0
                    ? description.indexOf(':') : Math.min(description.length(), 14)) : "";
            ErrorContext ctx = new ErrorContext(Optional.of(tenant), status == null ? OptionalInt.empty()
                    : OptionalInt.of(status), Optional.of((mse.errorCode() + " " + aadsts).strip()),
                    Optional.empty(), Optional.ofNullable(mse.correlationId()));
            if (status != null && (status == 429 || status >= 500)) {
                List<String> ra = mse.headers() == null ? null : mse.headers().get("Retry-After");
                return new ServiceException("token request failed", ctx,
                        ra == null || ra.isEmpty() ? Optional.empty() : RetryAfter.parse(ra.get(0), clock), mse);
            }
            return new AuthenticationFailedException("Entra ID refused the credential (" + mse.errorCode() + " "
                    + aadsts + ")", ctx, null);
        }
        if (cause instanceof MsalClientException mce && "invalid_json".equals(mce.errorCode())) {
            // MSAL's message quotes the answer, which may hold a token: neither it nor MSAL's exception is kept
            return new MalformedResponseException("token request", "body", "is not a token response Entra ID "
                    + "defines (not JSON, truncated, or fields of the wrong type)", ErrorContext.forTenant(tenant), null);
        }
        if (cause instanceof MsalClientException mce && mce.getCause() instanceof java.io.IOException io) {
            return new TransportException("token request failed: " + GraphErrors.describe(io),
                    ErrorContext.forTenant(tenant), true, io);
        }
        if (cause instanceof TenantConnectException tce) {
            return tce;
        }
        if (!(cause instanceof MsalClientException)) {
            // MSAL failing inside its own parsing of the answer (empty, null, an array, nested too deep)
            Optional<MalformedResponseException> malformed = GraphErrors.malformed("token request", tenant, cause);
            if (malformed.isPresent()) {
                return malformed.get();
            }
        }
        return new AuthenticationFailedException("token request failed: " + cause.getClass().getSimpleName(),
                ErrorContext.forTenant(tenant), null);
    }

    private ConfidentialClientApplication app(Key key, TenantId tenant, TenantCredential credential) {
        synchronized (apps) {
            ConfidentialClientApplication app = apps.get(key);
            if (app != null) {
                return app;
            }
            try {
                app = ConfidentialClientApplication.builder(key.clientId(), msalCredential(credential))
                        .authority(cloud.authorityHost() + "/" + tenant.value() + "/")
                        .instanceDiscovery(cloud.instanceDiscovery())
                        .httpClient(http)
                        // our transport policy is the only retry: MSAL would retry a 5xx once on its own
                        .disableInternalRetries()
                        .build();
            } catch (MalformedURLException e) {
                throw new ConfigurationException("invalid authority for cloud " + cloud.name(), e);
            }
            apps.put(key, app);
            return app;
        }
    }

    private static IClientCredential msalCredential(TenantCredential credential) {
        if (credential instanceof ClientSecretCredential s) {
            return ClientCredentialFactory.createFromSecret(s.secret().revealAsString());
        }
        if (credential instanceof ClientCertificateCredential c) {
            return ClientCredentialFactory.createFromCertificateChain(c.privateKey(), c.chain());
        }
        throw new ConfigurationException("app-only tokens need a client secret or certificate credential, not "
                + credential.method());
    }

    private static Key key(TenantId tenant, TenantCredential credential, String scope) {
        if (credential instanceof ClientSecretCredential s) {
            byte[] v = s.secret().revealUtf8();
            try {
                return new Key(tenant, s.clientId().value(), "s:" + HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(v)), scope);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            } finally {
                java.util.Arrays.fill(v, (byte) 0);
            }
        }
        if (credential instanceof ClientCertificateCredential c) {
            return new Key(tenant, c.clientId().value(), "c:" + c.thumbprintSha256(), scope);
        }
        throw new ConfigurationException("app-only tokens need a client secret or certificate credential, not "
                + credential.method());
    }
}
