package dev.tenantconnect.graph.internal;

import com.sun.net.httpserver.HttpServer;
import dev.tenantconnect.core.error.AuthenticationFailedException;
import dev.tenantconnect.core.error.ErrorContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The browser's way back in the authorization-code flow with PKCE (RFC 7636, RFC 8252 §7.3): a one-shot HTTP
 * listener on the loopback address (127.0.0.1 only, an ephemeral port), a fresh code verifier and state, and the
 * redirect carrying the code. Microsoft accepts any port on a loopback redirect URI registered without one
 * (https://learn.microsoft.com/en-us/entra/identity-platform/reply-url#localhost-exceptions).
 */
public final class LoopbackSignIn implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final CompletableFuture<Map<String, String>> answer = new CompletableFuture<>();
    private final String verifier;
    private final String state;

    /** Starts the listener. */
    public LoopbackSignIn() {
        this.verifier = random(32);
        this.state = random(16);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new dev.tenantconnect.core.error.ConfigurationException("cannot listen on the loopback address for "
                    + "the sign-in redirect: " + e.getMessage(), e);
        }
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> params = new LinkedHashMap<>();
            if (query != null) {
                for (String pair : query.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
            }
            byte[] page = ("<html><body>" + (params.containsKey("code") ? "Signed in. You can close this window."
                    : "The sign-in did not complete. You can close this window.") + "</body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
            if (params.containsKey("code") || params.containsKey("error")) {
                answer.complete(params);
            }
        });
        server.start();
    }

    /** @return the redirect URI to send and to redeem the code with */
    public URI redirectUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** @return the PKCE code verifier (kept here, sent only with the code redemption) */
    public String verifier() {
        return verifier;
    }

    /** @return the S256 code challenge of the verifier */
    public String challenge() {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the state sent with the request, checked on the redirect */
    public String state() {
        return state;
    }

    /**
     * Waits for the redirect.
     *
     * @param timeout how long the person has
     * @param context for errors
     * @return the authorization code
     * @throws AuthenticationFailedException on timeout, an error redirect or a state that does not match
     */
    public String awaitCode(Duration timeout, ErrorContext context) {
        Map<String, String> params;
        try {
            params = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AuthenticationFailedException("the admin did not complete the browser sign-in within "
                    + timeout.toSeconds() + " s", context, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationFailedException("browser sign-in cancelled", context, null);
        } catch (ExecutionException e) {
            throw new AuthenticationFailedException("browser sign-in failed", context, null);
        }
        if (!state.equals(params.get("state"))) {
            throw new AuthenticationFailedException("the sign-in redirect carried another state: refused", context,
                    null);
        }
        if (params.containsKey("error")) {
            throw new AuthenticationFailedException("the sign-in was refused: " + params.get("error"), context, null);
        }
        return params.get("code");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static String random(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
