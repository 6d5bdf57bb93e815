package dev.tenantconnect.voice;

import dev.tenantconnect.core.credential.CredentialKey;
import java.util.Objects;
import java.util.UUID;

/**
 * Direct Routing onboarding with automatic DNS: the customer subdomain, its verification, and the activation user.
 * Every step is re-runnable. From {@link TenantConnectClient#directRouting()}.
 */
public final class DirectRoutingOnboarding {
    private final TenantConnect tc;

    DirectRoutingOnboarding(TenantConnect tc) {
        this.tc = Objects.requireNonNull(tc);
    }

    /**
     * Step 1: adds the subdomain to the tenant and returns the DNS records to publish.
     *
     * @param key the connection (its app needs Domain.ReadWrite.All or the Domain Name Administrator role)
     * @param domain the subdomain, e.g. {@code customer1.sbc.operator.com}
     * @return the domain's state and the records to publish
     */
    public DomainVerification addDomain(CredentialKey key, String domain) {
        return tc.addOnboardingDomain(key, domain);
    }

    /**
     * Step 2: asks Microsoft to verify the subdomain once its records are published.
     *
     * @param key the connection
     * @param domain the subdomain
     * @return verified, or still pending with the records to publish
     */
    public DomainVerification verifyDomain(CredentialKey key, String domain) {
        return tc.verifyOnboardingDomain(key, domain);
    }

    /**
     * Step 3: the activation user on the verified subdomain, with usage location and a Teams-capable licence.
     *
     * @param key the connection
     * @param domain the verified subdomain
     * @param usageLocation two-letter country of the user
     * @param skuId the SKU to assign (one that includes Teams)
     * @return the activation user's object ID
     */
    public UUID createActivationUser(CredentialKey key, String domain, String usageLocation, UUID skuId) {
        return tc.createActivationUser(key, domain, usageLocation, skuId);
    }

    /**
     * Last step: deletes the activation user once the subdomain is active.
     *
     * @param key the connection
     * @param domain the subdomain
     * @return whether a user was deleted (false: it was already gone)
     */
    public boolean removeActivationUser(CredentialKey key, String domain) {
        return tc.removeActivationUser(key, domain);
    }
}
