package dev.tenantconnect.voice;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.TenantCredential;
import java.util.Objects;

/**
 * Connecting customer tenants: store a checked credential for a tenant and service, or move a stored password or
 * delegated connection up to an app registration's credential. From {@link TenantConnectClient#connections()}.
 */
public final class Connections {
    private final TenantConnect tc;

    Connections(TenantConnect tc) {
        this.tc = Objects.requireNonNull(tc);
    }

    /**
     * Checks a client secret or certificate against Entra and the tenant, then stores it.
     *
     * @param key the tenant and the operator's service
     * @param credential the app registration's client secret or certificate
     * @return the stored connection
     * @throws dev.tenantconnect.core.error.AuthenticationFailedException when Entra refuses the credential
     * @throws dev.tenantconnect.core.error.TenantMismatchException when the credential belongs to another tenant
     * @throws dev.tenantconnect.core.error.ConcurrentUpdateException when the service is already connected
     */
    public Connection connect(CredentialKey key, TenantCredential credential) {
        return tc.connect(key, credential);
    }

    /**
     * Moves a stored connection one step up (password, delegated token, app registration); the new credential is
     * checked first and the stored one is untouched on failure.
     *
     * @param key the connection
     * @param credential the new credential
     * @return the upgraded connection
     */
    public Connection upgrade(CredentialKey key, TenantCredential credential) {
        return tc.upgrade(key, credential);
    }
}
