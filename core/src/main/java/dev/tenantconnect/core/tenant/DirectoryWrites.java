package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.model.UserRef;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Directory writes in one customer tenant for Direct Routing onboarding with automatic DNS: custom domains and their
 * DNS verification, and the activation user.
 */
public interface DirectoryWrites {
    /**
     * @param name a domain name
     * @return whether the tenant has it verified; empty when the tenant does not have it at all
     */
    Optional<Boolean> domainVerified(String name);

    /** @param name a domain to add, unverified */
    void addDomain(String name);

    /**
     * @param name a domain added to the tenant
     * @return the records to publish to prove ownership (a TXT and an MX record; either proves it)
     */
    List<DnsRecord> verificationRecords(String name);

    /**
     * @param name a domain
     * @return whether the service found the records and verified it
     */
    boolean verifyDomain(String name);

    /**
     * @param upn a user principal name
     * @return the user's object ID, if the user exists (and is visible)
     */
    Optional<UUID> findUser(UserRef.Upn upn);

    /**
     * Creates a user with a random password it never needs.
     *
     * @param upn its UPN on a verified domain
     * @param displayName its display name
     * @param usageLocation two-letter country, required before licensing
     * @return the new user's object ID
     */
    UUID createUser(UserRef.Upn upn, String displayName, String usageLocation);

    /**
     * @param user a user
     * @param skuId the SKU to assign
     */
    void assignLicense(UUID user, UUID skuId);

    /** @param user a user to delete */
    void deleteUser(UUID user);
}
