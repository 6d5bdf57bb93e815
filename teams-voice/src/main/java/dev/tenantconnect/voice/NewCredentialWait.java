package dev.tenantconnect.voice;

import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.AuthenticationFailedException;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.resilience.CallContext;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.tenant.AppTokenClaims;
import dev.tenantconnect.core.tenant.MicrosoftTenants;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Waits until a credential just added to an app registration works: Entra replicates a new secret or certificate
 * (and new permission grants) with a delay, so a fresh token is asked for until Entra accepts the credential and the
 * token satisfies the caller. The waiting is the tenant's consistency policy (its clock, sleeper and limit); when the
 * limit passes, the policy's error is thrown. Used by secret and certificate rotation and by the app-registration
 * wizard.
 */
final class NewCredentialWait {
    private final MicrosoftTenants microsoft;
    private final ResiliencePolicies policies;

    NewCredentialWait(MicrosoftTenants microsoft, ResiliencePolicies policies) {
        this.microsoft = Objects.requireNonNull(microsoft, "microsoft");
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    /**
     * @param tenant the tenant
     * @param what what is awaited, for the policy's messages (e.g. {@code new secret usable})
     * @param credential the new credential
     * @return the claims of the first token Entra issued for it
     */
    AppTokenClaims untilUsable(TenantId tenant, String what, TenantCredential credential) {
        return until(tenant, what, credential, claims -> true);
    }

    /**
     * @param tenant the tenant
     * @param what what is awaited
     * @param credential the new credential
     * @param ready what the token must show (e.g. the permissions just granted)
     * @return the claims of the first token that shows it
     */
    AppTokenClaims until(TenantId tenant, String what, TenantCredential credential, Predicate<AppTokenClaims> ready) {
        return policies.consistencyFor(tenant).awaitVisible(CallContext.idempotent(what, tenant), () -> {
            try {
                AppTokenClaims claims = microsoft.freshTokenClaims(tenant, credential);
                return ready.test(claims) ? Optional.of(claims) : Optional.empty();
            } catch (AuthenticationFailedException notYet) {
                return Optional.empty();
            }
        });
    }
}
