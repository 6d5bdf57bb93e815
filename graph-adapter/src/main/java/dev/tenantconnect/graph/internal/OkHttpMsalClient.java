package dev.tenantconnect.graph.internal;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * MSAL's HTTP through our OkHttp client: one connection pool and our timeouts, and requests for the authority host
 * sent to the configured login endpoint (the simulator, for a custom cloud). Not API.
 */
public final class OkHttpMsalClient implements IHttpClient {
    private static final Set<String> SKIP = Set.of("host", "content-length", "connection");
    private final OkHttpClient http;
    private final String authorityHost;
    private final String loginEndpoint;

    /**
     * @param http the shared client
     * @param authorityHost the host MSAL addresses, e.g. {@code https://login.microsoftonline.com}
     * @param loginEndpoint where to send instead
     */
    public OkHttpMsalClient(OkHttpClient http, URI authorityHost, URI loginEndpoint) {
        this.http = http;
        this.authorityHost = strip(authorityHost.toString());
        this.loginEndpoint = strip(loginEndpoint.toString());
    }

    private static String strip(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public IHttpResponse send(HttpRequest request) throws Exception {
        String url = request.url().toString();
        if (url.startsWith(authorityHost + "/")) {
            url = loginEndpoint + url.substring(authorityHost.length());
        }
        Request.Builder b = new Request.Builder().url(url);
        String contentType = "application/x-www-form-urlencoded";
        if (request.headers() != null) {
            for (Map.Entry<String, String> h : request.headers().entrySet()) {
                String name = h.getKey().toLowerCase(Locale.ROOT);
                if (name.equals("content-type")) {
                    contentType = h.getValue();
                } else if (!SKIP.contains(name) && h.getValue() != null) {
                    b.header(h.getKey(), h.getValue());
                }
            }
        }
        switch (request.httpMethod()) {
            case GET -> b.get();
            case POST -> b.post(RequestBody.create(request.body() == null ? "" : request.body(),
                    MediaType.parse(contentType)));
            default -> b.method(request.httpMethod().name(), request.body() == null ? null
                    : RequestBody.create(request.body(), MediaType.parse(contentType)));
        }
        try (Response r = http.newCall(b.build()).execute()) {
            ResponseBody body = r.body();
            HttpResponse out = new HttpResponse().statusCode(r.code()).body(body == null ? "" : body.string());
            Map<String, List<String>> headers = r.headers().toMultimap();
            out.addHeaders(headers);
            return out;
        }
    }
}
