package dev.tenantconnect.voice;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.model.TenantDomain;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.tenant.DirectoryWrites;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Direct Routing onboarding with automatic DNS: the customer subdomain, its verification, and the activation user.
 * Every step is re-runnable. From {@link TenantConnectClient#directRouting()}. It writes through the Microsoft ports
 * only ({@link DirectoryWrites}). Thread-safe.
 */
public final class DirectRoutingOnboarding {
    private final ServiceWiring wiring;

    DirectRoutingOnboarding(ServiceWiring wiring) {
        this.wiring = Objects.requireNonNull(wiring);
    }

    /**
     * Step 1 (automatic DNS): adds the customer subdomain to the tenant and
     * returns the DNS records to publish. Re-runnable: an existing domain is not added twice.
     *
     * @param key the connection (its app needs Domain.ReadWrite.All or the Domain Name Administrator role)
     * @param domain the subdomain, e.g. {@code customer1.sbc.operator.com}
     * @return the domain's state and the records to publish
     */
    public DomainVerification addDomain(CredentialKey key, String domain) {
        String name = TenantDomain.parse(domain).value();
        DirectoryWrites writes = writes(key);
        Optional<Boolean> verified = writes.domainVerified(name);
        if (verified.isEmpty()) {
            writes.addDomain(name);
        } else if (verified.get()) {
            return new DomainVerification(name, true, List.of());
        }
        return new DomainVerification(name, false, writes.verificationRecords(name));
    }

    /**
     * Step 2: asks Microsoft to verify the subdomain once its records are published.
     *
     * @param key the connection
     * @param domain the subdomain
     * @return verified, or still pending with the records to publish
     */
    public DomainVerification verifyDomain(CredentialKey key, String domain) {
        String name = TenantDomain.parse(domain).value();
        DirectoryWrites writes = writes(key);
        if (writes.verifyDomain(name)) {
            return new DomainVerification(name, true, List.of());
        }
        return new DomainVerification(name, false, writes.verificationRecords(name));
    }

    /**
     * Step 3: the activation user on the verified subdomain, with usage location set and
     * then a Teams-capable licence (Microsoft's requirement). Re-runnable: an existing user is reused and licensed.
     *
     * @param key the connection (its app needs User.ReadWrite.All and LicenseAssignment.ReadWrite.All)
     * @param domain the verified subdomain
     * @param usageLocation two-letter country of the user
     * @param skuId the SKU to assign (one that includes Teams)
     * @return the activation user's object ID
     */
    public UUID createActivationUser(CredentialKey key, String domain, String usageLocation,
            UUID skuId) {
        String name = TenantDomain.parse(domain).value();
        DirectoryWrites writes = writes(key);
        if (!writes.domainVerified(name).orElse(false)) {
            throw new ConfigurationException("domain " + name + " is not verified in tenant " + key.tenant()
                    + "; publish its DNS records and verify it first");
        }
        UserRef.Upn upn = activationUser(name);
        UUID user = writes.findUser(upn).orElseGet(() -> writes.createUser(upn,
                "Teams activation (" + name + ")", usageLocation));
        writes.assignLicense(user, skuId);
        return user;
    }

    /**
     * Last step: deletes the activation user once the subdomain is active. Re-runnable.
     *
     * @param key the connection
     * @param domain the subdomain
     * @return whether a user was deleted (false: it was already gone)
     */
    public boolean removeActivationUser(CredentialKey key, String domain) {
        String name = TenantDomain.parse(domain).value();
        DirectoryWrites writes = writes(key);
        Optional<UUID> user = writes.findUser(activationUser(name));
        user.ifPresent(writes::deleteUser);
        return user.isPresent();
    }

    private static UserRef.Upn activationUser(String domain) {
        return UserRef.Upn.parse("tcactivation@" + domain);
    }

    private DirectoryWrites writes(CredentialKey key) {
        return wiring.microsoft().directoryWrites(key.tenant(), wiring.stored(key).credential());
    }
}
