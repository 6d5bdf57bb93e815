package dev.tenantconnect.testkit;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lets MSAL keep the production authority ({@code https://login.microsoftonline.com/...}) while its requests go to
 * the simulator — the approach toolchain.md recommends (MSAL's cache keys drop non-443 ports).
 */
final class LoginRedirectingHttpClient implements IHttpClient {
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");
    private final MicrosoftCloudSimulator sim;
    private final HttpClient client;

    LoginRedirectingHttpClient(MicrosoftCloudSimulator sim) {
        this.sim = sim;
        this.client = HttpClient.newBuilder().sslContext(sim.sslContext()).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Override
    public IHttpResponse send(HttpRequest request) throws Exception {
        String url = request.url().toString().replaceFirst("^https://login\\.microsoftonline\\.com", sim.baseUrl());
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10));
        if (request.headers() != null) {
            request.headers().forEach((k, v) -> {
                if (!RESTRICTED.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                    b.header(k, v);
                }
            });
        }
        String body = request.body();
        b.method(request.httpMethod().name(), body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        java.net.http.HttpResponse<String> r = client.send(b.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        HttpResponse out = new HttpResponse().statusCode(r.statusCode()).body(r.body());
        Map<String, List<String>> headers = new java.util.HashMap<>(r.headers().map());
        out.addHeaders(headers);
        return out;
    }
}
