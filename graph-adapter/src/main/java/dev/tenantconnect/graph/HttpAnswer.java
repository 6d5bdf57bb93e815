package dev.tenantconnect.graph;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The answer to a plain HTTPS call made on the connector's HTTP client ({@link GraphConnector#send}): status,
 * headers and body text. Its {@code toString} shows the status only: bodies may carry personal data.
 *
 * @param status the HTTP status code
 * @param headers the response headers, first value each, names in lower case
 * @param body the body text ({@code ""} when there is none)
 */
public record HttpAnswer(int status, Map<String, String> headers, String body) {
    /** Copies, with header names in lower case. */
    public HttpAnswer {
        TreeMap<String, String> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        headers = Map.copyOf(lower);
        Objects.requireNonNull(body, "body");
    }

    /** @return whether the status is 2xx */
    public boolean successful() {
        return status >= 200 && status < 300;
    }

    /**
     * @param name a header name, in any case
     * @return its first value, if present
     */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        return "HttpAnswer[" + status + "]";
    }
}
