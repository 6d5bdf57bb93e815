package dev.tenantconnect.testkit;

import dev.tenantconnect.core.licensing.CapabilityStatus;
import dev.tenantconnect.core.licensing.ServicePlan;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.testkit.internal.CloudState;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Seeds and inspects one simulated customer tenant: organization, domains, SKUs, users and resource accounts, app
 * registrations, telephone numbers. Changes are visible to the next request.
 */
public final class SimulatedTenant {
    /** The kinds of Teams telephone numbers. */
    public enum NumberType {
        /** Uploaded by an Operator Connect operator. */
        OPERATOR_CONNECT("operatorConnect"),
        /** Direct Routing, the customer's own SBC. */
        DIRECT_ROUTING("directRouting"),
        /** Microsoft Calling Plan. */
        CALLING_PLAN("callingPlan");

        private final String graph;

        NumberType(String graph) {
            this.graph = graph;
        }

        /** @return Graph's enum text */
        public String graphValue() {
            return graph;
        }
    }

    private final CloudState state;
    private final CloudState.Tenant tenant;
    private final Clock clock;

    SimulatedTenant(CloudState state, CloudState.Tenant tenant, Clock clock) {
        this.state = state;
        this.tenant = tenant;
        this.clock = clock;
    }

    /** @return the tenant ID */
    public TenantId id() {
        return tenant.id;
    }

    /**
     * @param name the organization's display name
     * @return this
     */
    public SimulatedTenant displayName(String name) {
        synchronized (state) {
            tenant.displayName = name;
        }
        return this;
    }

    /**
     * @param domain a verified domain; the first added is the default
     * @return this
     */
    public SimulatedTenant domain(String domain) {
        synchronized (state) {
            tenant.domains.add(domain.toLowerCase(Locale.ROOT));
        }
        return this;
    }

    /**
     * @param sku a SKU the tenant subscribes to
     * @param units how many licences it bought
     * @return this
     */
    public SimulatedTenant sku(Sku sku, int units) {
        CloudState.Sku s = new CloudState.Sku();
        s.skuId = sku.skuId();
        s.partNumber = sku.partNumber();
        s.enabledUnits = units;
        sku.servicePlans().forEach(p -> s.servicePlans.put(p.id(), p.planName().orElse(p.id().toString())));
        synchronized (state) {
            tenant.skus.put(s.skuId, s);
        }
        return this;
    }

    /**
     * @param upn the user principal name
     * @param displayName the display name
     * @param usageLocation two-letter country, or null for none
     * @param licenses SKUs assigned to the user
     * @return the new user's object ID
     */
    public UUID addUser(String upn, String displayName, String usageLocation, Sku... licenses) {
        return add(upn, displayName, usageLocation, false, licenses);
    }

    /**
     * @param upn the resource account's UPN
     * @param displayName its display name (auto attendant or call queue)
     * @param licenses SKUs assigned (normally {@link Sku#TEAMS_PHONE_RESOURCE_ACCOUNT})
     * @return the new account's object ID
     */
    public UUID addResourceAccount(String upn, String displayName, Sku... licenses) {
        return add(upn, displayName, null, true, licenses);
    }

    private UUID add(String upn, String displayName, String usageLocation, boolean resource, Sku... licenses) {
        CloudState.User u = new CloudState.User();
        u.id = UUID.randomUUID();
        u.upn = UserRef.Upn.parse(upn).value();
        u.displayName = displayName;
        u.usageLocation = usageLocation;
        u.resourceAccount = resource;
        u.createdAt = clock.instant();
        synchronized (state) {
            u.version = ++tenant.changeSeq;
            for (Sku s : licenses) {
                if (!tenant.skus.containsKey(s.skuId())) {
                    throw new IllegalStateException("seed the SKU " + s.partNumber() + " into the tenant first");
                }
                u.skuIds.add(s.skuId());
            }
            tenant.users.put(u.id, u);
        }
        return u.id;
    }

    /**
     * Sets a plan's {@code capabilityStatus} for one user, e.g. to simulate a suspended Teams Phone licence.
     *
     * @param user the user's object ID
     * @param plan the service plan
     * @param status the status Graph will report
     * @return this
     */
    public SimulatedTenant planStatus(UUID user, ServicePlan plan, CapabilityStatus status) {
        String text = switch (status) {
            case LOCKED_OUT -> "LockedOut";
            default -> status.name().charAt(0) + status.name().substring(1).toLowerCase(Locale.ROOT);
        };
        synchronized (state) {
            CloudState.User u = tenant.users.get(user);
            u.planStatus.put(plan.id(), text);
            u.version = ++tenant.changeSeq;
        }
        return this;
    }

    /**
     * @param user a user's object ID
     * @return this, without that user
     */
    public SimulatedTenant deleteUser(UUID user) {
        synchronized (state) {
            if (tenant.users.remove(user) != null) {
                tenant.deletedUsers.put(user, ++tenant.changeSeq);
            }
        }
        return this;
    }

    /**
     * Adds the operator's app registration with its service principal, or returns the existing one.
     *
     * @param clientId the application ID
     * @return a handle to seed its secrets, certificates, permissions and roles
     */
    public SimulatedApp app(ClientId clientId) {
        synchronized (state) {
            CloudState.App a = tenant.apps.computeIfAbsent(clientId.id(), id -> {
                CloudState.App n = new CloudState.App();
                n.clientId = id;
                n.objectId = UUID.randomUUID();
                n.servicePrincipalId = UUID.randomUUID();
                return n;
            });
            return new SimulatedApp(state, a);
        }
    }

    /**
     * @param number a number to put in the tenant's Teams inventory, unassigned
     * @param type its kind
     * @return this
     */
    public SimulatedTenant addNumber(PhoneNumber number, NumberType type) {
        CloudState.Number n = new CloudState.Number();
        n.telephoneNumber = number.toString(); // keyed with its extension, as Graph's endpoint finds it
        n.numberType = type.graphValue();
        synchronized (state) {
            tenant.numbers.put(n.telephoneNumber, n);
        }
        return this;
    }

    /**
     * @param range numbers to add
     * @param type their kind
     * @return this
     */
    public SimulatedTenant addNumbers(PhoneNumberRange range, NumberType type) {
        range.forEach(n -> addNumber(n, type));
        return this;
    }

    /**
     * Seeds a number as already assigned, as a tenant holds numbers assigned before the operator connected it (or
     * for a large tenant a test cannot build through the API in reasonable time). Graph reports a number held by a
     * resource account as {@code voiceApplicationAssigned}, by a user as {@code userAssigned}
     * (https://learn.microsoft.com/en-us/graph/api/resources/teamsadministration-numberassignment).
     *
     * @param number a number already in the tenant ({@link #addNumber})
     * @param target the user or resource account holding it
     * @param locationId its emergency location, if any
     * @return this
     */
    public SimulatedTenant assignNumber(PhoneNumber number, UUID target, Optional<String> locationId) {
        synchronized (state) {
            CloudState.Number n = tenant.numbers.get(number.e164());
            CloudState.User u = tenant.users.get(target);
            if (n == null || u == null) {
                throw new IllegalArgumentException("seed the number and the user first");
            }
            n.assignmentStatus = u.resourceAccount ? "voiceApplicationAssigned" : "userAssigned";
            n.assignmentTargetId = target;
            n.locationId = locationId.orElse(null);
        }
        return this;
    }

    /**
     * @param number a number
     * @return how the tenant holds it, if at all
     */
    public Optional<NumberView> number(PhoneNumber number) {
        synchronized (state) {
            CloudState.Number n = tenant.numbers.get(number.toString());
            return n == null ? Optional.empty() : Optional.of(new NumberView(n.telephoneNumber, n.numberType,
                    n.assignmentStatus, n.activationState, Optional.ofNullable(n.assignmentTargetId)));
        }
    }

    /**
     * Publishes a DNS TXT record, so that {@code POST /domains/{name}/verify} succeeds when it matches.
     *
     * @param domain the domain
     * @param text the TXT value
     * @return this
     */
    public SimulatedTenant publishDnsTxt(String domain, String text) {
        synchronized (state) {
            tenant.publishedTxt.put(domain.toLowerCase(Locale.ROOT), text);
        }
        return this;
    }

    /**
     * Seeds a civic address the tenant's admin created, listed by the provisioning API under the account for this
     * tenant ({@code GET /accounts/{name}/teamsCivicAddresses}).
     *
     * @param address the address
     * @return this
     */
    public SimulatedTenant civicAddress(CivicAddress address) {
        com.fasterxml.jackson.databind.node.ObjectNode o = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode();
        o.put("id", address.id());
        o.put("country", address.country());
        o.put("houseNumber", address.houseNumber());
        o.put("streetName", address.streetName());
        o.put("cityOrTown", address.cityOrTown());
        o.put("postalOrZipCode", address.postalOrZipCode());
        o.put("companyName", address.companyName());
        o.put("defaultLocationId", address.defaultLocationId());
        o.put("validationStatus", "validated");
        o.put("tenantId", tenant.id.value());
        o.putArray("locations");
        synchronized (state) {
            state.civicAddresses.computeIfAbsent(tenant.id, k -> new java.util.ArrayList<>()).add(o);
        }
        return this;
    }

    /**
     * Makes every delta token issued so far expire: the next delta query with one answers 410, as Graph does when
     * it no longer has the sync state.
     *
     * @return this
     */
    public SimulatedTenant expireDeltaTokens() {
        synchronized (state) {
            tenant.deltaTokensValidFrom = ++tenant.changeSeq;
        }
        return this;
    }

    /**
     * @param user a user's object ID
     * @return the SKU IDs assigned to the user
     */
    public java.util.Set<UUID> licenses(UUID user) {
        synchronized (state) {
            return java.util.Set.copyOf(tenant.users.get(user).skuIds);
        }
    }

    /**
     * @param clientId an application ID
     * @return the Graph permissions granted to it, if the app exists
     */
    public Optional<java.util.Set<dev.tenantconnect.core.access.GraphPermission>> grantedPermissions(ClientId clientId) {
        synchronized (state) {
            CloudState.App a = tenant.apps.get(clientId.id());
            return a == null ? Optional.empty() : Optional.of(java.util.Set.copyOf(a.granted));
        }
    }

    /**
     * @param clientId an application ID
     * @return the directory roles its service principal holds, if the app exists
     */
    public Optional<java.util.Set<dev.tenantconnect.core.access.DirectoryRole>> roles(ClientId clientId) {
        synchronized (state) {
            CloudState.App a = tenant.apps.get(clientId.id());
            return a == null ? Optional.empty() : Optional.of(java.util.Set.copyOf(a.roles));
        }
    }

    /** @return the verified domains */
    public java.util.List<String> verifiedDomains() {
        synchronized (state) {
            return java.util.List.copyOf(tenant.domains);
        }
    }

    /**
     * Adds a Teams policy.
     *
     * @param type the policy type, e.g. {@code TeamsCallingPolicy}
     * @param name the policy name
     * @param assignableThroughGraph whether Graph's {@code userAssignments/assign} accepts this type (Graph's docs
     *     do not list which voice policy types it accepts; tests choose)
     * @return the policy ID
     */
    public String policy(String type, String name, boolean assignableThroughGraph) {
        String id = UUID.nameUUIDFromBytes((type + "/" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
        synchronized (state) {
            tenant.policies.put(type + "/" + name, id);
            if (assignableThroughGraph) {
                tenant.graphAssignablePolicyTypes.add(type);
            }
        }
        return id;
    }

    /**
     * @param user a user
     * @return the policies assigned to the user through Graph, type to policy ID
     */
    public java.util.Map<String, String> policyAssignments(UUID user) {
        synchronized (state) {
            return java.util.Map.copyOf(tenant.policyAssignments.getOrDefault(user, java.util.Map.of()));
        }
    }

    /**
     * Finds a user or resource account by UPN — also one the code under test created (an activation user, say),
     * whose object ID the test never saw. UPNs compare without regard to case, as Entra compares them.
     *
     * @param upn a user principal name
     * @return the object ID, if the tenant has such a user
     */
    public Optional<UUID> userByUpn(String upn) {
        String wanted = UserRef.Upn.parse(upn).value();
        synchronized (state) {
            return tenant.users.values().stream().filter(u -> u.upn.equalsIgnoreCase(wanted)).map(u -> u.id)
                    .findFirst();
        }
    }

    /** @return how many users and resource accounts the tenant has */
    public int userCount() {
        synchronized (state) {
            return tenant.users.size();
        }
    }
}
