package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.credential.ClientCertificateCredential;
import dev.tenantconnect.core.credential.Secret;
import java.time.Instant;
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

    @Override
    public String toString() {
        return "GeneratedCertificate[thumbprint=" + thumbprint + ", expiresAt=" + expiresAt + ", privateKey=****]";
    }
}
