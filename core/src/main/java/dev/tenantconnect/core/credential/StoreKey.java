package dev.tenantconnect.core.credential;

import dev.tenantconnect.core.error.ConfigurationException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES key for encrypting stored credentials, with a key ID derived from it (a truncated SHA-256
 * fingerprint) so that a file written with another key is recognised as such. {@code toString} shows only the ID.
 */
@com.fasterxml.jackson.annotation.JsonIgnoreType
public final class StoreKey {
    private static final java.util.regex.Pattern KEY_ID = java.util.regex.Pattern.compile("[0-9a-f]{16}");
    private final String keyId;
    private final SecretKey key;

    private StoreKey(byte[] raw) {
        if (raw.length != 32) {
            throw new ConfigurationException("store key must be 32 bytes (AES-256), got " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.keyId = fingerprint(raw);
    }

    /**
     * @param raw 32 key bytes; copied
     * @return the key
     */
    public static StoreKey of(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        return new StoreKey(raw.clone());
    }

    /**
     * @param key an AES secret key of 32 bytes
     * @return the store key
     */
    public static StoreKey of(SecretKey key) {
        byte[] raw = key.getEncoded();
        if (raw == null || !"AES".equalsIgnoreCase(key.getAlgorithm())) {
            throw new ConfigurationException("store key must be an exportable AES key");
        }
        try {
            return new StoreKey(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** @return a fresh random key */
    public static StoreKey generate() {
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        return new StoreKey(raw);
    }

    private static String fingerprint(byte[] raw) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("tenantconnect-store-key-id:".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(md.digest(raw), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks a key ID read from outside (a file header, a database row) before it is used or shown.
     *
     * @param keyId a key ID
     * @return whether it has the form every {@link StoreKey} ID has: 16 lowercase hex digits
     */
    public static boolean isWellFormedKeyId(String keyId) {
        return keyId != null && KEY_ID.matcher(keyId).matches();
    }

    /** @return the key ID: 16 hex digits, not secret */
    public String keyId() {
        return keyId;
    }

    /** @return the JCA key, for the store's cipher */
    public SecretKey secretKey() {
        return key;
    }

    @Override
    public String toString() {
        return "StoreKey[id=" + keyId + "]";
    }
}
