package dev.tenantconnect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantconnect.core.model.TenantId;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain JDK HTTP client for the simulator, for endpoint-level tests. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private final MicrosoftCloudSimulator sim;
    private final HttpClient client;

    Http(MicrosoftCloudSimulator sim) {
        this.sim = sim;
        this.client = HttpClient.newBuilder().sslContext(sim.sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    record Reply(int status, JsonNode json, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Reply token(TenantId tenant, String clientId, String secret) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode("https://graph.microsoft.com/.default", StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(sim.tokenEndpoint(tenant)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    String accessToken(TenantId tenant) throws IOException, InterruptedException {
        Reply r = token(tenant, Seeds.CLIENT.value(), Seeds.SECRET);
        if (r.status != 200) {
            throw new IllegalStateException("token failed: " + r.json);
        }
        return r.json.get("access_token").asText();
    }

    /**
     * A signed-in user's delegated token through the device-code flow, approved at once with these roles.
     *
     * @param scopes space-separated scopes, e.g. {@code https://graph.microsoft.com/User.Read}
     */
    String delegatedToken(TenantId tenant, String scopes, String upn,
            java.util.Set<dev.tenantconnect.core.access.DirectoryRole> roles) throws IOException, InterruptedException {
        String client = "5d0c2a4b-7f3e-4c1a-9b2d-2f6e8a1c0b17";
        Reply dc = form(sim.baseUrl() + "/" + tenant.value() + "/oauth2/v2.0/devicecode", "client_id=" + client
                + "&scope=" + URLEncoder.encode(scopes + " offline_access", StandardCharsets.UTF_8));
        sim.deviceCodes().approve(dc.json.get("user_code").asText(), tenant,
                dev.tenantconnect.core.model.UserRef.Upn.parse(upn), roles);
        Reply t = form(sim.tokenEndpoint(tenant), "grant_type=urn:ietf:params:oauth:grant-type:device_code&client_id="
                + client + "&device_code=" + dc.json.get("device_code").asText());
        return t.json.get("access_token").asText();
    }

    private Reply form(String url, String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    Reply get(String token, String pathAndQuery) throws IOException, InterruptedException {
        String url = pathAndQuery.startsWith("https://") ? pathAndQuery : sim.graphBaseUrl() + pathAndQuery;
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("client-request-id", "test-cri").GET().build());
    }

    Reply post(String token, String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(sim.graphBaseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Reply send(String token, String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json);
        return send(HttpRequest.newBuilder(URI.create(sim.graphBaseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body).build());
    }

    private Reply send(HttpRequest req) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
        return new Reply(r.statusCode(), json, r);
    }
}
