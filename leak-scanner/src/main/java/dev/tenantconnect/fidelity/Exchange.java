package dev.tenantconnect.fidelity;

import java.util.Map;
import java.util.Objects;

/**
 * One request the simulated Microsoft cloud answered, as it answered it (before any deliberate corruption a test
 * asked for).
 *
 * @param api {@code graph}, {@code provisioning} or another family name
 * @param endpoint the simulator's name for the endpoint, e.g. {@code graph.numbers.list}
 * @param method the HTTP method
 * @param path the request path without the query, e.g. {@code /v1.0/users}
 * @param query the decoded query parameters
 * @param requestHeaders the request headers that matter for validation (name as sent, value)
 * @param requestBody the request body, empty for none
 * @param status the answer's status
 * @param responseHeaders the answer's headers
 * @param responseBody the answer's body, empty for none
 */
public record Exchange(String api, String endpoint, String method, String path, Map<String, String> query,
        Map<String, String> requestHeaders, String requestBody, int status, Map<String, String> responseHeaders,
        String responseBody) {
    /** Copies and rejects nulls. */
    public Exchange {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        requestHeaders = Map.copyOf(requestHeaders);
        requestBody = Objects.requireNonNullElse(requestBody, "");
        responseHeaders = Map.copyOf(responseHeaders);
        responseBody = Objects.requireNonNullElse(responseBody, "");
    }

    @Override
    public String toString() {
        return method + " " + path + " -> " + status + " (" + endpoint + ")";
    }
}
