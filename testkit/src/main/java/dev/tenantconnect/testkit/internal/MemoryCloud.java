package dev.tenantconnect.testkit.internal;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientCertificateCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.ResourceNotFoundException;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.licensing.AssignedPlan;
import dev.tenantconnect.core.licensing.CapabilityStatus;
import dev.tenantconnect.core.licensing.ServicePlan;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.tenant.AppCredentialInfo;
import dev.tenantconnect.core.tenant.AppRegistrations;
import dev.tenantconnect.core.tenant.ApplicationOwner;
import dev.tenantconnect.core.tenant.CreatedApplication;
import dev.tenantconnect.core.tenant.DirectoryWrites;
import dev.tenantconnect.core.tenant.DnsRecord;
import dev.tenantconnect.core.tenant.NewSecret;
import dev.tenantconnect.core.tenant.NumberOperation;
import dev.tenantconnect.core.tenant.PolicyGrantResult;
import dev.tenantconnect.core.tenant.ServicePrincipalInfo;
import dev.tenantconnect.core.tenant.SkuInfo;
import dev.tenantconnect.core.tenant.TeamsNumberType;
import dev.tenantconnect.core.tenant.TeamsNumbers;
import dev.tenantconnect.core.tenant.TeamsPolicies;
import dev.tenantconnect.core.tenant.TeamsUserSettings;
import dev.tenantconnect.core.tenant.TenantDirectory;
import dev.tenantconnect.core.tenant.TenantInfo;
import dev.tenantconnect.core.tenant.TenantNumber;
import dev.tenantconnect.core.tenant.UserInfo;
import dev.tenantconnect.testkit.Sku;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The state and port implementations behind {@code InMemoryMicrosoftTenants}: one lock, plain maps. Graph's answers
 * it mirrors are those the simulator gives (and the contract test checks): a refusal carries the status and error
 * code Graph uses. Not API.
 */
public final class MemoryCloud {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Clock clock;
    private final Map<TenantId, Tenant> tenants = new LinkedHashMap<>();

    /** @param clock for creation and expiry times */
    public MemoryCloud(Clock clock) {
        this.clock = clock;
    }

    /**
     * A licence SKU bought by a tenant.
     *
     * @param sku the SKU
     * @param units licences bought
     */
    public record SkuUnits(Sku sku, int units) {
    }

    /** One tenant's state; guarded by the cloud's lock. */
    public static final class Tenant {
        /** The tenant ID. */
        public final TenantId id;
        /** The organization's name. */
        public String displayName = "";
        /** Domains, name to verified. */
        public final Map<String, Boolean> domains = new LinkedHashMap<>();
        /** Verification TXT values of unverified domains. */
        final Map<String, String> pendingTxt = new LinkedHashMap<>();
        /** Published DNS TXT records, domain to value. */
        public final Map<String, String> publishedTxt = new LinkedHashMap<>();
        /** SKUs bought. */
        public final Map<UUID, SkuUnits> skus = new LinkedHashMap<>();
        final Map<UUID, User> users = new LinkedHashMap<>();
        final Map<UUID, Long> deleted = new LinkedHashMap<>();
        /** The change counter behind delta links. */
        public long changeSeq;
        /** Delta links older than this have expired. */
        public long deltaValidFrom;
        final Map<String, Number> numbers = new LinkedHashMap<>();
        final Map<String, NumberOperation> operations = new LinkedHashMap<>();
        final Map<String, String> policies = new LinkedHashMap<>();
        final Set<String> graphAssignablePolicyTypes = new LinkedHashSet<>();
        /** Policies granted, user to type to policy ID. */
        public final Map<UUID, Map<String, String>> policyAssignments = new LinkedHashMap<>();
        final Map<UUID, App> apps = new LinkedHashMap<>();
        final Map<UUID, Map<GraphPermission, String>> grants = new LinkedHashMap<>();
        final Map<String, Map.Entry<UUID, DirectoryRole>> roleAssignments = new LinkedHashMap<>();
        final UUID graphServicePrincipal = UUID.randomUUID();

        Tenant(TenantId id) {
            this.id = id;
        }
    }

    static final class User {
        UUID id;
        String upn;
        String displayName;
        String usageLocation;
        boolean resource;
        final Set<UUID> skuIds = new LinkedHashSet<>();
        long version;
    }

    static final class Number {
        PhoneNumber number;
        NumberType type;
        UUID target;
        String locationId;
    }

    static final class App {
        UUID objectId;
        ClientId appId;
        String uniqueName;
        String displayName = "";
        final List<String> tags = new ArrayList<>();
        final List<UUID> owners = new ArrayList<>();
        final Map<UUID, AppCredentialInfo> credentials = new LinkedHashMap<>();
        final Map<String, UUID> thumbprints = new LinkedHashMap<>();
        UUID servicePrincipal;
        boolean operator;
    }

    /** @param action a change to make under the lock */
    public synchronized void run(Runnable action) {
        action.run();
    }

    /**
     * @param read a read to make under the lock
     * @param <T> its result
     * @return the result
     */
    public synchronized <T> T call(Supplier<T> read) {
        return read.get();
    }

    /**
     * @param id a tenant ID
     * @return the tenant, created on first use with the domain {@code t<first 8 hex>.onmicrosoft.com}
     */
    public synchronized Tenant tenant(TenantId id) {
        return tenants.computeIfAbsent(id, k -> {
            Tenant t = new Tenant(k);
            t.domains.put("t" + k.value().substring(0, 8) + ".onmicrosoft.com", true);
            return t;
        });
    }

    /**
     * @param id a tenant ID
     * @return the tenant, if seeded
     */
    public synchronized Optional<Tenant> existing(TenantId id) {
        return Optional.ofNullable(tenants.get(id));
    }

    /**
     * @param t a tenant
     * @param app an application ID
     * @return whether the operator's app is registered there
     */
    public synchronized boolean hasOperatorApp(Tenant t, ClientId app) {
        return t.apps.values().stream().anyMatch(a -> tokenIssuable(a) && a.appId.equals(app));
    }

    /**
     * Entra issues an app-only token to an application that has a service principal in the tenant (client
     * credentials flow: https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow);
     * a seeded operator app has one by construction, an app registered through the port once it was created.
     */
    private static boolean tokenIssuable(App a) {
        return a.operator || a.servicePrincipal != null;
    }

    /**
     * What an app-only token of the operator's app carries: the {@code roles} claim lists the application
     * permissions granted to its service principal, the {@code wids} claim the template IDs of its directory roles
     * (https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference#payload-claims).
     *
     * @param t a tenant
     * @param clientId the operator's application (seeded)
     * @return the granted permissions and the directory role template IDs
     */
    public synchronized Map.Entry<Set<GraphPermission>, Set<UUID>> tokenContents(Tenant t, ClientId clientId) {
        App a = t.apps.values().stream().filter(x -> tokenIssuable(x) && x.appId.equals(clientId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("seed the app first"));
        Set<GraphPermission> roles = Set.copyOf(t.grants.getOrDefault(a.servicePrincipal, Map.of()).keySet());
        Set<UUID> wids = new java.util.LinkedHashSet<>();
        t.roleAssignments.values().stream().filter(e -> e.getKey().equals(a.servicePrincipal))
                .forEach(e -> wids.add(e.getValue().templateId()));
        return Map.entry(roles, Set.copyOf(wids));
    }

    /**
     * @param t a tenant
     * @param clientId the operator's application
     * @param permissions the Graph permissions granted to it
     */
    public synchronized void operatorApp(Tenant t, ClientId clientId, Set<GraphPermission> permissions) {
        App a = t.apps.values().stream().filter(x -> x.appId.equals(clientId)).findFirst().orElseGet(() -> {
            App n = new App();
            n.objectId = UUID.randomUUID();
            n.appId = clientId;
            n.displayName = "Operator app";
            n.servicePrincipal = UUID.randomUUID();
            t.apps.put(n.objectId, n);
            return n;
        });
        a.operator = true;
        Map<GraphPermission, String> granted = t.grants.computeIfAbsent(a.servicePrincipal,
                k -> new LinkedHashMap<>());
        permissions.forEach(p -> granted.putIfAbsent(p, UUID.randomUUID().toString()));
    }

    /**
     * @param t a tenant
     * @param clientId the operator's application
     * @param roles directory roles of its service principal
     */
    public synchronized void operatorRoles(Tenant t, ClientId clientId, Set<DirectoryRole> roles) {
        App a = t.apps.values().stream().filter(x -> x.appId.equals(clientId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("seed the app first"));
        roles.forEach(r -> t.roleAssignments.put(UUID.randomUUID().toString(), Map.entry(a.servicePrincipal, r)));
    }

    /**
     * @param t a tenant
     * @param upn the UPN
     * @param displayName the display name
     * @param usageLocation the usage location, or null
     * @param resource whether it is a resource account
     * @param licenses SKUs assigned
     * @return the object ID
     */
    public synchronized UUID addUser(Tenant t, String upn, String displayName, String usageLocation,
            boolean resource, Sku... licenses) {
        User u = new User();
        u.id = UUID.randomUUID();
        u.upn = UserRef.Upn.parse(upn).value();
        u.displayName = displayName;
        u.usageLocation = usageLocation;
        u.resource = resource;
        for (Sku s : licenses) {
            if (!t.skus.containsKey(s.skuId())) {
                throw new IllegalStateException("seed the SKU " + s.partNumber() + " into the tenant first");
            }
            u.skuIds.add(s.skuId());
        }
        u.version = ++t.changeSeq;
        t.users.put(u.id, u);
        return u.id;
    }

    /**
     * @param t a tenant
     * @param user a user to delete
     */
    public synchronized void deleteUser(Tenant t, UUID user) {
        if (t.users.remove(user) != null) {
            t.deleted.put(user, ++t.changeSeq);
        }
    }

    /**
     * @param t a tenant
     * @param number a number
     * @param type its kind
     */
    public synchronized void addNumber(Tenant t, PhoneNumber number, NumberType type) {
        Number n = new Number();
        n.number = number;
        n.type = type;
        t.numbers.put(number.toString(), n);
    }

    /**
     * @param t a tenant
     * @param type the policy type
     * @param name the policy name
     * @param assignable whether grants of the type are accepted
     * @return the policy ID
     */
    public synchronized String policy(Tenant t, String type, String name, boolean assignable) {
        String id = UUID.nameUUIDFromBytes((type + "/" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
        t.policies.put(type + "/" + name, id);
        if (assignable) {
            t.graphAssignablePolicyTypes.add(type);
        }
        return id;
    }

    /**
     * @param t a tenant
     * @param upn a UPN
     * @return the user's object ID, if any
     */
    public synchronized Optional<UUID> userByUpn(Tenant t, String upn) {
        String wanted = UserRef.Upn.parse(upn).value();
        return t.users.values().stream().filter(u -> u.upn.equalsIgnoreCase(wanted)).map(u -> u.id).findFirst();
    }

    /**
     * @param t a tenant
     * @param number a number
     * @return who holds it, if anyone
     */
    public synchronized Optional<UUID> holder(Tenant t, PhoneNumber number) {
        Number n = t.numbers.get(number.toString());
        return n == null ? Optional.empty() : Optional.ofNullable(n.target);
    }

    private static ServiceException refused(Tenant t, int status, String code, String message) {
        ErrorContext ctx = new ErrorContext(Optional.of(t.id), OptionalInt.of(status), Optional.of(code),
                Optional.empty(), Optional.empty());
        return status == 404 ? new ResourceNotFoundException(message, ctx, null)
                : new ServiceException(message, ctx, Optional.empty(), null);
    }

    private UserInfo info(Tenant t, User u) {
        List<AssignedPlan> plans = new ArrayList<>();
        for (UUID sku : u.skuIds) {
            SkuUnits s = t.skus.get(sku);
            if (s != null) {
                s.sku().servicePlans().forEach(p -> plans.add(new AssignedPlan(p, CapabilityStatus.ENABLED,
                        Optional.empty(), "")));
            }
        }
        return new UserInfo(u.id, Optional.of(UserRef.Upn.parse(u.upn)), Optional.ofNullable(u.usageLocation), plans);
    }

    private Optional<User> find(Tenant t, UserRef ref) {
        if (ref instanceof UserRef.Upn upn) {
            return t.users.values().stream().filter(u -> u.upn.equalsIgnoreCase(upn.value())).findFirst();
        }
        return t.users.values().stream().filter(u -> u.id.toString().equalsIgnoreCase(ref.value())).findFirst();
    }

    private static TenantNumber view(Number n) {
        return new TenantNumber(n.number, TeamsNumberType.of(n.type), n.target == null ? "unassigned"
                : "userAssigned", "activated", Optional.ofNullable(n.target), List.of("userAssignment",
                        "voiceApplicationAssignment"), "", Optional.ofNullable(n.locationId));
    }

    /**
     * @param t a tenant
     * @return its directory reads
     */
    public TenantDirectory directory(Tenant t) {
        return new Directory(t);
    }

    /**
     * @param t a tenant
     * @return its Teams numbers
     */
    public TeamsNumbers numbers(Tenant t) {
        return new Numbers(t);
    }

    /**
     * @param t a tenant
     * @return its policy grants
     */
    public TeamsPolicies policies(Tenant t) {
        return new Policies(t);
    }

    /**
     * @param t a tenant
     * @return its directory writes
     */
    public DirectoryWrites writes(Tenant t) {
        return new Writes(t);
    }

    /**
     * @param t a tenant
     * @return its app-registration writes
     */
    public AppRegistrations apps(Tenant t) {
        return new Apps(t);
    }

    private final class Directory implements TenantDirectory {
        private final Tenant t;

        Directory(Tenant t) {
            this.t = t;
        }

        @Override
        public TenantId tenant() {
            return t.id;
        }

        @Override
        public TenantInfo organization() {
            return call(() -> new TenantInfo(t.id, t.displayName, t.domains.entrySet().stream()
                    .filter(Map.Entry::getValue).map(Map.Entry::getKey).toList()));
        }

        @Override
        public Optional<ServicePrincipalInfo> servicePrincipal(ClientId appId) {
            return call(() -> t.apps.values().stream().filter(a -> a.appId.equals(appId) && a.servicePrincipal != null)
                    .findFirst().map(a -> new ServicePrincipalInfo(a.servicePrincipal, a.appId.value(),
                            a.displayName, true)));
        }

        @Override
        public Set<DirectoryRole> directoryRoles(UUID principalId) {
            return call(() -> {
                Set<DirectoryRole> out = new LinkedHashSet<>();
                t.roleAssignments.values().stream().filter(e -> e.getKey().equals(principalId))
                        .forEach(e -> out.add(e.getValue()));
                return out;
            });
        }

        @Override
        public Set<GraphPermission> grantedGraphPermissions(UUID principalId) {
            return call(() -> {
                if (t.apps.values().stream().noneMatch(a -> principalId.equals(a.servicePrincipal))) {
                    throw refused(t, 404, "Request_ResourceNotFound", "read app role assignments: the service "
                            + "principal does not exist in this tenant");
                }
                return Set.copyOf(t.grants.getOrDefault(principalId, Map.of()).keySet());
            });
        }

        @Override
        public Optional<UserInfo> user(UserRef user) {
            return call(() -> find(t, user).map(u -> info(t, u)));
        }

        @Override
        public Map<UserRef, Optional<UserInfo>> users(Collection<? extends UserRef> users) {
            return call(() -> {
                Map<UserRef, Optional<UserInfo>> out = new LinkedHashMap<>();
                for (UserRef r : users) {
                    out.putIfAbsent(r, find(t, r).map(u -> info(t, u)));
                }
                return out;
            });
        }

        @Override
        public List<UserInfo> usersByDisplayName(String displayName) {
            return call(() -> t.users.values().stream().filter(u -> displayName.equals(u.displayName))
                    .map(u -> info(t, u)).toList());
        }

        @Override
        public Optional<UserDelta> usersDelta(Optional<String> deltaLink) {
            return call(() -> {
                long from = 0;
                if (deltaLink.isPresent()) {
                    from = Long.parseLong(deltaLink.get().substring(deltaLink.get().lastIndexOf('=') + 1));
                    if (from < t.deltaValidFrom) {
                        return Optional.empty();
                    }
                }
                long since = from;
                List<UserInfo> changed = t.users.values().stream().filter(u -> u.version > since)
                        .map(u -> info(t, u)).toList();
                List<UUID> removed = deltaLink.isEmpty() ? List.of() : t.deleted.entrySet().stream()
                        .filter(e -> e.getValue() > since).map(Map.Entry::getKey).toList();
                return Optional.of(new UserDelta(changed, removed, "memory://" + t.id.value()
                        + "/users/delta?token=" + t.changeSeq));
            });
        }

        @Override
        public Optional<ChangesAndNumbers> changesAndNumbers(String deltaLink) {
            return call(() -> usersDelta(Optional.of(deltaLink)).map(d -> new ChangesAndNumbers(d,
                    t.numbers.values().stream().map(MemoryCloud::view).toList())));
        }

        @Override
        public List<SkuInfo> subscribedSkus() {
            return call(() -> t.skus.values().stream().map(s -> new SkuInfo(s.sku().skuId(), s.sku().partNumber(),
                    s.units(), (int) t.users.values().stream().filter(u -> u.skuIds.contains(s.sku().skuId()))
                            .count(), Set.copyOf(s.sku().servicePlans()))).toList());
        }
    }

    private final class Numbers implements TeamsNumbers {
        private final Tenant t;

        Numbers(Tenant t) {
            this.t = t;
        }

        @Override
        public List<TenantNumber> list() {
            return call(() -> t.numbers.values().stream().map(MemoryCloud::view).toList());
        }

        @Override
        public List<TenantNumber> assignedTo(UUID target) {
            return call(() -> t.numbers.values().stream().filter(n -> target.equals(n.target))
                    .map(MemoryCloud::view).toList());
        }

        @Override
        public void forEachPage(Consumer<List<TenantNumber>> page) {
            List<TenantNumber> all = list();
            for (int from = 0; from < all.size(); from += 1000) {
                page.accept(all.subList(from, Math.min(all.size(), from + 1000)));
            }
        }

        @Override
        public Optional<TenantNumber> find(PhoneNumber number) {
            return call(() -> Optional.ofNullable(t.numbers.get(number.toString())).map(MemoryCloud::view));
        }

        private Number number(PhoneNumber number, NumberType type, String operation) {
            Number n = t.numbers.get(number.toString());
            if (n == null) {
                throw refused(t, 404, "NotFound", operation + ": the telephone number was not found in the tenant");
            }
            if (n.type != type) {
                throw refused(t, 400, "BadRequest", operation + ": numberType " + TeamsNumbers.graphText(type)
                        + " does not match the number's type");
            }
            return n;
        }

        private NumberOperation started(PhoneNumber number) {
            String id = UUID.randomUUID().toString();
            t.operations.put(id, new NumberOperation(id, "succeeded", Optional.empty()));
            return new NumberOperation(id, "notStarted", Optional.empty());
        }

        @Override
        public NumberOperation beginAssign(PhoneNumber number, UUID target, NumberType numberType,
                Optional<String> locationId) {
            return call(() -> {
                Number n = number(number, numberType, "assign number");
                if (n.target != null) {
                    throw refused(t, 400, "BadRequest", "assign number: the telephone number is already assigned");
                }
                if (!t.users.containsKey(target)) {
                    throw refused(t, 404, "Request_ResourceNotFound", "assign number: the user does not exist");
                }
                if (t.numbers.values().stream().anyMatch(x -> target.equals(x.target))) {
                    throw refused(t, 400, "BadRequest", "assign number: the user already has a primary telephone "
                            + "number assigned; remove it before assigning another");
                }
                n.target = target;
                n.locationId = locationId.orElse(null);
                return started(number);
            });
        }

        @Override
        public NumberOperation beginUnassign(PhoneNumber number, NumberType numberType) {
            return call(() -> {
                Number n = number(number, numberType, "unassign number");
                if (n.target == null) {
                    throw refused(t, 400, "BadRequest", "unassign number: the telephone number is not assigned");
                }
                n.target = null;
                return started(number);
            });
        }

        @Override
        public Optional<NumberOperation> status(String operationId) {
            return call(() -> Optional.ofNullable(t.operations.get(operationId)));
        }

        @Override
        public NumberOperation await(String operationId) {
            return status(operationId).orElseThrow(() -> refused(t, 404, "NotFound", "number operation "
                    + operationId + " was not found"));
        }

        @Override
        public Optional<TeamsUserSettings> userSettings(UUID user) {
            return call(() -> Optional.ofNullable(t.users.get(user)).map(this::settings));
        }

        private TeamsUserSettings settings(User u) {
            List<PhoneNumber> held = t.numbers.values().stream().filter(n -> u.id.equals(n.target))
                    .map(n -> n.number).toList();
            return new TeamsUserSettings(u.id, u.resource ? "resourceAccount" : "user", !held.isEmpty(), held,
                    t.policyAssignments.getOrDefault(u.id, Map.of()));
        }

        @Override
        public List<TeamsUserSettings> allUserSettings() {
            return call(() -> t.users.values().stream().map(this::settings).toList());
        }

        @Override
        public void updateLocation(PhoneNumber number, String locationId) {
            run(() -> {
                Number n = t.numbers.get(number.toString());
                if (n == null) {
                    throw refused(t, 404, "NotFound", "update number: the telephone number was not found");
                }
                n.locationId = locationId.isEmpty() ? null : locationId;
            });
        }
    }

    private final class Policies implements TeamsPolicies {
        private final Tenant t;

        Policies(Tenant t) {
            this.t = t;
        }

        @Override
        public Optional<String> policyId(String type, String name) {
            return call(() -> Optional.ofNullable(t.policies.get(type + "/" + name)));
        }

        @Override
        public PolicyGrantResult grant(UUID user, String type, String name) {
            return call(() -> {
                String id = t.policies.get(type + "/" + name);
                if (id == null) {
                    return new PolicyGrantResult(type, name, PolicyGrantResult.Outcome.POLICY_NOT_FOUND,
                            "the tenant has no " + type + " named " + name);
                }
                if (!t.graphAssignablePolicyTypes.contains(type)) {
                    return new PolicyGrantResult(type, name, PolicyGrantResult.Outcome.UNSUPPORTED_BY_GRAPH,
                            "Graph refused the policy type (BadRequest); grant it with Teams PowerShell (Grant-Cs"
                                    + type + ")");
                }
                t.policyAssignments.computeIfAbsent(user, k -> new LinkedHashMap<>()).put(type, id);
                return new PolicyGrantResult(type, name, PolicyGrantResult.Outcome.APPLIED, "");
            });
        }
    }

    private final class Writes implements DirectoryWrites {
        private final Tenant t;

        Writes(Tenant t) {
            this.t = t;
        }

        @Override
        public Optional<Boolean> domainVerified(String name) {
            return call(() -> Optional.ofNullable(t.domains.get(name.toLowerCase(Locale.ROOT))));
        }

        @Override
        public void addDomain(String name) {
            run(() -> {
                String key = name.toLowerCase(Locale.ROOT);
                if (t.domains.containsKey(key)) {
                    throw refused(t, 409, "Request_BadRequest", "add domain: domain " + key + " already exists");
                }
                t.domains.put(key, false);
                t.pendingTxt.put(key, "MS=ms" + (10_000_000 + RANDOM.nextInt(90_000_000)));
            });
        }

        @Override
        public List<DnsRecord> verificationRecords(String name) {
            return call(() -> {
                String key = name.toLowerCase(Locale.ROOT);
                if (!t.domains.containsKey(key)) {
                    throw refused(t, 404, "Request_ResourceNotFound", "read verification records: domain " + key
                            + " does not exist");
                }
                String txt = t.pendingTxt.get(key);
                return txt == null ? List.of() : List.of(new DnsRecord("TXT", key, txt, 3600), new DnsRecord("MX",
                        key, txt.substring(3).toLowerCase(Locale.ROOT) + ".msv1.invalid", 3600, OptionalInt.of(32767)));
            });
        }

        @Override
        public boolean verifyDomain(String name) {
            return call(() -> {
                String key = name.toLowerCase(Locale.ROOT);
                String txt = t.pendingTxt.get(key);
                if (txt == null) {
                    return Boolean.TRUE.equals(t.domains.get(key));
                }
                if (!txt.equals(t.publishedTxt.get(key))) {
                    return false;
                }
                t.pendingTxt.remove(key);
                t.domains.put(key, true);
                return true;
            });
        }

        @Override
        public Optional<UUID> findUser(UserRef.Upn upn) {
            return call(() -> find(t, upn).map(u -> u.id));
        }

        @Override
        public UUID createUser(UserRef.Upn upn, String displayName, String usageLocation) {
            return call(() -> {
                if (find(t, upn).isPresent()) {
                    throw refused(t, 400, "Request_BadRequest", "create user: another object with the same value "
                            + "for property userPrincipalName already exists");
                }
                return addUser(t, upn.value(), displayName, usageLocation, false);
            });
        }

        @Override
        public void assignLicense(UUID user, UUID skuId) {
            run(() -> {
                User u = t.users.get(user);
                if (u == null) {
                    throw refused(t, 404, "Request_ResourceNotFound", "assign licence: the user does not exist");
                }
                if (!t.skus.containsKey(skuId)) {
                    throw refused(t, 400, "Request_BadRequest", "assign licence: the tenant has no SKU " + skuId);
                }
                u.skuIds.add(skuId);
                u.version = ++t.changeSeq;
            });
        }

        @Override
        public void deleteUser(UUID user) {
            run(() -> {
                if (!t.users.containsKey(user)) {
                    throw refused(t, 404, "Request_ResourceNotFound", "delete user: the user does not exist");
                }
                MemoryCloud.this.deleteUser(t, user);
            });
        }
    }

    private final class Apps implements AppRegistrations {
        private final Tenant t;

        Apps(Tenant t) {
            this.t = t;
        }

        private App byObjectId(UUID objectId, String operation) {
            App a = t.apps.get(objectId);
            if (a == null) {
                throw refused(t, 404, "Request_ResourceNotFound", operation + ": the application does not exist");
            }
            return a;
        }

        private App byAppId(ClientId appId, String operation) {
            return t.apps.values().stream().filter(a -> a.appId.equals(appId)).findFirst().orElseThrow(() ->
                    refused(t, 404, "Request_ResourceNotFound", operation + ": the application does not exist"));
        }

        @Override
        public Optional<CreatedApplication> findByUniqueName(String uniqueName) {
            return call(() -> t.apps.values().stream().filter(a -> uniqueName.equals(a.uniqueName)).findFirst()
                    .map(a -> new CreatedApplication(a.objectId, a.appId, a.displayName, false)));
        }

        @Override
        public CreatedApplication upsert(String uniqueName, String displayName, List<String> tags) {
            return call(() -> {
                Optional<App> existing = t.apps.values().stream().filter(a -> uniqueName.equals(a.uniqueName))
                        .findFirst();
                if (existing.isPresent()) {
                    App a = existing.get();
                    a.displayName = displayName;
                    a.tags.clear();
                    a.tags.addAll(tags);
                    return new CreatedApplication(a.objectId, a.appId, a.displayName, false);
                }
                App a = new App();
                a.objectId = UUID.randomUUID();
                a.appId = ClientId.parse(UUID.randomUUID().toString());
                a.uniqueName = uniqueName;
                a.displayName = displayName;
                a.tags.addAll(tags);
                t.apps.put(a.objectId, a);
                return new CreatedApplication(a.objectId, a.appId, a.displayName, true);
            });
        }

        @Override
        public List<String> tags(UUID objectId) {
            return call(() -> List.copyOf(byObjectId(objectId, "read application").tags));
        }

        @Override
        public List<ApplicationOwner> owners(UUID objectId) {
            return call(() -> {
                List<ApplicationOwner> out = new ArrayList<>();
                for (UUID o : byObjectId(objectId, "read application owners").owners) {
                    User u = t.users.get(o);
                    Optional<App> sp = t.apps.values().stream().filter(a -> o.equals(a.servicePrincipal)).findFirst();
                    out.add(u != null ? new ApplicationOwner(o, ApplicationOwner.Kind.USER, u.upn) : sp.isPresent()
                            ? new ApplicationOwner(o, ApplicationOwner.Kind.SERVICE_PRINCIPAL, sp.get().displayName)
                            : new ApplicationOwner(o, ApplicationOwner.Kind.OTHER, o.toString()));
                }
                return out;
            });
        }

        @Override
        public void addOwner(UUID objectId, UUID owner) {
            run(() -> {
                App a = byObjectId(objectId, "add application owner");
                if (a.owners.contains(owner)) {
                    throw refused(t, 400, "Request_BadRequest", "add application owner: one or more added object "
                            + "references already exist");
                }
                a.owners.add(owner);
            });
        }

        @Override
        public List<AppCredentialInfo> credentials(ClientId appId) {
            return call(() -> List.copyOf(byAppId(appId, "read application").credentials.values()));
        }

        @Override
        public Optional<UUID> replaceCertificates(UUID objectId, Optional<X509Certificate> add, String displayName,
                Set<UUID> remove) {
            return call(() -> {
                App a = byObjectId(objectId, "update certificates");
                remove.forEach(k -> {
                    a.credentials.remove(k);
                    a.thumbprints.values().remove(k);
                });
                return add.map(c -> certificate(a, c, displayName));
            });
        }

        private UUID certificate(App a, X509Certificate c, String displayName) {
            UUID keyId = UUID.randomUUID();
            a.credentials.put(keyId, new AppCredentialInfo(keyId, AppCredentialInfo.Kind.CERTIFICATE, displayName,
                    Optional.of(c.getNotAfter().toInstant())));
            try {
                a.thumbprints.put(HexFormat.of().withUpperCase().formatHex(java.security.MessageDigest
                        .getInstance("SHA-1").digest(c.getEncoded())), keyId);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            return keyId;
        }

        @Override
        public Optional<UUID> findServicePrincipal(ClientId appId) {
            return call(() -> t.apps.values().stream().filter(a -> a.appId.equals(appId))
                    .map(a -> a.servicePrincipal).filter(java.util.Objects::nonNull).findFirst());
        }

        @Override
        public UUID createServicePrincipal(ClientId appId) {
            return call(() -> {
                App a = byAppId(appId, "create service principal");
                if (a.servicePrincipal != null) {
                    throw refused(t, 409, "Request_MultipleObjectsWithSameKeyValue", "create service principal: "
                            + "the application already has one");
                }
                a.servicePrincipal = UUID.randomUUID();
                return a.servicePrincipal;
            });
        }

        @Override
        public UUID graphServicePrincipal() {
            return t.graphServicePrincipal;
        }

        @Override
        public Map<GraphPermission, String> grants(UUID servicePrincipal) {
            return call(() -> Map.copyOf(t.grants.getOrDefault(servicePrincipal, Map.of())));
        }

        @Override
        public void grant(UUID servicePrincipal, UUID graphServicePrincipal, GraphPermission permission) {
            run(() -> t.grants.computeIfAbsent(servicePrincipal, k -> new LinkedHashMap<>())
                    .putIfAbsent(permission, UUID.randomUUID().toString()));
        }

        @Override
        public void revoke(UUID servicePrincipal, String grantId) {
            run(() -> t.grants.getOrDefault(servicePrincipal, new LinkedHashMap<>()).values().remove(grantId));
        }

        @Override
        public Map<DirectoryRole, String> roleAssignments(UUID servicePrincipal) {
            return call(() -> {
                Map<DirectoryRole, String> out = new LinkedHashMap<>();
                t.roleAssignments.forEach((id, e) -> {
                    if (e.getKey().equals(servicePrincipal)) {
                        out.put(e.getValue(), id);
                    }
                });
                return out;
            });
        }

        @Override
        public void assignRole(UUID servicePrincipal, DirectoryRole role) {
            run(() -> t.roleAssignments.put(UUID.randomUUID().toString(), Map.entry(servicePrincipal, role)));
        }

        @Override
        public void removeRoleAssignment(String assignmentId) {
            run(() -> {
                if (t.roleAssignments.remove(assignmentId) == null) {
                    throw refused(t, 404, "Request_ResourceNotFound", "remove role assignment: it does not exist");
                }
            });
        }

        @Override
        public UUID objectId(ClientId appId) {
            return call(() -> byAppId(appId, "read application").objectId);
        }

        @Override
        public NewSecret addPassword(ClientId appId, String displayName, Instant expiresAt) {
            return call(() -> {
                App a = byAppId(appId, "add password");
                UUID keyId = UUID.randomUUID();
                byte[] raw = new byte[30];
                RANDOM.nextBytes(raw);
                a.credentials.put(keyId, new AppCredentialInfo(keyId, AppCredentialInfo.Kind.SECRET, displayName,
                        Optional.of(expiresAt)));
                return new NewSecret(keyId, Secret.of(java.util.Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(raw)), expiresAt);
            });
        }

        @Override
        public UUID addCertificate(ClientId appId, X509Certificate certificate, ClientCertificateCredential signer) {
            return call(() -> {
                App a = byAppId(appId, "add certificate");
                if (a.thumbprints.keySet().stream().noneMatch(signer.thumbprint()::equalsIgnoreCase)) {
                    throw refused(t, 400, "Request_BadRequest", "add certificate: the proof of possession is not "
                            + "signed with a certificate of the application");
                }
                return certificate(a, certificate, "");
            });
        }

        @Override
        public void removeCertificate(ClientId appId, UUID keyId, ClientCertificateCredential signer) {
            run(() -> {
                App a = byAppId(appId, "remove certificate");
                if (a.credentials.remove(keyId) == null) {
                    throw refused(t, 404, "Request_ResourceNotFound", "remove certificate: no key credential "
                            + keyId);
                }
                a.thumbprints.values().remove(keyId);
            });
        }

        @Override
        public Map<String, UUID> certificateKeyIds(ClientId appId) {
            return call(() -> Map.copyOf(byAppId(appId, "read application").thumbprints));
        }

        @Override
        public void removePassword(ClientId appId, UUID keyId) {
            run(() -> {
                App a = byAppId(appId, "remove password");
                AppCredentialInfo c = a.credentials.get(keyId);
                if (c == null || c.kind() != AppCredentialInfo.Kind.SECRET) {
                    throw refused(t, 400, "Request_BadRequest", "remove password: no password credential " + keyId);
                }
                a.credentials.remove(keyId);
            });
        }
    }
}
