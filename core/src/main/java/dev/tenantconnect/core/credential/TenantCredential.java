package dev.tenantconnect.core.credential;

import java.time.Instant;
import java.util.Optional;

/**
 * What the operator holds to act in a customer tenant. Implementations never show secret material in
 * {@code toString}.
 */
public sealed interface TenantCredential permits ClientSecretCredential, ClientCertificateCredential,
        DelegatedTokenCredential, LegacyPasswordCredential {

    /** @return the connection method this credential belongs to */
    ConnectionMethod method();

    /** @return when the credential stops working, where that is known */
    Optional<Instant> expiresAt();
}
