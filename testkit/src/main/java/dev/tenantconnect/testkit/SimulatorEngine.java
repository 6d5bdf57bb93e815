package dev.tenantconnect.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.testkit.internal.CloudState;
import dev.tenantconnect.testkit.internal.Jwt;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

/** Dispatches one request: latency, Entra or Graph, authentication, throttling, faults, journal. */
final class SimulatorEngine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] SERVER_ERRORS = {500, 502, 503, 504};

    private final CloudState state;
    private final Faults faults;
    private final RequestJournal journal;
    private final Clock clock;
    private final RandomGenerator random;
    private final EntraEndpoint entra;
    private final GraphEndpoint graph;
    private final TokenBuckets buckets;
    private final GraphThrottling throttling;
    private final ProvisioningEndpoint provisioning;
    private final Repeatability repeatability;

    SimulatorEngine(CloudState state, Faults faults, RequestJournal journal, Clock clock, RandomGenerator random,
            KeyPair signingKey, Supplier<String> baseUrl, Supplier<List<String>> loginHosts) {
        this.state = state;
        this.faults = faults;
        this.journal = journal;
        this.clock = clock;
        this.random = random;
        this.buckets = new TokenBuckets(clock);
        this.throttling = new GraphThrottling(faults, buckets);
        this.entra = new EntraEndpoint(state, signingKey, clock, loginHosts, faults::permissionPropagationDelay);
        this.graph = new GraphEndpoint(clock, faults, () -> baseUrl.get() + "/v1.0");
        this.provisioning = new ProvisioningEndpoint(state, clock, faults, baseUrl);
        this.repeatability = new Repeatability(clock);
    }

    /** @return how many provisioning writes were answered from a remembered answer (repeatable requests) */
    long repeatabilityReplays() {
        return repeatability.replays();
    }

    EntraEndpoint entra() {
        return entra;
    }

    void resetThrottling() {
        buckets.clear();
        repeatability.clear();
    }

    /** @return the delay to add to this response */
    Duration latency() {
        Duration fixed = faults.latency();
        long jitter = faults.latencyJitter().toMillis();
        synchronized (random) {
            return jitter <= 0 ? fixed : fixed.plusMillis(random.nextLong(jitter + 1));
        }
    }

    private double draw() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    SimResponse handle(SimRequest req) {
        @SuppressWarnings("unchecked")
        Optional<TenantId>[] tenant = new Optional[] {Optional.empty()};
        @SuppressWarnings("unchecked")
        Optional<String>[] client = new Optional[] {Optional.empty()};
        String api;
        SimResponse r;
        Matcher token = EntraEndpoint.TOKEN_PATH.matcher(req.path);
        if (req.method.equals("POST") && token.matches()) {
            api = "entra";
            if (faults.tokenEndpointDown()) {
                r = entra.error(503, "temporarily_unavailable", 90033,
                        "A transient error has occurred. Please try again.");
            } else {
                r = entra.token(req, token, tenant, client);
            }
            r.endpoint("entra.token");
        } else if (req.method.equals("POST") && EntraEndpoint.DEVICE_CODE_PATH.matcher(req.path).matches()) {
            api = "entra";
            r = faults.tokenEndpointDown() ? entra.error(503, "temporarily_unavailable", 90033,
                    "A transient error has occurred. Please try again.") : entra.deviceCode(req);
            r.endpoint("entra.devicecode");
        } else if (req.method.equals("GET") && InteractiveSignIns.AUTHORIZE_PATH.matcher(req.path).matches()) {
            api = "entra";
            r = entra.interactive.authorize(req).endpoint("entra.authorize");
        } else if (req.method.equals("POST") && req.path.equals("/v1.0/$batch")) {
            api = "graph";
            r = batch(req, tenant, client);
        } else if (req.path.startsWith(ProvisioningEndpoint.PREFIX + "/")) {
            api = "provisioning";
            r = provisioning(req, req.path.substring(ProvisioningEndpoint.PREFIX.length()), tenant, client);
        } else if (req.path.startsWith("/v1.0/") || req.path.equals("/v1.0")) {
            api = "graph";
            r = graph(req, req.path.substring(5), tenant, client);
        } else {
            api = "other";
            r = SimResponse.json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"No such endpoint in the "
                    + "simulator: " + req.method + " " + req.path.replace("\"", "'") + "\"}}").endpoint("unknown");
        }
        journal.record(new RequestJournal.Entry(clock.instant(), api, req.method, req.path, r.endpoint, tenant[0],
                client[0], r.drop ? 0 : r.status));
        if (!r.drop) {
            r.body = Timestamps.trimmed(r.body);
            if (!api.equals("graph") || !r.endpoint.equals("graph.batch")) {
                publish(api, req, r);
            }
            SimResponse answer = r;
            faults.rewriteFor(req.method, req.path).ifPresent(f -> answer.body = f.apply(answer.body));
        }
        return r;
    }

    /**
     * JSON batching: at most 20 requests, each run through the whole pipeline on its own (throttling, faults,
     * permissions) and journaled on its own; {@code dependsOn} on a failed request yields 424.
     */
    private SimResponse batch(SimRequest req, Optional<TenantId>[] tenantOut, Optional<String>[] clientOut) {
        com.fasterxml.jackson.databind.JsonNode body;
        try {
            body = JSON.readTree(req.body);
        } catch (Exception e) {
            return graphError(400, "BadRequest", "Invalid batch payload format.", UUID.randomUUID().toString(),
                    null).endpoint("graph.batch");
        }
        com.fasterxml.jackson.databind.JsonNode requests = body.path("requests");
        if (!requests.isArray() || requests.size() == 0) {
            return graphError(400, "BadRequest", "Invalid batch payload format.", UUID.randomUUID().toString(),
                    null).endpoint("graph.batch");
        }
        if (requests.size() > 20) {
            return graphError(400, "BadRequest", "Too many requests in the batch: the limit is 20.",
                    UUID.randomUUID().toString(), null).endpoint("graph.batch");
        }
        java.util.Map<String, Integer> statusById = new java.util.HashMap<>();
        ObjectNode out = JSON.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode responses = out.putArray("responses");
        for (com.fasterxml.jackson.databind.JsonNode item : requests) {
            String id = item.path("id").asText();
            ObjectNode resp = responses.addObject();
            resp.put("id", id);
            boolean failedDependency = false;
            for (com.fasterxml.jackson.databind.JsonNode dep : item.path("dependsOn")) {
                Integer st = statusById.get(dep.asText());
                failedDependency |= st == null || st >= 400;
            }
            SimResponse r;
            if (failedDependency) {
                r = graphError(424, "FailedDependency", "A request this one depends on failed.",
                        UUID.randomUUID().toString(), null).endpoint("graph.batch.item");
            } else {
                java.util.Map<String, String> headers = new java.util.HashMap<>();
                item.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey().toLowerCase(
                        java.util.Locale.ROOT), h.getValue().asText()));
                String url = item.path("url").asText();
                SimRequest inner = new SimRequest(item.path("method").asText("GET"),
                        "/v1.0" + (url.startsWith("/") ? url : "/" + url),
                        name -> name.equalsIgnoreCase("Authorization") ? req.headers.apply(name)
                                : headers.get(name.toLowerCase(java.util.Locale.ROOT)),
                        item.has("body") ? item.get("body").toString() : "");
                r = graph(inner, inner.path.substring(5), tenantOut, clientOut);
                if (r.drop) {
                    r = graphError(504, "GatewayTimeout", "The request timed out.", UUID.randomUUID().toString(),
                            null).endpoint(r.endpoint);
                }
                journal.record(new RequestJournal.Entry(clock.instant(), RequestJournal.BATCHED, inner.method,
                        inner.path, r.endpoint, tenantOut[0], clientOut[0], r.status));
                r.body = Timestamps.trimmed(r.body);
                publish("graph", inner, r);
            }
            statusById.put(id, r.status);
            resp.put("status", r.status);
            ObjectNode h = resp.putObject("headers");
            r.headers.forEach(h::put);
            if (r.body.isEmpty()) {
                resp.putNull("body");
            } else {
                try {
                    resp.set("body", JSON.readTree(r.body));
                } catch (Exception e) {
                    resp.put("body", r.body);
                }
            }
        }
        return SimResponse.json(200, out.toString()).endpoint("graph.batch");
    }

    private SimResponse provisioning(SimRequest req, String path, Optional<TenantId>[] tenantOut,
            Optional<String>[] clientOut) {
        String endpoint = ProvisioningEndpoint.endpointName(req, path);
        Optional<Jwt.Parsed> jwt = req.header("Authorization").filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .flatMap(h -> entra.verifyAccessToken(h.substring(7).strip(), EntraEndpoint.PROVISIONING_AUDIENCE));
        if (jwt.isEmpty()) {
            return ProvisioningEndpoint.error(new SimError(401, "Unauthorized",
                    "A bearer token for the provisioning API is required.")).endpoint(endpoint);
        }
        String appId = jwt.get().string("appid").orElse("");
        tenantOut[0] = jwt.get().string("tid").map(TenantId::parse);
        clientOut[0] = Optional.of(appId);
        // the app roles of the Provisioning API, by operation (PermissionRules.provisioningRule)
        if (!PermissionRules.provisioningRule(req.method, path).admits(caller(jwt.get()))) {
            return ProvisioningEndpoint.error(new SimError(403, "Forbidden", "The client application is not "
                    + "authorized for this operation.")).endpoint(endpoint);
        }
        Optional<Duration> wait = buckets.take("provisioning/" + appId, faults.provisioningRateLimit());
        if (wait.isPresent()) {
            return ProvisioningEndpoint.error(new SimError(429, "TooManyRequests",
                    "Rate limit exceeded.")).header("Retry-After",
                            Long.toString(Math.max(1, (wait.get().toMillis() + 999) / 1000))).endpoint(endpoint);
        }
        if (faults.serverErrorRate() > 0 && draw() < faults.serverErrorRate()) {
            return ProvisioningEndpoint.error(new SimError(503, "ServiceUnavailable",
                    "The service is temporarily unavailable.")).endpoint(endpoint);
        }
        boolean write = req.isWrite();
        if (write && faults.dropBeforeWriteRate() > 0 && draw() < faults.dropBeforeWriteRate()) {
            SimResponse dropped = new SimResponse();
            dropped.drop = true;
            return dropped.endpoint(endpoint);
        }
        SimResponse r;
        synchronized (state) {
            Optional<SimResponse> replay = write ? repeatability.before(req, appId) : Optional.empty();
            if (replay.isPresent()) {
                r = replay.get();
            } else {
                try {
                    r = provisioning.handle(req, path);
                } catch (SimError e) {
                    r = ProvisioningEndpoint.error(e);
                }
                if (write) {
                    repeatability.after(req, appId, r);
                }
            }
        }
        if (write && (faults.takeDroppedWriteAnswer() || faults.dropAfterWriteRate() > 0
                && draw() < faults.dropAfterWriteRate())) {
            SimResponse dropped = new SimResponse();
            dropped.drop = true;
            return dropped.endpoint(endpoint);
        }
        SimResponse answer = r;
        req.header("x-ms-client-request-id").ifPresent(id -> answer.header("x-ms-client-request-id", id));
        return answer.endpoint(endpoint);
    }

    void seedAccount(String json) {
        synchronized (state) {
            provisioning.seedAccount(json);
        }
    }

    Optional<String> accountJson(String name) {
        synchronized (state) {
            return provisioning.accountJson(name);
        }
    }

    /** The request headers the exchange validator looks at. */
    private static final List<String> VALIDATED_HEADERS = List.of("Content-Type", "Repeatability-Request-ID",
            "Repeatability-First-Sent", "x-ms-client-request-id", "If-Match", "If-None-Match");

    /** Hands the exchange, as answered before any deliberate corruption, to the test suite's validator. */
    private static void publish(String api, SimRequest req, SimResponse r) {
        if (!dev.tenantconnect.testkit.internal.ExchangeHook.active() || api.equals("entra") || api.equals("other")) {
            return;
        }
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (String h : VALIDATED_HEADERS) {
            req.header(h).ifPresent(v -> headers.put(h, v));
        }
        dev.tenantconnect.testkit.internal.ExchangeHook.publish(api, r.endpoint, req.method, req.path, req.query,
                headers, req.body, r.status, r.headers, r.body);
    }

    /** Completes provisioning syncs that are due (so Graph reads see synced numbers). */
    void syncProvisioning() {
        synchronized (state) {
            provisioning.syncDue();
        }
    }

    private SimResponse graph(SimRequest req, String path, Optional<TenantId>[] tenantOut, Optional<String>[] clientOut) {
        String requestId = UUID.randomUUID().toString();
        String clientRequestId = req.header("client-request-id").orElse(null);
        Optional<Jwt.Parsed> jwt = req.header("Authorization").filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .flatMap(h -> entra.verifyAccessToken(h.substring(7).strip()));
        Optional<GraphEndpoint.Route> route = graph.route(req, path);
        String endpoint = route.map(GraphEndpoint.Route::endpoint).orElse("graph.unknown");
        if (jwt.isEmpty()) {
            return graphError(401, "InvalidAuthenticationToken", "Access token is empty, invalid or expired.",
                    requestId, clientRequestId).endpoint(endpoint);
        }
        TenantId tid = TenantId.parse(jwt.get().string("tid").orElseThrow());
        String appId = jwt.get().string("appid").orElse("");
        tenantOut[0] = Optional.of(tid);
        clientOut[0] = Optional.of(appId);
        if (route.isEmpty()) {
            return graphError(400, "BadRequest", "Resource not found for the segment '" + path + "'.", requestId,
                    clientRequestId).endpoint(endpoint);
        }
        GraphEndpoint.Route rt0 = route.get();
        Optional<GraphThrottling.Refusal> refused = throttling.admit(req, path, rt0.write(), appId, tid);
        if (refused.isPresent()) {
            return graphError(429, "TooManyRequests", "Too many requests.", requestId, clientRequestId)
                    .header("Retry-After", Long.toString(refused.get().retryAfterSeconds()))
                    .header("x-ms-throttle-scope", refused.get().scope())
                    .header("x-ms-throttle-information", "ResourceUnitLimitExceeded")
                    .endpoint(endpoint);
        }
        GraphThrottling.Admission admitted = throttling.admission(req, path, rt0.write(), appId, tid);
        journal.recordUnits(tid, admitted.cost());
        double usage = admitted.usage();
        if (faults.serverErrorRate() > 0 && draw() < faults.serverErrorRate()) {
            int status;
            synchronized (random) {
                status = SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)];
            }
            return graphError(status, status == 503 ? "serviceNotAvailable" : "generalException",
                    "The service is temporarily unavailable.", requestId, clientRequestId).endpoint(endpoint);
        }
        req.caller = caller(jwt.get());
        GraphEndpoint.Route rt = route.get();
        // the endpoint's rule from Microsoft's permission table (PermissionRules): roles, scp and wids of the token
        if (!rt.rule().admits(req.caller)) {
            return graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.",
                    requestId, clientRequestId).endpoint(endpoint);
        }
        if (rt.write() && faults.dropBeforeWriteRate() > 0 && draw() < faults.dropBeforeWriteRate()) {
            SimResponse dropped = new SimResponse();
            dropped.drop = true;
            return dropped.endpoint(endpoint);
        }
        SimResponse r;
        synchronized (state) {
            provisioning.syncDue();
            CloudState.Tenant tenant = state.tenants.get(tid);
            if (tenant == null) {
                return graphError(401, "InvalidAuthenticationToken", "The tenant of the token does not exist.",
                        requestId, clientRequestId).endpoint(endpoint);
            }
            try {
                r = rt.handler().apply(tenant);
            } catch (SimError e) {
                r = graphError(e.status, e.code, e.getMessage(), requestId, clientRequestId);
            }
        }
        if (rt.write() && faults.dropAfterWriteRate() > 0 && draw() < faults.dropAfterWriteRate()) {
            SimResponse dropped = new SimResponse();
            dropped.drop = true;
            return dropped.endpoint(endpoint);
        }
        r.header("request-id", requestId);
        if (clientRequestId != null) {
            r.header("client-request-id", clientRequestId);
        }
        if (admitted.identity()) {
            r.header("x-ms-resource-unit", Integer.toString(admitted.cost()));
        }
        // Graph's identity services report usage once more than 80 % of a limit is used
        if (usage >= 0.8) {
            r.header("x-ms-throttle-limit-percentage", String.format(java.util.Locale.ROOT, "%.2f", usage));
        }
        return r.endpoint(endpoint);
    }

    private static SimRequest.Caller caller(Jwt.Parsed jwt) {
        Object roles = jwt.claims().get("roles");
        boolean appOnly = roles instanceof List<?>;
        Set<String> permissions = appOnly ? ((List<?>) roles).stream().map(Object::toString)
                .collect(Collectors.toUnmodifiableSet())
                : java.util.Arrays.stream(jwt.string("scp").orElse("").split(" ")).filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
        Set<String> wids = jwt.claims().get("wids") instanceof List<?> w
                ? w.stream().map(Object::toString).collect(Collectors.toUnmodifiableSet()) : Set.of();
        return new SimRequest.Caller(appOnly, jwt.string("oid").orElse(""), permissions, wids);
    }

    private SimResponse graphError(int status, String code, String message, String requestId, String clientRequestId) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        ObjectNode inner = error.putObject("innerError");
        inner.put("date", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        inner.put("request-id", requestId);
        if (clientRequestId != null) {
            inner.put("client-request-id", clientRequestId);
        }
        SimResponse r = SimResponse.json(status, body.toString());
        r.header("request-id", requestId);
        if (clientRequestId != null) {
            r.header("client-request-id", clientRequestId);
        }
        return r;
    }
}
