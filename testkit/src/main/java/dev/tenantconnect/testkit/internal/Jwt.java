package dev.tenantconnect.testkit.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Minimal RS256 JWT signing and parsing for the simulated token endpoint. Not API. */
public final class Jwt {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    /**
     * A parsed, not yet verified token.
     *
     * @param header the header claims
     * @param claims the payload claims
     * @param signingInput the bytes that were signed
     * @param signature the signature bytes
     */
    public record Parsed(Map<String, Object> header, Map<String, Object> claims, byte[] signingInput,
            byte[] signature) {

        /**
         * @param key the public key to check against
         * @return whether the RS256 signature is valid
         */
        public boolean verify(PublicKey key) {
            try {
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initVerify(key);
                s.update(signingInput);
                return s.verify(signature);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }

        /**
         * @param name claim name
         * @return the claim as text
         */
        public Optional<String> string(String name) {
            Object v = claims.get(name);
            return v == null ? Optional.empty() : Optional.of(v.toString());
        }

        /**
         * @param name claim name
         * @return the claim as a number of seconds
         */
        public Optional<Long> seconds(String name) {
            Object v = claims.get(name);
            return v instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
        }
    }

    private Jwt() {
    }

    /**
     * @param header header claims ({@code alg} is set to RS256)
     * @param claims payload claims
     * @param key the signing key
     * @return the compact token
     */
    public static String sign(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
        try {
            Map<String, Object> h = new LinkedHashMap<>(header);
            h.put("alg", "RS256");
            h.putIfAbsent("typ", "JWT");
            String input = ENC.encodeToString(JSON.writeValueAsBytes(h)) + "."
                    + ENC.encodeToString(JSON.writeValueAsBytes(claims));
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + ENC.encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException("could not sign token", e);
        }
    }

    /**
     * @param token a compact JWT
     * @return the parsed parts, or empty when it is not a well-formed JWT
     */
    public static Optional<Parsed> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            TypeReference<LinkedHashMap<String, Object>> type = new TypeReference<>() {
            };
            Map<String, Object> header = JSON.readValue(DEC.decode(parts[0]), type);
            Map<String, Object> claims = JSON.readValue(DEC.decode(parts[1]), type);
            return Optional.of(new Parsed(header, claims,
                    (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), DEC.decode(parts[2])));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
