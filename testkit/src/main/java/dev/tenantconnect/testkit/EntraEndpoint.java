package dev.tenantconnect.testkit;

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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudState state;
    private final KeyPair signingKey;
    private final Clock clock;
    private final java.util.function.Supplier<List<String>> acceptedLoginHosts;

    EntraEndpoint(CloudState state, KeyPair signingKey, Clock clock,
            java.util.function.Supplier<List<String>> acceptedLoginHosts) {
        this.state = state;
        this.signingKey = signingKey;
        this.clock = clock;
        this.acceptedLoginHosts = acceptedLoginHosts;
    }

    SimResponse token(SimRequest req, Matcher path, Optional<TenantId>[] tenantOut, Optional<String>[] clientOut) {
        Map<String, String> form = SimRequest.parseForm(req.body);
        String tenantText = path.group(1);
        String clientId = form.getOrDefault("client_id", "");
        clientOut[0] = clientId.isEmpty() ? Optional.empty() : Optional.of(clientId);
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
            if (!scope.contains(GRAPH_AUDIENCE + "/.default") && !scope.contains("00000003-0000-0000-c000-000000000000/.default")) {
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
                Optional<String> problem = checkAssertion(form.get("client_assertion"), app, tenantText, now);
                if (problem.isPresent()) {
                    return error(401, "invalid_client", 700027, problem.get());
                }
            } else {
                return error(401, "invalid_client", 7000216, "'client_assertion', 'client_secret' or 'request' is "
                        + "required for the 'client_credentials' grant type.");
            }
            return issue(tenant, app, now);
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

    private SimResponse issue(CloudState.Tenant tenant, CloudState.App app, Instant now) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", GRAPH_AUDIENCE);
        claims.put("iss", "https://sts.windows.net/" + tenant.id.value() + "/");
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + 3599);
        claims.put("appid", app.clientId.toString());
        claims.put("oid", app.servicePrincipalId.toString());
        claims.put("sub", app.servicePrincipalId.toString());
        claims.put("tid", tenant.id.value());
        claims.put("idtyp", "app");
        claims.put("roles", app.granted.stream().map(GraphPermission::name).toList());
        String token = Jwt.sign(Map.of("kid", "tenantconnect-simulator"), claims, signingKey.getPrivate());
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

    /** Verifies a bearer token this endpoint issued; returns its claims. */
    Optional<Jwt.Parsed> verifyAccessToken(String bearer) {
        return Jwt.parse(bearer).filter(j -> j.verify(signingKey.getPublic()))
                .filter(j -> j.seconds("exp").orElse(0L) > clock.instant().getEpochSecond())
                .filter(j -> GRAPH_AUDIENCE.equals(j.string("aud").orElse("")));
    }
}
