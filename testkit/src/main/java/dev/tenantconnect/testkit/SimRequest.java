package dev.tenantconnect.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A request as the engine sees it: method, decoded path, decoded query, headers, body. */
final class SimRequest {
    final String method;
    final String path;
    final Map<String, String> query;
    final Function<String, String> headers;
    final String body;
    /** Who calls, set by the engine once the bearer token is verified (empty before). */
    Caller caller = Caller.NOBODY;

    /**
     * The verified caller of a Graph request, as its token says.
     *
     * @param appOnly whether the token is app-only ({@code roles}) rather than delegated ({@code scp})
     * @param objectId the caller's object ID ({@code oid}: the user, or the app's service principal)
     * @param permissions the permission names the token carries ({@code roles} or {@code scp}), as written
     * @param directoryRoles the directory role template IDs the token carries ({@code wids})
     */
    record Caller(boolean appOnly, String objectId, java.util.Set<String> permissions,
            java.util.Set<String> directoryRoles) {
        static final Caller NOBODY = new Caller(false, "", java.util.Set.of(), java.util.Set.of());

        boolean holds(String permission) {
            return permissions.contains(permission);
        }
    }

    SimRequest(String method, String url, Function<String, String> headers, String body) {
        this.method = method.toUpperCase(Locale.ROOT);
        int q = url.indexOf('?');
        // a '+' in a path is a plus, not a blank (URLDecoder is for forms)
        this.path = URLDecoder.decode((q < 0 ? url : url.substring(0, q)).replace("+", "%2B"), StandardCharsets.UTF_8);
        this.query = q < 0 ? Map.of() : parseForm(url.substring(q + 1));
        this.headers = headers;
        this.body = body == null ? "" : body;
    }

    static Map<String, String> parseForm(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.apply(name)).filter(s -> !s.isEmpty());
    }

    Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    boolean isWrite() {
        return !method.equals("GET") && !method.equals("HEAD");
    }
}
