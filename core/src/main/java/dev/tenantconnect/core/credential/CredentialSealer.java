package dev.tenantconnect.core.credential;

import dev.tenantconnect.core.error.StoreException;
import dev.tenantconnect.core.error.StoreIntegrityException;
import dev.tenantconnect.core.internal.CredentialCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts one credential record for a store that keeps it somewhere it must not be readable — a database row —
 * with AES-256-GCM under the {@link KeyProvider}'s current key. The sealed bytes name their key (so rotation keeps
 * older rows readable) and are bound to a context (the row's key), so a sealed record copied into another row does
 * not open. Thread-safe.
 */
public final class CredentialSealer {
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final byte FORMAT = 1;
    private final KeyProvider keys;
    private final SecureRandom random = new SecureRandom();

    /** @param keys where the encryption keys come from */
    public CredentialSealer(KeyProvider keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * A sealed record.
     *
     * @param keyId the ID of the key that sealed it
     * @param bytes format, nonce and ciphertext with tag
     */
    public record Sealed(String keyId, byte[] bytes) {
        /** Validates and copies. */
        public Sealed {
            Objects.requireNonNull(keyId, "keyId");
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public String toString() {
            return "Sealed[key " + keyId + ", " + bytes.length + " bytes]";
        }
    }

    /**
     * @param record the record
     * @param context what the record is bound to (e.g. {@code tenant/service})
     * @return the sealed record
     */
    public Sealed seal(CredentialRecord record, String context) {
        StoreKey key = keys.current();
        byte[] plain = null;
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(buf)) {
                CredentialCodec.writeRecord(out, record);
            }
            plain = buf.toByteArray();
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(key.keyId(), context));
            byte[] sealed = c.doFinal(plain);
            byte[] out = new byte[1 + NONCE + sealed.length];
            out[0] = FORMAT;
            System.arraycopy(nonce, 0, out, 1, NONCE);
            System.arraycopy(sealed, 0, out, 1 + NONCE, sealed.length);
            return new Sealed(key.keyId(), out);
        } catch (IOException | GeneralSecurityException e) {
            throw new StoreException("credential encryption failed", e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /**
     * @param sealed a sealed record
     * @param context the context it was sealed for
     * @return the record
     * @throws StoreIntegrityException if the key is unknown, the bytes were changed or belong to another context
     */
    public CredentialRecord open(Sealed sealed, String context) {
        byte[] b = sealed.bytes();
        if (b.length < 1 + NONCE + TAG_BITS / 8 || b[0] != FORMAT) {
            throw new StoreIntegrityException("a sealed credential is truncated or of an unknown format", null);
        }
        if (!StoreKey.isWellFormedKeyId(sealed.keyId())) {
            throw new StoreIntegrityException("a sealed credential names a malformed key ID ("
                    + dev.tenantconnect.core.error.UntrustedText.of(sealed.keyId(), 24) + ")", null);
        }
        StoreKey key = keys.byId(sealed.keyId()).orElseThrow(() -> new StoreIntegrityException("a credential was "
                + "sealed with key " + sealed.keyId() + ", which the key provider does not have", null));
        byte[] plain = null;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, b, 1, NONCE));
            c.updateAAD(aad(sealed.keyId(), context));
            plain = c.doFinal(b, 1 + NONCE, b.length - 1 - NONCE);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
                CredentialRecord r = CredentialCodec.readRecord(in);
                if (in.read() != -1) {
                    throw new IOException("trailing bytes");
                }
                return r;
            }
        } catch (AEADBadTagException e) {
            throw new StoreIntegrityException("a sealed credential failed authentication: it was modified, or "
                    + "belongs to another record", null);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new StoreIntegrityException("a sealed credential cannot be decoded (" + e.getClass().getSimpleName()
                    + ")", null);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private static byte[] aad(String keyId, String context) {
        return (FORMAT + "|" + keyId + "|" + context).getBytes(StandardCharsets.UTF_8);
    }
}
