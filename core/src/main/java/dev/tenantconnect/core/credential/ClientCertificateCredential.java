package dev.tenantconnect.core.credential;

import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.internal.Pem;
import dev.tenantconnect.core.model.ClientId;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An app registration's certificate credential: the private key and the certificate chain (leaf first) whose
 * public key was uploaded to the app registration. Construction checks that the key matches the leaf. Jackson never
 * writes the private key (whatever security provider made it).
 *
 * @param clientId the application (client) ID
 * @param privateKey the private key (RSA or EC); never shown in {@code toString}
 * @param chain the certificate chain, leaf first, at least one certificate
 */
public record ClientCertificateCredential(ClientId clientId,
        @com.fasterxml.jackson.annotation.JsonIgnore PrivateKey privateKey, List<X509Certificate> chain)
        implements TenantCredential {

    /** Validates the chain and that the key belongs to the leaf certificate. */
    public ClientCertificateCredential {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new ValidationException("certificate", "chain must hold at least the leaf certificate");
        }
        if (!keyMatches(privateKey, chain.get(0))) {
            throw new ValidationException("privateKey", "does not match the leaf certificate's public key");
        }
    }

    /**
     * @param clientId the application ID
     * @param certificatePem one or more {@code CERTIFICATE} blocks, leaf first
     * @param privateKeyPem a {@code PRIVATE KEY} (PKCS#8) or {@code RSA PRIVATE KEY} (PKCS#1) block
     * @return the credential
     */
    public static ClientCertificateCredential fromPem(ClientId clientId, String certificatePem, String privateKeyPem) {
        return new ClientCertificateCredential(clientId, Pem.privateKey(privateKeyPem), Pem.certificates(certificatePem));
    }

    /**
     * @param clientId the application ID
     * @param pkcs12 the PKCS#12 (.pfx/.p12) content; the stream is read fully, not closed
     * @param password the store and key password
     * @param alias the key entry to use; empty picks the only key entry
     * @return the credential
     */
    public static ClientCertificateCredential fromPkcs12(ClientId clientId, InputStream pkcs12, Secret password,
            Optional<String> alias) {
        char[] pw = password.reveal();
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(pkcs12, pw);
            List<String> keyAliases = new ArrayList<>();
            for (String a : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(a)) {
                    keyAliases.add(a);
                }
            }
            String chosen = alias.orElseGet(() -> {
                if (keyAliases.size() != 1) {
                    throw new ValidationException("pkcs12",
                            "holds " + keyAliases.size() + " key entries; name the alias to use");
                }
                return keyAliases.get(0);
            });
            if (!keyAliases.contains(chosen)) {
                throw new ValidationException("pkcs12", "has no key entry with the given alias");
            }
            PrivateKey key = (PrivateKey) ks.getKey(chosen, pw);
            Certificate[] certs = ks.getCertificateChain(chosen);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : certs) {
                chain.add((X509Certificate) c);
            }
            return new ClientCertificateCredential(clientId, key, chain);
        } catch (IOException e) {
            throw new ValidationException("pkcs12", "could not be read: wrong password or not a PKCS#12 file", -1, e);
        } catch (GeneralSecurityException e) {
            throw new ValidationException("pkcs12", "could not be opened: " + e.getClass().getSimpleName(), -1, e);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    private static boolean keyMatches(PrivateKey key, X509Certificate leaf) {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new ValidationException("privateKey", "must be an RSA or EC key");
        };
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(leaf.getPublicKey());
            v.update(probe);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** @return the leaf certificate */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** @return the SHA-1 thumbprint of the leaf, upper-case hex, as the Entra portal shows it */
    public String thumbprint() {
        return digest("SHA-1");
    }

    /** @return the SHA-256 thumbprint of the leaf, upper-case hex ({@code x5t#S256}) */
    public String thumbprintSha256() {
        return digest("SHA-256");
    }

    private String digest(String alg) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(alg).digest(leaf().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(alg + " unavailable", e);
        }
    }

    /** @return the leaf certificate in PEM, to upload to the app registration */
    public String certificatePem() {
        try {
            return Pem.encode("CERTIFICATE", leaf().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    @Override
    public ConnectionMethod method() {
        return ConnectionMethod.APP_REGISTRATION;
    }

    /** @return the leaf certificate's {@code notAfter} */
    @Override
    public Optional<Instant> expiresAt() {
        return Optional.of(leaf().getNotAfter().toInstant());
    }

    /** Never includes key material. */
    @Override
    public String toString() {
        return "ClientCertificateCredential[clientId=" + clientId + ", thumbprint=" + thumbprint() + ", expiresAt="
                + leaf().getNotAfter().toInstant() + ", privateKey=****]";
    }
}
