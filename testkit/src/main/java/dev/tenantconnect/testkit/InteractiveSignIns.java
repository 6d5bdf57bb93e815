package dev.tenantconnect.testkit;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.testkit.internal.CloudState;
import dev.tenantconnect.testkit.internal.LeakHook;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The person's side of the authorization-code flow with PKCE: a test says who signs in at the browser
 * ({@link #signInAs}) or that the person declines ({@link #declineNext}); the authorize endpoint then redirects to the
 * client's loopback redirect URI with a code (or an error), and the token endpoint redeems the code only with the
 * matching code verifier. Rules from https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow
 * (authorize request, S256 code challenge, single-use codes redeemed with the same redirect_uri and client) and
 * https://learn.microsoft.com/en-us/entra/identity-platform/reply-url#localhost-exceptions (any port on a loopback
 * redirect URI).
 */
public final class InteractiveSignIns {
    static final Pattern AUTHORIZE_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/authorize");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    private final Object lock;
    private final Clock clock;
    private final Map<String, Code> codes = new LinkedHashMap<>();
    private Person next;
    private boolean decline;

    private record Person(TenantId tenant, UserRef.Upn upn, Set<DirectoryRole> roles) {
    }

    private record Code(CloudState.DelegatedSession session, String redirectUri, String challenge, Instant expiresAt) {
    }

    InteractiveSignIns(Object lock, Clock clock) {
        this.lock = lock;
        this.clock = clock;
    }

    /**
     * The person at the browser from now on: an admin of a tenant who consents to the scopes asked for.
     *
     * @param tenant the admin's tenant
     * @param admin the admin's UPN
     * @param roles the admin's directory roles (carried as {@code wids})
     */
    public void signInAs(TenantId tenant, UserRef.Upn admin, Set<DirectoryRole> roles) {
        synchronized (lock) {
            next = new Person(tenant, admin, Set.copyOf(roles));
            decline = false;
        }
    }

    /** The person at the browser declines the next sign-in ({@code error=access_denied}). */
    public void declineNext() {
        synchronized (lock) {
            decline = true;
        }
    }

    /** {@code GET /{tenant}/oauth2/v2.0/authorize}: redirects to the loopback redirect URI with a code or error. */
    SimResponse authorize(SimRequest req) {
        String clientId = req.query("client_id").orElse("");
        String redirect = req.query("redirect_uri").orElse("");
        String state = req.query("state").orElse("");
        if (!loopback(redirect)) {
            return page(400, "AADSTS50011: The redirect URI '" + redirect + "' does not match the redirect URIs "
                    + "configured for the application.");
        }
        if (!"code".equals(req.query("response_type").orElse(""))) {
            return redirect(redirect, "error=unsupported_response_type", state);
        }
        String challenge = req.query("code_challenge").orElse("");
        if (challenge.isEmpty() || !"S256".equals(req.query("code_challenge_method").orElse(""))) {
            return redirect(redirect, "error=invalid_request&error_description=" + enc("AADSTS9002325: Proof Key "
                    + "for Code Exchange is required (code_challenge with code_challenge_method S256)."), state);
        }
        synchronized (lock) {
            if (decline) {
                decline = false;
                return redirect(redirect, "error=access_denied&error_description=" + enc("AADSTS65004: User declined "
                        + "to consent to access the app."), state);
            }
            if (next == null) {
                return page(200, "Sign in to your account");
            }
            CloudState.DelegatedSession s = new CloudState.DelegatedSession();
            s.tenant = next.tenant();
            s.userId = UUID.nameUUIDFromBytes(next.upn().value().getBytes(StandardCharsets.UTF_8));
            s.upn = next.upn().value();
            s.clientId = clientId;
            Arrays.stream(req.query("scope").orElse("").split(" ")).map(x -> x.substring(x.lastIndexOf('/') + 1))
                    .filter(PermissionRules.GRAPH_SCOPES::contains).forEach(s.scopes::add);
            s.roles.addAll(next.roles());
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            String code = "sim-ac." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            LeakHook.secret("authorization code", code);
            codes.put(code, new Code(s, redirect, challenge, clock.instant().plus(CODE_LIFETIME)));
            return redirect(redirect, "code=" + enc(code), state);
        }
    }

    /**
     * Redeems a code at the token endpoint ({@code grant_type=authorization_code}).
     *
     * @return the session, or an error description
     */
    Object redeem(Map<String, String> form) {
        synchronized (lock) {
            Code c = codes.remove(form.getOrDefault("code", ""));
            if (c == null || !c.expiresAt().isAfter(clock.instant())) {
                return "AADSTS70008: The provided authorization code or refresh token has expired or was already "
                        + "used.";
            }
            if (!c.redirectUri().equals(form.getOrDefault("redirect_uri", ""))
                    || !c.session().clientId.equals(form.getOrDefault("client_id", ""))) {
                return "AADSTS50148: The code was issued to another client or redirect URI.";
            }
            if (!c.challenge().equals(s256(form.getOrDefault("code_verifier", "")))) {
                return "AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the "
                        + "authorization request.";
            }
            return c.session();
        }
    }

    private static boolean loopback(String redirect) {
        try {
            URI u = URI.create(redirect);
            return "http".equals(u.getScheme()) && ("127.0.0.1".equals(u.getHost()) || "localhost".equals(u.getHost()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static SimResponse redirect(String redirect, String params, String state) {
        SimResponse r = new SimResponse();
        r.status = 302;
        r.header("Location", redirect + (redirect.contains("?") ? "&" : "?") + params
                + (state.isEmpty() ? "" : "&state=" + enc(state)));
        return r;
    }

    private static SimResponse page(int status, String text) {
        SimResponse r = new SimResponse();
        r.status = status;
        r.body = "<html><body>" + text.replace("<", "&lt;") + "</body></html>";
        r.header("Content-Type", "text/html; charset=utf-8");
        return r;
    }
}
