package dev.tenantconnect.testkit;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.testkit.internal.MemoryCloud;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Seeds and inspects one tenant of an {@link InMemoryMicrosoftTenants}: the same seeding words as
 * {@link SimulatedTenant}, so a test can move between the fake and the simulator.
 */
public final class InMemoryTenant {
    private final MemoryCloud cloud;
    private final MemoryCloud.Tenant tenant;

    InMemoryTenant(MemoryCloud cloud, MemoryCloud.Tenant tenant) {
        this.cloud = cloud;
        this.tenant = tenant;
    }

    /** @return the tenant ID */
    public TenantId id() {
        return tenant.id;
    }

    /**
     * @param name the organization's display name
     * @return this
     */
    public InMemoryTenant displayName(String name) {
        cloud.run(() -> tenant.displayName = name);
        return this;
    }

    /**
     * @param domain a verified domain; the first added is the default
     * @return this
     */
    public InMemoryTenant domain(String domain) {
        cloud.run(() -> tenant.domains.put(domain.toLowerCase(java.util.Locale.ROOT), true));
        return this;
    }

    /**
     * @param sku a SKU the tenant subscribes to
     * @param units how many licences it bought
     * @return this
     */
    public InMemoryTenant sku(Sku sku, int units) {
        cloud.run(() -> tenant.skus.put(sku.skuId(), new MemoryCloud.SkuUnits(sku, units)));
        return this;
    }

    /**
     * Registers the operator's app in the tenant (with its service principal): its credentials are accepted.
     *
     * @param clientId the application ID
     * @param permissions the Graph permissions granted to it (what directory reads report)
     * @return this
     */
    public InMemoryTenant app(ClientId clientId, GraphPermission... permissions) {
        cloud.operatorApp(tenant, clientId, java.util.Set.of(permissions));
        return this;
    }

    /**
     * @param clientId an app registered with {@link #app}
     * @param roles the directory roles its service principal holds
     * @return this
     */
    public InMemoryTenant roles(ClientId clientId, DirectoryRole... roles) {
        cloud.operatorRoles(tenant, clientId, java.util.Set.of(roles));
        return this;
    }

    /**
     * @param upn the user principal name
     * @param displayName the display name
     * @param usageLocation two-letter country, or {@code null} for none
     * @param licenses SKUs assigned to the user (seeded with {@link #sku} first)
     * @return the new user's object ID
     */
    public UUID addUser(String upn, String displayName, String usageLocation, Sku... licenses) {
        return cloud.addUser(tenant, upn, displayName, usageLocation, false, licenses);
    }

    /**
     * @param upn the resource account's UPN
     * @param displayName its display name
     * @param licenses SKUs assigned
     * @return the new account's object ID
     */
    public UUID addResourceAccount(String upn, String displayName, Sku... licenses) {
        return cloud.addUser(tenant, upn, displayName, null, true, licenses);
    }

    /**
     * @param user a user's object ID
     * @return this, without that user (a delta read reports it removed)
     */
    public InMemoryTenant deleteUser(UUID user) {
        cloud.deleteUser(tenant, user);
        return this;
    }

    /**
     * @param number a number to put in the tenant's Teams inventory, unassigned
     * @param type its kind
     * @return this
     */
    public InMemoryTenant addNumber(PhoneNumber number, NumberType type) {
        cloud.addNumber(tenant, number, type);
        return this;
    }

    /**
     * Adds a Teams policy.
     *
     * @param type the policy type
     * @param name the policy name
     * @param assignableThroughGraph whether a grant through the port is accepted for this type
     * @return the policy ID
     */
    public String policy(String type, String name, boolean assignableThroughGraph) {
        return cloud.policy(tenant, type, name, assignableThroughGraph);
    }

    /**
     * Publishes a DNS TXT record, so that verifying the domain succeeds when it matches.
     *
     * @param domain the domain
     * @param text the TXT value
     * @return this
     */
    public InMemoryTenant publishDnsTxt(String domain, String text) {
        cloud.run(() -> tenant.publishedTxt.put(domain.toLowerCase(java.util.Locale.ROOT), text));
        return this;
    }

    /** @return this, with every delta link handed out so far expired */
    public InMemoryTenant expireDeltaTokens() {
        cloud.run(() -> tenant.deltaValidFrom = ++tenant.changeSeq);
        return this;
    }

    /**
     * @param upn a user principal name
     * @return the object ID, if the tenant has such a user (UPNs compare without regard to case)
     */
    public Optional<UUID> userByUpn(String upn) {
        return cloud.userByUpn(tenant, upn);
    }

    /**
     * @param number a number
     * @return the user or resource account holding it, if it is assigned
     */
    public Optional<UUID> holder(PhoneNumber number) {
        return cloud.holder(tenant, number);
    }

    /**
     * @param user a user
     * @return the policies granted to the user, type to policy ID
     */
    public Map<String, String> policyAssignments(UUID user) {
        return cloud.call(() -> Map.copyOf(tenant.policyAssignments.getOrDefault(user, Map.of())));
    }
}
