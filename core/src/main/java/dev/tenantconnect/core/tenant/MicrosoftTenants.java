package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.credential.DelegatedTokenCredential;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import java.time.Duration;
import java.util.Set;

/**
 * The Microsoft side of the SDK, per customer tenant: hands out the ports for one tenant and the operator app's
 * credential there. The graph-adapter's {@code GraphConnector} implements it over Entra ID and Microsoft Graph; the
 * testkit's {@code InMemoryMicrosoftTenants} implements it in memory for fast unit tests. Implementations are
 * thread-safe and cheap to call per operation.
 */
public interface MicrosoftTenants {
    /**
     * Acquires an app-only token for a credential (an implementation may answer from its cache while the token is
     * valid) and returns its claims: the check that a credential works and what it grants.
     *
     * @param tenant the tenant
     * @param credential a client secret or certificate credential of the operator's app there
     * @return the token's claims (never the token)
     * @throws dev.tenantconnect.core.error.AuthenticationFailedException when Entra refuses the credential
     */
    AppTokenClaims tokenClaims(TenantId tenant, TenantCredential credential);

    /**
     * As {@link #tokenClaims}, but from a token issued now, never a cached one: to see a credential just added, or
     * permissions granted after the cached token was issued.
     *
     * @param tenant the tenant
     * @param credential a client secret or certificate credential
     * @return the fresh token's claims
     * @throws dev.tenantconnect.core.error.AuthenticationFailedException when Entra refuses the credential
     */
    AppTokenClaims freshTokenClaims(TenantId tenant, TenantCredential credential);

    /**
     * @param tenant the tenant
     * @param credential a client secret or certificate credential of the operator's app there
     * @return directory reads for that tenant
     */
    TenantDirectory directory(TenantId tenant, TenantCredential credential);

    /**
     * @param tenant the tenant
     * @param credential a credential with the Teams telephone number permission
     * @return the tenant's Teams numbers
     */
    TeamsNumbers teamsNumbers(TenantId tenant, TenantCredential credential);

    /**
     * @param tenant the tenant
     * @param credential a credential with the Teams policy assignment permission
     * @return Teams policy grants for that tenant
     */
    TeamsPolicies teamsPolicies(TenantId tenant, TenantCredential credential);

    /**
     * @param tenant the tenant
     * @param credential a credential with directory write permissions
     * @return domain and user writes for Direct Routing onboarding
     */
    DirectoryWrites directoryWrites(TenantId tenant, TenantCredential credential);

    /**
     * @param tenant the tenant
     * @param credential a credential with application write permission
     * @return app-registration writes for that tenant
     */
    AppRegistrations appRegistrations(TenantId tenant, TenantCredential credential);

    /**
     * App-registration writes on behalf of a signed-in admin (the app-registration wizard, removing access a
     * connection no longer needs).
     *
     * @param tenant the tenant
     * @param adminToken the admin's delegated token, issued by that tenant
     * @return app-registration writes, allowed what the admin may do
     * @throws dev.tenantconnect.core.error.TenantMismatchException when the token was issued by another tenant
     */
    AppRegistrations appRegistrations(TenantId tenant, AccessToken adminToken);

    /**
     * Redeems a delegated connection's refresh token and returns, with the access token, the credential to store
     * from now on: Entra may rotate refresh tokens, and the one just redeemed may then no longer work.
     *
     * @param tenant the tenant
     * @param credential the delegated credential
     * @param scopes the delegated Graph scopes to ask for
     * @return the access token and the credential with the refresh token to keep
     * @throws dev.tenantconnect.core.error.AuthenticationFailedException when the refresh token is expired or revoked
     */
    DelegatedRedemption redeemDelegated(TenantId tenant, DelegatedTokenCredential credential, Set<String> scopes);

    /**
     * Makes a key pair and a self-signed certificate to upload to an app registration (certificate credentials:
     * https://learn.microsoft.com/entra/identity-platform/certificate-credentials).
     *
     * @param clientId the application the certificate is for
     * @param subject the certificate's common name, e.g. the app registration's name
     * @param validity how long it is valid from now
     * @return the credential, the PEM to upload, and the thumbprint and expiry
     * @throws dev.tenantconnect.core.error.ConfigurationException when the certificate cannot be made
     */
    GeneratedCertificate generateCertificate(ClientId clientId, String subject, Duration validity);
}
