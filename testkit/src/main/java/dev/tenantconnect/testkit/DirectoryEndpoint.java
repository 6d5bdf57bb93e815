package dev.tenantconnect.testkit;

import dev.tenantconnect.testkit.internal.LeakHook;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.testkit.SimError;
import dev.tenantconnect.testkit.GraphEndpoint.Route;
import dev.tenantconnect.testkit.internal.CloudState;
import dev.tenantconnect.testkit.internal.Jwt;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directory side of the simulated Graph: creating users and licensing them, the users delta query, app
 * registrations and their secrets and certificates, service principals, app-role (permission) grants, directory role
 * assignments and definitions, and custom domains with DNS verification. Callers hold the state's monitor.
 */
final class DirectoryEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern USER = Pattern.compile("/users/([^/]+)");
    private static final Pattern ASSIGN_LICENSE = Pattern.compile("/users/([^/]+)/assignLicense");
    private static final Pattern APP = Pattern.compile("/applications/([^/]+)");
    private static final Pattern APP_BY_APP_ID = Pattern.compile("/applications\\(appId='([^']+)'\\)");
    private static final Pattern APP_BY_UNIQUE_NAME = Pattern.compile("/applications\\(uniqueName='([^']+)'\\)");
    private static final Pattern APP_OWNERS = Pattern.compile("/applications/([^/]+)/owners(/\\$ref)?");
    private static final Pattern APP_ACTION =
            Pattern.compile("/applications/([^/]+)/(addPassword|removePassword|addKey|removeKey)");
    private static final Pattern SP_BY_APP_ID = Pattern.compile("/servicePrincipals\\(appId='([^']+)'\\)");
    private static final Pattern GRANT = Pattern.compile("/servicePrincipals/([^/]+)/(appRoleAssignments|appRoleAssignedTo)");
    private static final Pattern GRANT_ITEM = Pattern.compile("/servicePrincipals/([^/]+)/appRoleAssignments/([^/]+)");
    private static final Pattern ROLE_ASSIGNMENT = Pattern.compile("/roleManagement/directory/roleAssignments/([^/]+)");
    private static final Pattern DOMAIN = Pattern.compile("/domains/([^/]+)");
    private static final Pattern DOMAIN_RECORDS = Pattern.compile("/domains/([^/]+)/verificationDnsRecords");
    private static final Pattern DOMAIN_VERIFY = Pattern.compile("/domains/([^/]+)/verify");
    /** The app ID of the Microsoft Graph service principal in every tenant. */
    private static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

    private final Clock clock;
    private final Faults faults;
    private final Supplier<String> graphBase;
    private final GraphEndpoint graph;

    DirectoryEndpoint(Clock clock, Faults faults, Supplier<String> graphBase, GraphEndpoint graph) {
        this.clock = clock;
        this.faults = faults;
        this.graphBase = graphBase;
        this.graph = graph;
    }

    private static Optional<Route> r(AccessRule rule, boolean write, Function<CloudState.Tenant, SimResponse> h) {
        return Optional.of(new Route(rule, write, h));
    }

    Optional<Route> route(SimRequest req, String path) {
        String m = req.method;
        Matcher x;
        // users
        if (m.equals("POST") && path.equals("/users")) {
            return r(PermissionRules.USERS_CREATE, true, t -> createUser(t, body(req)));
        }
        if (m.equals("GET") && (path.equals("/users/delta") || path.equals("/users/delta()"))) {
            return r(PermissionRules.USERS_DELTA, false, t -> delta(t, req));
        }
        if (m.equals("POST") && (x = ASSIGN_LICENSE.matcher(path)).matches()) {
            String id = x.group(1);
            return r(PermissionRules.ASSIGN_LICENSE, true, t -> assignLicense(t, id, body(req)));
        }
        if (m.equals("DELETE") && (x = USER.matcher(path)).matches()) {
            String id = x.group(1);
            return r(PermissionRules.USERS_DELETE, true, t -> deleteUser(t, id));
        }
        // applications
        if (m.equals("POST") && path.equals("/applications")) {
            return r(PermissionRules.APPLICATIONS_CREATE, true,
                    t -> {
                        ApplicationRules.create(req.caller);
                        return createApplication(t, body(req), null, req.caller);
                    });
        }
        if ((x = APP_BY_UNIQUE_NAME.matcher(path)).matches() && (m.equals("GET") || m.equals("PATCH"))) {
            String unique = x.group(1);
            if (m.equals("GET")) {
                return r(PermissionRules.APPLICATIONS_GET, false, t -> GraphEndpoint.ok(appJson(findApp(t,
                        a -> unique.equals(a.uniqueName)), req)));
            }
            return r(PermissionRules.APPLICATIONS_UPSERT, true,
                    t -> upsertApplication(t, unique, req));
        }
        if ((x = APP_OWNERS.matcher(path)).matches() && (m.equals("GET") || m.equals("POST") && x.group(2) != null)) {
            String id = x.group(1);
            if (m.equals("GET")) {
                return r(PermissionRules.APPLICATIONS_OWNERS, false, t -> owners(t, findApp(t,
                        a -> id.equalsIgnoreCase(a.objectId.toString()))));
            }
            return r(PermissionRules.APPLICATIONS_ADD_OWNER, true,
                    t -> addOwner(t, findApp(t, a -> id.equalsIgnoreCase(a.objectId.toString())), req));
        }
        if (m.equals("GET") && path.equals("/applications")) {
            return r(PermissionRules.APPLICATIONS_LIST, false, t -> listApplications(t, req));
        }
        if (m.equals("POST") && (x = APP_ACTION.matcher(path)).matches()) {
            String id = x.group(1);
            String action = x.group(2);
            return r(credentialRule(action), true,
                    t -> {
                        CloudState.App app = findApp(t, a -> id.equalsIgnoreCase(a.objectId.toString()));
                        if (action.endsWith("Password")) {
                            ApplicationRules.manage(req.caller, app);
                        }
                        return appAction(t, app, action, body(req));
                    });
        }
        if ((x = APP_BY_APP_ID.matcher(path)).matches() || (x = APP.matcher(path)).matches()) {
            boolean byAppId = path.startsWith("/applications(");
            String id = x.group(1);
            Function<CloudState.Tenant, CloudState.App> find = t -> findApp(t, a -> id.equalsIgnoreCase(
                    (byAppId ? a.clientId : a.objectId).toString()));
            switch (m) {
                case "GET":
                    return r(PermissionRules.APPLICATIONS_GET, false, t -> GraphEndpoint.ok(appJson(find.apply(t),
                            req)));
                case "PATCH":
                    return r(PermissionRules.APPLICATIONS_UPDATE, true,
                            t -> {
                                CloudState.App a = find.apply(t);
                                ApplicationRules.manage(req.caller, a);
                                return patchApplication(a, body(req));
                            });
                case "DELETE":
                    return r(PermissionRules.APPLICATIONS_DELETE, true,
                            t -> {
                                CloudState.App a = find.apply(t);
                                ApplicationRules.manage(req.caller, a);
                                t.apps.remove(a.clientId);
                                return noContent();
                            });
                default:
                    return Optional.empty();
            }
        }
        // service principals and permission grants
        if (m.equals("GET") && (x = SP_BY_APP_ID.matcher(path)).matches() && x.group(1).equalsIgnoreCase(GRAPH_APP_ID)) {
            return r(PermissionRules.SERVICE_PRINCIPALS_GET, false, t -> GraphEndpoint.ok(graphServicePrincipal()));
        }
        if (m.equals("POST") && path.equals("/servicePrincipals")) {
            return r(PermissionRules.SERVICE_PRINCIPALS_CREATE, true,
                    t -> createServicePrincipal(t, body(req)));
        }
        if (m.equals("POST") && (x = GRANT.matcher(path)).matches()) {
            return r(PermissionRules.SERVICE_PRINCIPALS_GRANT, true, t -> grant(t, body(req)));
        }
        if (m.equals("DELETE") && (x = GRANT_ITEM.matcher(path)).matches()) {
            String sp = x.group(1);
            String id = x.group(2);
            return r(PermissionRules.SERVICE_PRINCIPALS_REVOKE, true, t -> revoke(t, sp, id));
        }
        // directory roles
        if (m.equals("POST") && path.equals("/roleManagement/directory/roleAssignments")) {
            return r(PermissionRules.ROLE_ASSIGNMENTS_CREATE, true, t -> assignRole(t, body(req)));
        }
        if (m.equals("DELETE") && (x = ROLE_ASSIGNMENT.matcher(path)).matches()) {
            String id = x.group(1);
            return r(PermissionRules.ROLE_ASSIGNMENTS_DELETE, true, t -> removeRole(t, id));
        }
        if (m.equals("GET") && path.equals("/roleManagement/directory/roleDefinitions")) {
            return r(PermissionRules.ROLE_DEFINITIONS_LIST, false,
                    t -> roleDefinitions());
        }
        // domains
        if (m.equals("GET") && path.equals("/domains")) {
            return r(PermissionRules.DOMAINS_LIST, false, this::domains);
        }
        if (m.equals("POST") && path.equals("/domains")) {
            return r(PermissionRules.DOMAINS_CREATE, true, t -> addDomain(t, body(req)));
        }
        if (m.equals("GET") && (x = DOMAIN_RECORDS.matcher(path)).matches()) {
            String name = x.group(1);
            return r(PermissionRules.DOMAINS_VERIFICATION_RECORDS, false, t -> dnsRecords(t, name));
        }
        if (m.equals("POST") && (x = DOMAIN_VERIFY.matcher(path)).matches()) {
            String name = x.group(1);
            return r(PermissionRules.DOMAINS_VERIFY, true, t -> verifyDomain(t, name));
        }
        if ((x = DOMAIN.matcher(path)).matches() && (m.equals("GET") || m.equals("DELETE"))) {
            String name = x.group(1).toLowerCase(Locale.ROOT);
            return m.equals("GET")
                    ? r(PermissionRules.DOMAINS_GET, false, t -> GraphEndpoint.ok(domainJson(t, name)))
                    : r(PermissionRules.DOMAINS_DELETE, true, t -> deleteDomain(t, name));
        }
        return Optional.empty();
    }

    private static AccessRule credentialRule(String action) {
        return switch (action) {
            case "addPassword" -> PermissionRules.APPLICATIONS_ADD_PASSWORD;
            case "removePassword" -> PermissionRules.APPLICATIONS_REMOVE_PASSWORD;
            case "addKey" -> PermissionRules.APPLICATIONS_ADD_KEY;
            default -> PermissionRules.APPLICATIONS_REMOVE_KEY;
        };
    }

    private static JsonNode body(SimRequest req) {
        try {
            return JSON.readTree(req.body.isEmpty() ? "{}" : req.body);
        } catch (Exception e) {
            throw new SimError(400, "BadRequest", "The request body is not valid JSON.");
        }
    }

    private static String required(JsonNode body, String field) {
        return GraphEndpoint.text(body, field).filter(s -> !s.isBlank()).orElseThrow(() -> new SimError(400,
                "Request_BadRequest", "Property '" + field + "' is required."));
    }

    private static SimResponse noContent() {
        SimResponse r = new SimResponse();
        r.status = 204;
        return r;
    }

    private static SimResponse created(ObjectNode body) {
        return SimResponse.json(201, body.toString());
    }

    // ---- users ---------------------------------------------------------------------------------------------

    private SimResponse createUser(CloudState.Tenant t, JsonNode body) {
        String upn;
        try {
            upn = UserRef.Upn.parse(required(body, "userPrincipalName")).value();
        } catch (RuntimeException e) {
            throw new SimError(400, "Request_BadRequest", "Invalid value specified for property "
                    + "'userPrincipalName' of resource 'User'.");
        }
        String domain = upn.substring(upn.indexOf('@') + 1);
        if (!t.domains.contains(domain)) {
            throw new SimError(400, "Request_BadRequest", "The domain portion of the userPrincipalName property "
                    + "is invalid. You must use one of the verified domain names in your organization.");
        }
        if (t.users.values().stream().anyMatch(u -> u.upn.equals(upn))) {
            throw new SimError(400, "Request_BadRequest", "Another object with the same value for property "
                    + "userPrincipalName already exists.");
        }
        CloudState.User u = new CloudState.User();
        u.id = UUID.randomUUID();
        u.upn = upn;
        u.displayName = required(body, "displayName");
        u.usageLocation = GraphEndpoint.text(body, "usageLocation").orElse(null);
        u.createdAt = clock.instant();
        u.version = ++t.changeSeq;
        t.users.put(u.id, u);
        return created(graph.userJson(t, u));
    }

    private SimResponse deleteUser(CloudState.Tenant t, String id) {
        CloudState.User u = graph.findUser(t, id);
        t.users.remove(u.id);
        t.deletedUsers.put(u.id, ++t.changeSeq);
        t.numbers.values().stream().filter(n -> u.id.equals(n.assignmentTargetId)).forEach(n -> {
            n.assignmentTargetId = null;
            n.assignmentStatus = "unassigned";
        });
        return noContent();
    }

    private SimResponse assignLicense(CloudState.Tenant t, String id, JsonNode body) {
        CloudState.User u = graph.findUser(t, id);
        JsonNode add = body.get("addLicenses");
        JsonNode remove = body.get("removeLicenses");
        if (add == null || remove == null || !add.isArray() || !remove.isArray()) {
            throw new SimError(400, "Request_BadRequest", "addLicenses and removeLicenses are required.");
        }
        if (add.size() > 0 && u.usageLocation == null) {
            throw new SimError(400, "Request_BadRequest",
                    "License assignment cannot be done for user with invalid usage location.");
        }
        List<UUID> toAdd = new ArrayList<>();
        for (JsonNode l : add) {
            UUID sku = uuid(l.path("skuId").asText(), "skuId");
            CloudState.Sku s = t.skus.get(sku);
            if (s == null) {
                throw new SimError(400, "Request_BadRequest", "License " + sku + " does not correspond to a valid "
                        + "company License.");
            }
            long used = t.users.values().stream().filter(x -> x.skuIds.contains(sku)).count();
            if (!u.skuIds.contains(sku) && used >= s.enabledUnits) {
                throw new SimError(400, "Request_BadRequest", "Subscription " + s.partNumber
                        + " does not have any available licenses.");
            }
            toAdd.add(sku);
        }
        for (JsonNode l : add) {
            UUID sku = uuid(l.path("skuId").asText(), "skuId");
            Set<UUID> disabled = new java.util.LinkedHashSet<>();
            l.path("disabledPlans").forEach(p -> disabled.add(uuid(p.asText(), "disabledPlans")));
            u.disabledPlans.put(sku, disabled);
        }
        u.skuIds.addAll(toAdd);
        remove.forEach(r -> {
            UUID sku = uuid(r.asText(), "removeLicenses");
            u.skuIds.remove(sku);
            u.disabledPlans.remove(sku);
        });
        u.version = ++t.changeSeq;
        return GraphEndpoint.ok(graph.userJson(t, u));
    }

    private static UUID uuid(String s, String field) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new SimError(400, "Request_BadRequest", "Invalid GUID in " + field + ".");
        }
    }

    /** Delta tokens encode {@code changeSeq.select}; skip tokens {@code offset.startSeq.select}. */
    private SimResponse delta(CloudState.Tenant t, SimRequest req) {
        Optional<String> deltaToken = req.query("$deltatoken");
        Optional<String> skipToken = req.query("$skiptoken");
        String selectText = req.query("$select").orElse("");
        long since = -1;
        long startSeq = t.changeSeq;
        int offset = 0;
        if (deltaToken.isPresent()) {
            String[] p = decode(deltaToken.get());
            since = Long.parseLong(p[0]);
            selectText = p.length > 1 ? p[1] : "";
            if (since < t.deltaTokensValidFrom) {
                throw new SimError(410, "SyncStateNotFound",
                        "The sync state generation is not found. Resync is required.");
            }
        } else if (skipToken.isPresent()) {
            String[] p = decode(skipToken.get());
            offset = Integer.parseInt(p[0]);
            startSeq = Long.parseLong(p[1]);
            selectText = p.length > 2 ? p[2] : "";
        }
        Set<String> select = selectText.isEmpty() ? Set.of() : Set.of(selectText.split(","));
        List<ObjectNode> items = new ArrayList<>();
        if (since >= 0) {
            long from = since;
            graph.visibleUsers(t).stream().filter(u -> u.version > from)
                    .forEach(u -> items.add(GraphEndpoint.select(graph.userJson(t, u), select)));
            t.deletedUsers.forEach((id, seq) -> {
                if (seq > from) {
                    ObjectNode gone = JSON.createObjectNode();
                    gone.put("id", id.toString());
                    gone.putObject("@removed").put("reason", "changed");
                    items.add(gone);
                }
            });
            return deltaPage(items, null, encode(t.changeSeq + "." + selectText));
        }
        List<CloudState.User> all = graph.visibleUsers(t).stream()
                .sorted(Comparator.comparing(u -> u.createdAt)).toList();
        int top = GraphEndpoint.clampTop(req, 100, 999);
        all.subList(Math.min(offset, all.size()), Math.min(offset + top, all.size()))
                .forEach(u -> items.add(GraphEndpoint.select(graph.userJson(t, u), select)));
        if (offset + top < all.size()) {
            return deltaPage(items, encode((offset + top) + "." + startSeq + "." + selectText) + "&$top=" + top, null);
        }
        return deltaPage(items, null, encode(startSeq + "." + selectText));
    }

    private SimResponse deltaPage(List<ObjectNode> items, String skip, String delta) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode value = o.putArray("value");
        items.forEach(value::add);
        if (skip != null) {
            o.put("@odata.nextLink", graphBase.get() + "/users/delta?$skiptoken=" + skip);
        } else {
            o.put("@odata.deltaLink", graphBase.get() + "/users/delta?$deltatoken=" + delta);
        }
        return SimResponse.json(200, o.toString());
    }

    private static String encode(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\.", -1);
        } catch (IllegalArgumentException e) {
            throw new SimError(400, "BadRequest", "The token is not valid.");
        }
    }

    // ---- applications --------------------------------------------------------------------------------------

    private CloudState.App findApp(CloudState.Tenant t, java.util.function.Predicate<CloudState.App> which) {
        Instant now = clock.instant();
        return t.apps.values().stream().filter(a -> !a.createdAt.plus(faults.replicationDelay()).isAfter(now))
                .filter(which).findFirst().orElseThrow(() -> new SimError(404, "Request_ResourceNotFound",
                        "Resource does not exist or one of its queried reference-property objects are not present."));
    }

    /**
     * Creates an application; the caller (the signed-in user, or the calling service principal) becomes its owner.
     * {@code uniqueName} is an immutable alternate key, unique in the tenant
     * (https://learn.microsoft.com/en-us/graph/api/resources/application, property uniqueName).
     */
    private SimResponse createApplication(CloudState.Tenant t, JsonNode body, String uniqueName,
            SimRequest.Caller caller) {
        String unique = uniqueName != null ? uniqueName : GraphEndpoint.text(body, "uniqueName").orElse(null);
        if (unique != null && t.apps.values().stream().anyMatch(a -> unique.equals(a.uniqueName))) {
            throw new SimError(400, "Request_BadRequest", "Another object with the same value for property "
                    + "uniqueName already exists.");
        }
        CloudState.App a = new CloudState.App();
        a.clientId = UUID.randomUUID();
        a.objectId = UUID.randomUUID();
        a.displayName = required(body, "displayName");
        a.uniqueName = unique;
        a.createdAt = clock.instant();
        body.path("tags").forEach(tag -> a.tags.add(tag.asText()));
        parseUuid(caller.objectId()).ifPresent(a.owners::add);
        t.apps.put(a.clientId, a);
        return created(appJson(a, null));
    }

    /**
     * {@code PATCH /applications(uniqueName='…')}: with {@code Prefer: create-if-missing} creates the application
     * (201 with its body) when none has the key, else updates it (204); without the header a missing key is 404. The
     * alternate key is looked up at once, not through replication.
     * https://learn.microsoft.com/en-us/graph/api/application-upsert
     */
    private SimResponse upsertApplication(CloudState.Tenant t, String unique, SimRequest req) {
        JsonNode body = body(req);
        Optional<CloudState.App> existing = t.apps.values().stream().filter(a -> unique.equals(a.uniqueName))
                .findFirst();
        if (existing.isPresent()) {
            ApplicationRules.manage(req.caller, existing.get());
            return patchApplication(existing.get(), body);
        }
        boolean create = req.header("Prefer").map(p -> p.toLowerCase(Locale.ROOT).contains("create-if-missing"))
                .orElse(false);
        if (!create) {
            throw new SimError(404, "Request_ResourceNotFound", "Resource '" + unique + "' does not exist or one of "
                    + "its queried reference-property objects are not present.");
        }
        ApplicationRules.create(req.caller);
        return createApplication(t, body, unique, req.caller);
    }

    private static Optional<UUID> parseUuid(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Owners as directory objects (https://learn.microsoft.com/en-us/graph/api/application-list-owners). */
    private SimResponse owners(CloudState.Tenant t, CloudState.App a) {
        List<ObjectNode> items = new ArrayList<>();
        for (UUID id : a.owners) {
            ObjectNode o = JSON.createObjectNode();
            o.put("id", id.toString());
            CloudState.User u = t.users.get(id);
            Optional<CloudState.App> sp = t.apps.values().stream().filter(x -> id.equals(x.servicePrincipalId))
                    .findFirst();
            if (u != null) {
                o.put("@odata.type", "#microsoft.graph.user");
                o.put("displayName", u.displayName);
                o.put("userPrincipalName", u.upn);
            } else if (sp.isPresent()) {
                o.put("@odata.type", "#microsoft.graph.servicePrincipal");
                o.put("displayName", sp.get().displayName);
                o.put("appId", sp.get().clientId.toString());
            } else {
                o.put("@odata.type", "#microsoft.graph.user");
                o.putNull("displayName");
            }
            items.add(o);
        }
        return GraphEndpoint.collection(items, null);
    }

    /**
     * {@code POST /applications/{id}/owners/$ref} with {@code @odata.id} of a user or service principal; 400 when it
     * is an owner already. https://learn.microsoft.com/en-us/graph/api/application-post-owners
     */
    private SimResponse addOwner(CloudState.Tenant t, CloudState.App a, SimRequest req) {
        ApplicationRules.addOwner(req.caller);
        String ref = required(body(req), "@odata.id");
        UUID owner = uuid(ref.substring(ref.lastIndexOf('/') + 1), "@odata.id");
        boolean known = t.users.containsKey(owner) || t.apps.values().stream()
                .anyMatch(x -> owner.equals(x.servicePrincipalId)
                        && !x.servicePrincipalCreatedAt.plus(faults.replicationDelay()).isAfter(clock.instant()));
        if (!known) {
            throw new SimError(404, "Request_ResourceNotFound", "Resource '" + owner + "' does not exist or one of "
                    + "its queried reference-property objects are not present.");
        }
        if (a.owners.contains(owner)) {
            throw new SimError(400, "Request_BadRequest", "One or more added object references already exist for "
                    + "the following modified properties: 'owners'.");
        }
        a.owners.add(owner);
        return noContent();
    }

    /** The list is eventually consistent: an application created a moment ago is not in it yet. */
    private SimResponse listApplications(CloudState.Tenant t, SimRequest req) {
        Filter filter = Filter.parse(req.query("$filter").orElse(""));
        Instant now = clock.instant();
        List<ObjectNode> items = t.apps.values().stream()
                .filter(a -> !a.createdAt.plus(faults.replicationDelay()).isAfter(now))
                .filter(a -> filter.test(f -> switch (f) {
                    case "displayname" -> a.displayName;
                    case "appid" -> a.clientId.toString();
                    case "uniquename" -> a.uniqueName;
                    default -> throw new SimError(400, "BadRequest", "Unsupported filter property " + f);
                })).map(a -> appJson(a, null)).toList();
        return GraphEndpoint.collection(items, null);
    }

    /**
     * An application as Graph shows it. A certificate's {@code key} is returned only when one application is read
     * with {@code $select=keyCredentials} (https://learn.microsoft.com/en-us/graph/api/resources/keycredential).
     */
    private ObjectNode appJson(CloudState.App a, SimRequest req) {
        boolean withKeys = req != null && req.query("$select").map(s -> List.of(s.split(",")).stream()
                .anyMatch(f -> f.trim().equalsIgnoreCase("keyCredentials"))).orElse(false);
        ObjectNode o = JSON.createObjectNode();
        o.put("id", a.objectId.toString());
        o.put("appId", a.clientId.toString());
        o.put("displayName", a.displayName);
        if (a.uniqueName == null) {
            o.putNull("uniqueName");
        } else {
            o.put("uniqueName", a.uniqueName);
        }
        ArrayNode tags = o.putArray("tags");
        a.tags.forEach(tags::add);
        o.put("signInAudience", "AzureADMyOrg");
        o.put("createdDateTime", a.createdAt.toString());
        ArrayNode pw = o.putArray("passwordCredentials");
        for (CloudState.PasswordCredential p : a.secrets) {
            ObjectNode n = pw.addObject();
            n.put("keyId", p.keyId().toString());
            n.put("hint", p.text().substring(0, Math.min(3, p.text().length())));
            n.putNull("secretText");
            n.put("endDateTime", p.endDateTime().toString());
            String secretName = a.secretNames.get(p.keyId());
            if (secretName == null) {
                n.putNull("displayName");
            } else {
                n.put("displayName", secretName);
            }
            n.putNull("customKeyIdentifier");
            n.putNull("startDateTime");
        }
        ArrayNode keys = o.putArray("keyCredentials");
        for (int i = 0; i < a.certificates.size(); i++) {
            X509Certificate c = a.certificates.get(i);
            ObjectNode n = keys.addObject();
            n.put("keyId", a.certificateKeyIds.get(i).toString());
            n.put("type", "AsymmetricX509Cert");
            n.put("usage", "Verify");
            n.put("endDateTime", c.getNotAfter().toInstant().toString());
            n.put("startDateTime", c.getNotBefore().toInstant().toString());
            String certName = a.certificateNames.get(a.certificateKeyIds.get(i));
            if (certName == null) {
                n.putNull("displayName");
            } else {
                n.put("displayName", certName);
            }
            if (withKeys) {
                n.put("key", encoded(c));
            } else {
                n.putNull("key");
            }
            n.put("customKeyIdentifier", thumbprint(c));
        }
        return o;
    }

    private SimResponse appAction(CloudState.Tenant t, CloudState.App a, String action, JsonNode body) {
        switch (action) {
            case "addPassword": {
                JsonNode pc = body.path("passwordCredential");
                Instant end = pc.hasNonNull("endDateTime") ? Instant.parse(pc.get("endDateTime").asText())
                        : clock.instant().plus(Duration.ofDays(730));
                byte[] raw = new byte[30];
                RANDOM.nextBytes(raw);
                String secret = "Sim~" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
                LeakHook.secret("client secret issued by addPassword", secret);
                CloudState.PasswordCredential p = new CloudState.PasswordCredential(UUID.randomUUID(), secret, end);
                a.secrets.add(p);
                if (pc.hasNonNull("displayName")) {
                    a.secretNames.put(p.keyId(), pc.get("displayName").asText());
                }
                ObjectNode o = JSON.createObjectNode();
                o.putNull("customKeyIdentifier");
                o.put("displayName", pc.path("displayName").asText(""));
                o.put("endDateTime", end.toString());
                o.put("hint", secret.substring(0, 3));
                o.put("keyId", p.keyId().toString());
                o.put("secretText", secret);
                o.put("startDateTime", clock.instant().toString());
                return GraphEndpoint.ok(o);
            }
            case "removePassword": {
                UUID keyId = uuid(required(body, "keyId"), "keyId");
                if (!a.secrets.removeIf(s -> s.keyId().equals(keyId))) {
                    throw new SimError(400, "Request_BadRequest", "No password credential found with keyId "
                            + keyId + ".");
                }
                a.secretNames.remove(keyId);
                return noContent();
            }
            case "removeKey":
                return removeKey(a, body);
            default:
                return addKey(a, body);
        }
    }

    private void checkProof(CloudState.App a, JsonNode body) {
        Jwt.Parsed proof = Jwt.parse(required(body, "proof")).orElseThrow(() -> new SimError(400,
                "Request_BadRequest", "The proof is not a well-formed JWT."));
        boolean signed = a.certificates.stream().anyMatch(c -> proof.verify(c.getPublicKey()));
        long exp = proof.seconds("exp").orElse(0L);
        if (!signed || exp <= clock.instant().getEpochSecond() || exp > clock.instant().getEpochSecond() + 660
                || !proof.string("aud").orElse("").equals("00000002-0000-0000-c000-000000000000")) {
            throw new SimError(400, "Request_BadRequest", "The proof of possession is not valid.");
        }
    }

    private SimResponse removeKey(CloudState.App a, JsonNode body) {
        checkProof(a, body);
        UUID keyId = uuid(required(body, "keyId"), "keyId");
        int i = a.certificateKeyIds.indexOf(keyId);
        if (i < 0) {
            throw new SimError(404, "Request_ResourceNotFound", "No key credential with keyId " + keyId + ".");
        }
        if (a.certificates.size() == 1) {
            throw new SimError(400, "Request_BadRequest", "The last certificate cannot be removed with removeKey.");
        }
        a.certificates.remove(i);
        a.certificateKeyIds.remove(i);
        return noContent();
    }

    /**
     * Updates an application. {@code keyCredentials} replaces the whole collection: every entry needs its
     * {@code key} (https://learn.microsoft.com/en-us/graph/api/application-update: "to update keyCredentials, the
     * existing ones must be included"; their keys are read with {@code $select=keyCredentials}).
     */
    private SimResponse patchApplication(CloudState.App a, JsonNode body) {
        GraphEndpoint.text(body, "displayName").ifPresent(n -> a.displayName = n);
        if (body.has("uniqueName") && !GraphEndpoint.text(body, "uniqueName").orElse("").equals(
                a.uniqueName == null ? "" : a.uniqueName)) {
            throw new SimError(400, "Request_BadRequest", "Property 'uniqueName' is read-only once set.");
        }
        JsonNode tags = body.get("tags");
        if (tags != null && tags.isArray()) {
            a.tags.clear();
            tags.forEach(tag -> a.tags.add(tag.asText()));
        }
        JsonNode keys = body.get("keyCredentials");
        if (keys != null && keys.isArray()) {
            List<X509Certificate> certs = new ArrayList<>();
            List<UUID> ids = new ArrayList<>();
            java.util.Map<UUID, String> names = new java.util.LinkedHashMap<>();
            for (JsonNode k : keys) {
                certs.add(certificate(k.path("key").asText()));
                UUID id = k.hasNonNull("keyId") ? uuid(k.get("keyId").asText(), "keyId") : UUID.randomUUID();
                ids.add(id);
                if (k.hasNonNull("displayName")) {
                    names.put(id, k.get("displayName").asText());
                }
            }
            a.certificates.clear();
            a.certificates.addAll(certs);
            a.certificateKeyIds.clear();
            a.certificateKeyIds.addAll(ids);
            a.certificateNames.clear();
            a.certificateNames.putAll(names);
        }
        return noContent();
    }

    private static String encoded(X509Certificate c) {
        try {
            return Base64.getEncoder().encodeToString(c.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private SimResponse addKey(CloudState.App a, JsonNode body) {
        if (a.certificates.isEmpty()) {
            throw new SimError(400, "Request_BadRequest", "addKey needs an existing valid certificate to sign the "
                    + "proof; set keyCredentials with PATCH instead.");
        }
        checkProof(a, body);
        X509Certificate cert = certificate(body.path("keyCredential").path("key").asText());
        UUID keyId = UUID.randomUUID();
        a.certificates.add(cert);
        a.certificateKeyIds.add(keyId);
        ObjectNode o = JSON.createObjectNode();
        o.put("keyId", keyId.toString());
        o.put("type", "AsymmetricX509Cert");
        o.put("usage", "Verify");
        o.put("endDateTime", cert.getNotAfter().toInstant().toString());
        o.put("startDateTime", cert.getNotBefore().toInstant().toString());
        o.putNull("key");
        o.putNull("displayName");
        o.put("customKeyIdentifier", thumbprint(cert));
        GraphEndpoint.text(body.path("keyCredential"), "displayName").ifPresent(n -> a.certificateNames.put(keyId, n));
        return GraphEndpoint.ok(o);
    }

    /** Graph reports a certificate's SHA-1 thumbprint, Base64, as its custom key identifier. */
    private static String thumbprint(X509Certificate c) {
        try {
            return Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(c.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(String base64) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new SimError(400, "Request_BadRequest", "keyCredentials.key is not a Base64 X.509 certificate.");
        }
    }

    // ---- service principals and grants ---------------------------------------------------------------------

    private ObjectNode graphServicePrincipal() {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", GraphEndpoint.GRAPH_SP_ID.toString());
        o.put("appId", GRAPH_APP_ID);
        o.put("displayName", "Microsoft Graph");
        o.put("servicePrincipalType", "Application");
        o.put("accountEnabled", true);
        ArrayNode roles = o.putArray("appRoles");
        // Microsoft's app role IDs for Graph's application permissions (the simulator's own catalogue)
        PermissionRules.GRAPH_APP_ROLES.forEach((name, id) -> {
            ObjectNode r = roles.addObject();
            r.putArray("allowedMemberTypes").add("Application");
            r.put("description", name);
            r.put("displayName", name);
            r.put("id", id);
            r.put("isEnabled", true);
            r.put("origin", "Application");
            r.put("value", name);
        });
        return o;
    }

    private SimResponse createServicePrincipal(CloudState.Tenant t, JsonNode body) {
        String appId = required(body, "appId");
        CloudState.App a = findApp(t, x -> x.clientId.toString().equalsIgnoreCase(appId));
        if (a.servicePrincipalId != null) {
            throw new SimError(409, "Request_MultipleObjectsWithSameKeyValue",
                    "The service principal for this application already exists.");
        }
        a.servicePrincipalId = UUID.randomUUID();
        a.servicePrincipalCreatedAt = clock.instant();
        SimResponse r = graph.servicePrincipal(t, x -> x == a);
        r.status = 201;
        return r;
    }

    /** Whether the service principal was created within the replication delay. */
    private boolean replicating(CloudState.App a) {
        return a.servicePrincipalCreatedAt.plus(faults.replicationDelay()).isAfter(clock.instant());
    }

    private static UUID grantId(UUID sp, String appRoleId) {
        return UUID.nameUUIDFromBytes((sp.toString() + appRoleId).getBytes(StandardCharsets.UTF_8));
    }

    private SimResponse grant(CloudState.Tenant t, JsonNode body) {
        UUID principal = uuid(required(body, "principalId"), "principalId");
        UUID resource = uuid(required(body, "resourceId"), "resourceId");
        UUID appRole = uuid(required(body, "appRoleId"), "appRoleId");
        if (!resource.equals(GraphEndpoint.GRAPH_SP_ID)) {
            throw new SimError(400, "Request_BadRequest", "The simulator only grants Microsoft Graph permissions.");
        }
        String p = PermissionRules.graphPermissionName(appRole).orElseThrow(() -> new SimError(400,
                "Request_BadRequest", "Permission being assigned was not found on application."));
        // a service principal created a moment ago is not yet known where grants are written: Graph answers 400
        // (https://learn.microsoft.com/en-us/graph/api/serviceprincipal-post-approleassignments; eventual
        // consistency: https://learn.microsoft.com/en-us/graph/aad-advanced-queries and "Designing for eventual
        // consistency for Microsoft Entra")
        CloudState.App a = t.apps.values().stream().filter(x -> principal.equals(x.servicePrincipalId)).findFirst()
                .orElseThrow(() -> new SimError(404, "Request_ResourceNotFound", "The principal does not exist."));
        if (replicating(a)) {
            throw new SimError(400, "Request_BadRequest", "The principal " + principal + " does not exist yet.");
        }
        if (!a.grant(p, appRole, clock.instant())) {
            throw new SimError(409, "Request_BadRequest", "Permission being assigned already exists on the object.");
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("id", grantId(principal, appRole.toString()).toString());
        o.put("appRoleId", appRole.toString());
        o.put("principalId", principal.toString());
        o.put("principalType", "ServicePrincipal");
        o.put("principalDisplayName", a.displayName);
        o.put("resourceId", resource.toString());
        o.put("resourceDisplayName", "Microsoft Graph");
        o.put("createdDateTime", clock.instant().toString());
        return created(o);
    }

    private SimResponse revoke(CloudState.Tenant t, String spId, String id) {
        CloudState.App a = t.apps.values().stream().filter(x -> spId.equalsIgnoreCase(String.valueOf(
                x.servicePrincipalId))).findFirst().orElseThrow(() -> new SimError(404, "Request_ResourceNotFound",
                        "The service principal does not exist."));
        String p = a.grants().keySet().stream().filter(g -> grantId(a.servicePrincipalId,
                PermissionRules.GRAPH_APP_ROLES.getOrDefault(g, a.grants().get(g).toString())).toString()
                .equalsIgnoreCase(id)).findFirst().orElseThrow(() -> new SimError(404, "Request_ResourceNotFound",
                        "The app role assignment does not exist."));
        a.revoke(p);
        return noContent();
    }

    // ---- directory roles -----------------------------------------------------------------------------------

    private static UUID roleAssignmentId(UUID sp, UUID roleTemplateId) {
        return UUID.nameUUIDFromBytes((sp + "/" + roleTemplateId).getBytes(StandardCharsets.UTF_8));
    }

    private SimResponse assignRole(CloudState.Tenant t, JsonNode body) {
        UUID principal = uuid(required(body, "principalId"), "principalId");
        UUID role = uuid(required(body, "roleDefinitionId"), "roleDefinitionId");
        if (!"/".equals(GraphEndpoint.text(body, "directoryScopeId").orElse(""))) {
            throw new SimError(400, "Request_BadRequest", "directoryScopeId must be '/'.");
        }
        CloudState.App a = t.apps.values().stream().filter(x -> principal.equals(x.servicePrincipalId))
                .filter(x -> !replicating(x)).findFirst()
                .orElseThrow(() -> new SimError(400, "Request_BadRequest", "The principal does not exist."));
        if (!a.addRole(role)) {
            throw new SimError(409, "Request_BadRequest", "A conflicting object with one or more of the specified "
                    + "property values is present in the directory.");
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("id", roleAssignmentId(principal, role).toString());
        o.put("principalId", principal.toString());
        o.put("roleDefinitionId", role.toString());
        o.put("directoryScopeId", "/");
        return created(o);
    }

    private SimResponse removeRole(CloudState.Tenant t, String id) {
        for (CloudState.App a : t.apps.values()) {
            if (a.servicePrincipalId == null) {
                continue;
            }
            for (UUID role : a.roleTemplateIds()) {
                if (roleAssignmentId(a.servicePrincipalId, role).toString().equalsIgnoreCase(id)) {
                    a.removeRole(role);
                    return noContent();
                }
            }
        }
        throw new SimError(404, "Request_ResourceNotFound", "The role assignment does not exist.");
    }

    private SimResponse roleDefinitions() {
        // built-in role templates as Entra's "All roles" table names them (the simulator's own catalogue)
        List<ObjectNode> items = PermissionRules.ROLE_TEMPLATES.entrySet().stream().map(r -> {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("id", r.getValue());
                    o.put("templateId", r.getValue());
                    o.put("displayName", r.getKey());
                    o.put("isBuiltIn", true);
                    o.put("isEnabled", true);
                    return o;
                }).toList();
        return GraphEndpoint.collection(items, null);
    }

    // ---- domains -------------------------------------------------------------------------------------------

    private SimResponse domains(CloudState.Tenant t) {
        List<ObjectNode> items = new ArrayList<>();
        t.domains.forEach(d -> items.add(domainJson(t, d)));
        t.pendingDomains.keySet().forEach(d -> items.add(domainJson(t, d)));
        return GraphEndpoint.collection(items, null);
    }

    private ObjectNode domainJson(CloudState.Tenant t, String name) {
        boolean verified = t.domains.contains(name);
        if (!verified && !t.pendingDomains.containsKey(name)) {
            throw new SimError(404, "Request_ResourceNotFound", "Domain " + name + " does not exist.");
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("id", name);
        o.put("authenticationType", "Managed");
        o.putNull("availabilityStatus");
        o.put("isAdminManaged", true);
        o.put("isDefault", verified && t.domains.indexOf(name) == 0);
        o.put("isInitial", name.endsWith(".onmicrosoft.com"));
        o.put("isRoot", true);
        o.put("isVerified", verified);
        o.putNull("passwordNotificationWindowInDays");
        o.putNull("passwordValidityPeriodInDays");
        ArrayNode services = o.putArray("supportedServices");
        if (verified) {
            services.add("Email").add("OfficeCommunicationsOnline");
        }
        o.putNull("state");
        return o;
    }

    private SimResponse addDomain(CloudState.Tenant t, JsonNode body) {
        String name = required(body, "id").toLowerCase(Locale.ROOT);
        try {
            dev.tenantconnect.core.model.TenantDomain.parse(name);
        } catch (RuntimeException e) {
            throw new SimError(400, "Request_BadRequest", "Invalid domain name.");
        }
        if (t.domains.contains(name) || t.pendingDomains.containsKey(name)) {
            throw new SimError(409, "Request_BadRequest", "Domain " + name + " already exists.");
        }
        CloudState.PendingDomain d = new CloudState.PendingDomain();
        d.name = name;
        d.txt = "MS=ms" + (10_000_000 + RANDOM.nextInt(90_000_000));
        t.pendingDomains.put(name, d);
        return created(domainJson(t, name));
    }

    private SimResponse dnsRecords(CloudState.Tenant t, String raw) {
        String name = raw.toLowerCase(Locale.ROOT);
        CloudState.PendingDomain d = t.pendingDomains.get(name);
        if (d == null) {
            domainJson(t, name);
            return GraphEndpoint.collection(List.of(), null);
        }
        ObjectNode txt = JSON.createObjectNode();
        txt.put("@odata.type", "#microsoft.graph.domainDnsTxtRecord");
        txt.put("id", "aceff52c-06a5-447f-ac5f-256ad243cc5c");
        txt.put("isOptional", false);
        txt.put("label", name);
        txt.put("recordType", "Txt");
        txt.put("supportedService", "Email");
        txt.put("ttl", 3600);
        txt.put("text", d.txt);
        return GraphEndpoint.collection(List.of(txt, DomainRecords.mx(name, d.txt)), null);
    }

    private SimResponse verifyDomain(CloudState.Tenant t, String raw) {
        String name = raw.toLowerCase(Locale.ROOT);
        CloudState.PendingDomain d = t.pendingDomains.get(name);
        if (d == null) {
            return GraphEndpoint.ok(domainJson(t, name));
        }
        if (!d.txt.equals(t.publishedTxt.get(name))) {
            throw new SimError(400, "Request_BadRequest", "Domain verification failed with the following error: "
                    + "The TXT record " + d.txt + " was not found at " + name + ".");
        }
        t.pendingDomains.remove(name);
        t.domains.add(name);
        return GraphEndpoint.ok(domainJson(t, name));
    }

    private SimResponse deleteDomain(CloudState.Tenant t, String name) {
        if (t.pendingDomains.remove(name) != null) {
            return noContent();
        }
        if (!t.domains.contains(name)) {
            throw new SimError(404, "Request_ResourceNotFound", "Domain " + name + " does not exist.");
        }
        if (t.domains.indexOf(name) == 0 || name.endsWith(".onmicrosoft.com")) {
            throw new SimError(400, "Request_BadRequest", "The default or initial domain cannot be deleted.");
        }
        if (t.users.values().stream().anyMatch(u -> u.upn.endsWith("@" + name))) {
            throw new SimError(400, "Request_BadRequest", "Domain " + name + " still has users.");
        }
        t.domains.remove(name);
        return noContent();
    }
}
