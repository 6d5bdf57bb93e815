package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.credential.ClientCertificateCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.ClientId;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A key pair and self-signed certificate made for a customer's app registration (see
 * https://learn.microsoft.com/en-us/entra/identity-platform/certificate-credentials): upload
 * {@link #certificatePem()} to the app registration; keep {@link #credential()} (or the PEM private key) in the
 * credential store.
 *
 * @param credential the credential to authenticate with
 * @param certificatePem the public certificate, PEM, to upload
 * @param privateKeyPem the private key, PKCS#8 PEM, as a secret
 * @param thumbprint the SHA-1 thumbprint the Entra portal shows
 * @param expiresAt the certificate's expiry
 */
public record GeneratedCertificate(ClientCertificateCredential credential, String certificatePem, Secret privateKeyPem,
        String thumbprint, Instant expiresAt) {
    /** Rejects nulls. */
    public GeneratedCertificate {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(certificatePem, "certificatePem");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Objects.requireNonNull(thumbprint, "thumbprint");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * @param clientId the application the certificate is for
     * @param privateKey the key pair's private key
     * @param certificate the certificate made for it
     * @return the credential with its PEM forms, thumbprint and expiry
     */
    public static GeneratedCertificate of(ClientId clientId, PrivateKey privateKey, X509Certificate certificate) {
        ClientCertificateCredential credential = new ClientCertificateCredential(clientId, privateKey,
                List.of(certificate));
        String keyPem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(privateKey.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        return new GeneratedCertificate(credential, credential.certificatePem(), Secret.of(keyPem),
                credential.thumbprint(), credential.expiresAt().orElseThrow());
    }

    @Override
    public String toString() {
        return "GeneratedCertificate[thumbprint=" + thumbprint + ", expiresAt=" + expiresAt + ", privateKey=****]";
    }
}
