package dev.tenantconnect.graph.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.Optional;

/** Reads (does not verify) the claims of a JWT issued to us. Not API. */
public final class Jwts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwts() {
    }

    /**
     * @param token a compact JWT
     * @return its payload claims, or empty when the token is not a JWT
     */
    public static Optional<JsonNode> claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(Base64.getUrlDecoder().decode(parts[1])));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
