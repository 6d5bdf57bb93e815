package dev.tenantconnect.testkit;

import dev.tenantconnect.testkit.internal.LeakHook;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.testkit.internal.CloudState;
import dev.tenantconnect.testkit.internal.Jwt;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The simulated Entra token endpoint: client credentials with a secret or a certificate assertion. */
final class EntraEndpoint {
    static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");
    static final String GRAPH_AUDIENCE = "https://graph.microsoft.com";
    static final String PROVISIONING_AUDIENCE = "https://func-voiceservice-rp-prod-eastuseuap.azurewebsites.net";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudState state;
    private final KeyPair signingKey;
    private final Clock clock;
    private final java.util.function.Supplier<List<String>> acceptedLoginHosts;

    private final java.util.function.Supplier<java.time.Duration> permissionPropagation;
    /** The browser side of the authorization-code flow. */
    final InteractiveSignIns interactive;

    EntraEndpoint(CloudState state, KeyPair signingKey, Clock clock,
            java.util.function.Supplier<List<String>> acceptedLoginHosts,
            java.util.function.Supplier<java.time.Duration> permissionPropagation) {
        this.permissionPropagation = permissionPropagation;
        this.state = state;
        this.signingKey = signingKey;
        this.clock = clock;
        this.acceptedLoginHosts = acceptedLoginHosts;
        this.interactive = new InteractiveSignIns(state, clock);
    }

    static final Pattern DEVICE_CODE_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/devicecode");
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private volatile java.time.Duration deviceCodePollInterval = java.time.Duration.ofSeconds(1);
    private volatile java.time.Duration deviceCodeLifetime = java.time.Duration.ofMinutes(15);

    SimResponse deviceCode(SimRequest req) {
        Map<String, String> form = SimRequest.parseForm(req.body);
        String clientId = form.getOrDefault("client_id", "");
        if (parseUuid(clientId).isEmpty()) {
            return error(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
                    + "' was not found.");
        }
        CloudState.DeviceCode dc = new CloudState.DeviceCode();
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        dc.deviceCode = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        LeakHook.secret("device code", dc.deviceCode);
        StringBuilder code = new StringBuilder();
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        for (int i = 0; i < 9; i++) {
            code.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        dc.userCode = code.toString();
        dc.clientId = clientId;
        dc.scope = form.getOrDefault("scope", "");
        dc.expiresAt = clock.instant().plus(deviceCodeLifetime);
        synchronized (state) {
            state.deviceCodes.put(dc.deviceCode, dc);
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("user_code", dc.userCode);
        body.put("device_code", dc.deviceCode);
        body.put("verification_uri", "https://microsoft.com/devicelogin");
        body.put("expires_in", Math.max(1, deviceCodeLifetime.toSeconds()));
        body.put("interval", Math.max(1, deviceCodePollInterval.toSeconds()));
        body.put("message", "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and "
                + "enter the code " + dc.userCode + " to authenticate.");
        return SimResponse.json(200, body.toString());
    }

    private SimResponse delegated(Map<String, String> form, Optional<TenantId>[] tenantOut) {
        synchronized (state) {
            CloudState.DelegatedSession session;
            if (form.containsKey("device_code")) {
                CloudState.DeviceCode dc = state.deviceCodes.get(form.get("device_code"));
                if (dc == null) {
                    return error(400, "invalid_grant", 70000, "The provided device code is not valid.");
                }
                if (!dc.expiresAt.isAfter(clock.instant())) {
                    return error(400, "expired_token", 70020, "The provided value for the input parameter "
                            + "'device_code' is not valid. This device code has expired.");
                }
                if (dc.status.equals("declined")) {
                    return error(400, "authorization_declined", 70000, "The user declined the sign-in.");
                }
                dc.polls++;
                state.notifyAll();
                if (dc.status.equals("pending")) {
                    return error(400, "authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization "
                            + "is pending. Continue polling.");
                }
                state.deviceCodes.remove(dc.deviceCode);
                session = dc.session;
            } else {
                session = state.refreshTokens.get(form.getOrDefault("refresh_token", ""));
                if (session == null || session.revoked) {
                    return error(400, "invalid_grant", 700082, "The refresh token has expired or was revoked.");
                }
                state.refreshTokens.remove(form.get("refresh_token"));
            }
            tenantOut[0] = Optional.of(session.tenant);
            return issueDelegated(session);
        }
    }

    private SimResponse issueDelegated(CloudState.DelegatedSession s) {
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", GRAPH_AUDIENCE);
        claims.put("iss", "https://sts.windows.net/" + s.tenant.value() + "/");
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + 3599);
        claims.put("appid", s.clientId);
        claims.put("oid", s.userId.toString());
        claims.put("tid", s.tenant.value());
        claims.put("upn", s.upn);
        claims.put("uti", UUID.randomUUID().toString());
        claims.put("scp", String.join(" ", s.scopes));
        claims.put("wids", s.roles.stream().map(r -> r.templateId().toString()).toList());
        String access = Jwt.sign(Map.of("kid", "tenantconnect-simulator"), claims, signingKey.getPrivate());
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("aud", s.clientId);
        id.put("iss", "https://login.microsoftonline.com/" + s.tenant.value() + "/v2.0");
        id.put("iat", now.getEpochSecond());
        id.put("exp", now.getEpochSecond() + 3599);
        id.put("oid", s.userId.toString());
        id.put("sub", s.userId.toString());
        id.put("tid", s.tenant.value());
        id.put("preferred_username", s.upn);
        id.put("name", s.upn);
        String idToken = Jwt.sign(Map.of("kid", "tenantconnect-simulator"), id, signingKey.getPrivate());
        byte[] raw = new byte[48];
        RANDOM.nextBytes(raw);
        String refresh = "sim-rt." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        LeakHook.jwt("delegated access token", access);
        LeakHook.secret("refresh token", refresh);
        state.refreshTokens.put(refresh, s);
        ObjectNode body = JSON.createObjectNode();
        body.put("token_type", "Bearer");
        body.put("scope", String.join(" ", s.scopes.stream().map(x -> GRAPH_AUDIENCE + "/" + x).toList())
                + " openid profile offline_access");
        body.put("expires_in", 3599);
        body.put("ext_expires_in", 3599);
        body.put("access_token", access);
        body.put("refresh_token", refresh);
        body.put("id_token", idToken);
        body.put("client_info", Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"uid\":\""
                + s.userId + "\",\"utid\":\"" + s.tenant.value() + "\"}").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)));
        return SimResponse.json(200, body.toString());
    }

    void deviceCodePollInterval(java.time.Duration interval) {
        this.deviceCodePollInterval = interval;
    }

    void deviceCodeLifetime(java.time.Duration lifetime) {
        this.deviceCodeLifetime = lifetime;
    }

    SimResponse token(SimRequest req, Matcher path, Optional<TenantId>[] tenantOut, Optional<String>[] clientOut) {
        Map<String, String> form = SimRequest.parseForm(req.body);
        String tenantText = path.group(1);
        String clientId = form.getOrDefault("client_id", "");
        clientOut[0] = clientId.isEmpty() ? Optional.empty() : Optional.of(clientId);
        String grant = form.getOrDefault("grant_type", "");
        if (grant.equals("urn:ietf:params:oauth:grant-type:device_code") || grant.equals("device_code")
                || grant.equals("refresh_token")) {
            return delegated(form, tenantOut);
        }
        if (grant.equals("authorization_code")) {
            Object redeemed = interactive.redeem(form);
            if (!(redeemed instanceof CloudState.DelegatedSession session)) {
                return error(400, "invalid_grant", 70008, redeemed.toString());
            }
            synchronized (state) {
                tenantOut[0] = Optional.of(session.tenant);
                return issueDelegated(session);
            }
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return error(400, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type '" + form.get("grant_type") + "'.");
        }
        CloudState.Tenant tenant;
        CloudState.App app;
        synchronized (state) {
            tenant = findTenant(tenantText);
            if (tenant == null) {
                return error(400, "invalid_request", 90002, "Tenant '" + tenantText + "' not found. Check to make sure "
                        + "you have the correct tenant ID and are signing into the correct cloud.");
            }
            tenantOut[0] = Optional.of(tenant.id);
            app = parseUuid(clientId).map(tenant.apps::get).orElse(null);
            if (app == null) {
                return error(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
                        + "' was not found in the directory '" + tenant.id.value() + "'.");
            }
            if (app.servicePrincipalId == null) {
                return error(401, "invalid_client", 7000229, "The client application " + clientId
                        + " is missing service principal in the tenant " + tenant.id.value() + ".");
            }
            if (!app.enabled) {
                return error(400, "unauthorized_client", 7000112, "Application '" + clientId + "' is disabled.");
            }
            String scope = form.getOrDefault("scope", "");
            String audience = scope.contains(PROVISIONING_AUDIENCE + "/.default") ? PROVISIONING_AUDIENCE : GRAPH_AUDIENCE;
            if (!scope.contains(GRAPH_AUDIENCE + "/.default") && !scope.contains("00000003-0000-0000-c000-000000000000/.default")
                    && !audience.equals(PROVISIONING_AUDIENCE)) {
                return error(400, "invalid_scope", 1002012, "The provided value for scope " + scope
                        + " is not valid. Client credential flows must have a scope value with /.default suffixed "
                        + "to the resource identifier.");
            }
            Instant now = clock.instant();
            if (form.containsKey("client_secret")) {
                String given = form.get("client_secret");
                Optional<CloudState.PasswordCredential> match = app.secrets.stream()
                        .filter(s -> MessageDigest.isEqual(s.text().getBytes(), given.getBytes())).findFirst();
                if (match.isEmpty()) {
                    return error(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret "
                            + "being sent in the request is the client secret value, not the client secret ID.");
                }
                if (!match.get().endDateTime().isAfter(now)) {
                    return error(401, "invalid_client", 7000222, "The provided client secret keys for app '"
                            + clientId + "' are expired.");
                }
            } else if (form.containsKey("client_assertion")) {
                LeakHook.jwt("client assertion (signed with the app's certificate key)",
                        form.get("client_assertion"));
                Optional<String> problem = checkAssertion(form.get("client_assertion"), app, tenantText, now);
                if (problem.isPresent()) {
                    return error(401, "invalid_client", 700027, problem.get());
                }
            } else {
                return error(401, "invalid_client", 7000216, "'client_assertion', 'client_secret' or 'request' is "
                        + "required for the 'client_credentials' grant type.");
            }
            return issue(tenant, app, now, audience);
        }
    }

    private Optional<String> checkAssertion(String assertion, CloudState.App app, String tenantText, Instant now) {
        Optional<Jwt.Parsed> parsed = Jwt.parse(assertion);
        if (parsed.isEmpty()) {
            return Optional.of("Client assertion is not a well-formed JWT.");
        }
        Jwt.Parsed jwt = parsed.get();
        X509Certificate cert = null;
        for (X509Certificate c : app.certificates) {
            if (thumbprintMatches(c, jwt.header())) {
                cert = c;
            }
        }
        if (cert == null) {
            return Optional.of("Client assertion contains an invalid signature. [Reason - The key was not found.]");
        }
        if (!jwt.verify(cert.getPublicKey())) {
            return Optional.of("Client assertion contains an invalid signature.");
        }
        String clientId = app.clientId.toString();
        if (!jwt.string("iss").orElse("").equals(clientId) || !jwt.string("sub").orElse("").equals(clientId)) {
            return Optional.of("The issuer and subject of the client assertion must be the client ID.");
        }
        String aud = jwt.string("aud").orElse("");
        boolean audOk = acceptedLoginHosts.get().stream()
                .anyMatch(h -> aud.equalsIgnoreCase(h + "/" + tenantText + "/oauth2/v2.0/token"));
        if (!audOk) {
            return Optional.of("The audience claim of the client assertion is not the token endpoint.");
        }
        long exp = jwt.seconds("exp").orElse(0L);
        if (exp <= now.getEpochSecond()) {
            return Optional.of("The client assertion has expired.");
        }
        if (!cert.getNotAfter().toInstant().isAfter(now)) {
            return Optional.of("The certificate used to sign the client assertion has expired.");
        }
        return Optional.empty();
    }

    private static boolean thumbprintMatches(X509Certificate c, Map<String, Object> header) {
        try {
            byte[] der = c.getEncoded();
            java.util.Set<String> forms = new java.util.HashSet<>();
            for (String alg : List.of("SHA-1", "SHA-256")) {
                byte[] d = MessageDigest.getInstance(alg).digest(der);
                forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(d));
                forms.add(Base64.getUrlEncoder().encodeToString(d));
                forms.add(Base64.getEncoder().encodeToString(d));
                forms.add(java.util.HexFormat.of().formatHex(d));
            }
            for (String h : List.of("x5t", "x5t#S256")) {
                Object v = header.get(h);
                if (v != null && (forms.contains(v.toString()) || forms.contains(v.toString().toLowerCase()))) {
                    return true;
                }
            }
            Object x5c = header.get("x5c");
            if (x5c instanceof List<?> chain && !chain.isEmpty()) {
                return java.util.Arrays.equals(Base64.getDecoder().decode(chain.get(0).toString()), der);
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** The role template every service principal holds, as app-only tokens show it in {@code wids}. */
    static final String DEFAULT_SERVICE_PRINCIPAL_ROLE = "0997a1d0-0d1d-4acb-b408-d5ca73121e90";

    private SimResponse issue(CloudState.Tenant tenant, CloudState.App app, Instant now, String audience) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("iss", "https://sts.windows.net/" + tenant.id.value() + "/");
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + 3599);
        claims.put("appid", app.clientId.toString());
        claims.put("oid", app.servicePrincipalId.toString());
        claims.put("sub", app.servicePrincipalId.toString());
        claims.put("tid", tenant.id.value());
        claims.put("idtyp", "app");
        claims.put("uti", UUID.randomUUID().toString());
        java.time.Duration propagation = permissionPropagation.get();
        claims.put("roles", audience.equals(GRAPH_AUDIENCE) ? app.granted.stream()
                .filter(p -> !app.grantedAt.getOrDefault(p, Instant.EPOCH).plus(propagation).isAfter(now))
                .map(GraphPermission::name).toList()
                : List.copyOf(app.provisioningRoles));
        if (audience.equals(GRAPH_AUDIENCE)) {
            // app-only tokens list the service principal's directory roles in wids, with the default role every
            // service principal holds (https://learn.microsoft.com/en-us/entra/identity-platform/
            // access-token-claims-reference, claim wids)
            List<String> wids = new java.util.ArrayList<>();
            app.roles.forEach(r -> wids.add(r.templateId().toString()));
            wids.add(DEFAULT_SERVICE_PRINCIPAL_ROLE);
            claims.put("wids", wids);
        }
        String token = Jwt.sign(Map.of("kid", "tenantconnect-simulator"), claims, signingKey.getPrivate());
        LeakHook.jwt("app access token", token);
        ObjectNode body = JSON.createObjectNode();
        body.put("token_type", "Bearer");
        body.put("expires_in", 3599);
        body.put("ext_expires_in", 3599);
        body.put("access_token", token);
        return SimResponse.json(200, body.toString());
    }

    private CloudState.Tenant findTenant(String text) {
        Optional<UUID> id = parseUuid(text);
        if (id.isPresent()) {
            return state.tenants.get(new TenantId(id.get()));
        }
        return state.tenants.values().stream().filter(t -> t.domains.stream().anyMatch(d -> d.equalsIgnoreCase(text)))
                .findFirst().orElse(null);
    }

    static Optional<UUID> parseUuid(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    SimResponse error(int status, String error, int code, String description) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", error);
        body.put("error_description", "AADSTS" + code + ": " + description + " Trace ID: " + UUID.randomUUID()
                + " Correlation ID: " + UUID.randomUUID() + " Timestamp: " + clock.instant());
        body.putArray("error_codes").add(code);
        body.put("timestamp", clock.instant().toString());
        body.put("trace_id", UUID.randomUUID().toString());
        body.put("correlation_id", UUID.randomUUID().toString());
        return SimResponse.json(status, body.toString());
    }

    /** Verifies a bearer token this endpoint issued for Graph; returns its claims. */
    Optional<Jwt.Parsed> verifyAccessToken(String bearer) {
        return verifyAccessToken(bearer, GRAPH_AUDIENCE);
    }

    /**
     * Tokens whose signature this endpoint checked, by their text (the signing key never changes, so the same text
     * always checks the same way): a client sends its token with every request, and the RSA check is the costliest
     * step of a request. Expiry and audience are still checked on every request. Bounded: cleared when full.
     */
    private final Map<String, Optional<Jwt.Parsed>> signatureChecked = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int SIGNATURE_CHECKS_KEPT = 4096;

    /** @return the token's parsed form if this endpoint signed it */
    private Optional<Jwt.Parsed> signed(String bearer) {
        Optional<Jwt.Parsed> known = signatureChecked.get(bearer);
        if (known != null) {
            return known;
        }
        Optional<Jwt.Parsed> checked = Jwt.parse(bearer).filter(j -> j.verify(signingKey.getPublic()));
        if (signatureChecked.size() >= SIGNATURE_CHECKS_KEPT) {
            signatureChecked.clear();
        }
        signatureChecked.put(bearer, checked);
        return checked;
    }

    /** Verifies a bearer token this endpoint issued for an audience; returns its claims. */
    Optional<Jwt.Parsed> verifyAccessToken(String bearer, String audience) {
        return signed(bearer).filter(j -> j.seconds("exp").orElse(0L) > clock.instant().getEpochSecond())
                .filter(j -> audience.equals(j.string("aud").orElse("")));
    }
}
