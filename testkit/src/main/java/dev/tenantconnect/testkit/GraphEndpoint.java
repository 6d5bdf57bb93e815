package dev.tenantconnect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.testkit.internal.CloudState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The simulated Microsoft Graph v1.0 subset. Callers hold the state's monitor. */
final class GraphEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NUMBERS = "/admin/teams/telephoneNumberManagement";
    private static final Pattern USER = Pattern.compile("/users/([^/]+)");
    private static final Pattern USER_LICENSES = Pattern.compile("/users/([^/]+)/licenseDetails");
    private static final Pattern SP_BY_APP_ID = Pattern.compile("/servicePrincipals\\(appId='([^']+)'\\)");
    private static final Pattern SP = Pattern.compile("/servicePrincipals/([^/]+)");
    private static final Pattern SP_GRANTS = Pattern.compile("/servicePrincipals/([^/]+)/appRoleAssignments");
    private static final Pattern NUMBER = Pattern.compile(NUMBERS + "/numberAssignments/([^/]+)");
    private static final Pattern ACTION = Pattern.compile(NUMBERS
            + "/numberAssignments/(?:microsoft\\.graph\\.teamsAdministration\\.)?(assignNumber|unassignNumber|updateNumber)");
    private static final Pattern OPERATION = Pattern.compile(NUMBERS + "/operations(?:/|\\(')([^/']+)(?:'\\))?");
    private static final Pattern USER_CONFIG = Pattern.compile("/admin/teams/userConfigurations/([^/]+)");
    private static final Pattern POLICY_ID = Pattern.compile(
            "/admin/teams/policy/(?:microsoft\\.graph\\.teamsAdministration\\.)?getPolicyId\\(type='([^']*)',name='([^']*)'\\)");
    private static final Pattern POLICY_ASSIGN = Pattern.compile(
            "/admin/teams/policy/userAssignments/(?:microsoft\\.graph\\.teamsAdministration\\.)?assign");
    /** The Graph service principal's object ID in every simulated tenant. */
    static final UUID GRAPH_SP_ID = UUID.fromString("0a1b2c3d-0000-4000-8000-000000000000");

    private final Clock clock;
    private final Faults faults;
    private final Supplier<String> graphBase;

    private final DirectoryEndpoint directoryWrites;

    GraphEndpoint(Clock clock, Faults faults, Supplier<String> graphBase) {
        this.clock = clock;
        this.faults = faults;
        this.graphBase = graphBase;
        this.directoryWrites = new DirectoryEndpoint(clock, faults, graphBase, this);
    }

    /**
     * The route a request matched: the access rule of its endpoint (from Microsoft's page, see
     * {@link PermissionRules}), whether it writes, and its handler.
     */
    record Route(AccessRule rule, boolean write, Function<CloudState.Tenant, SimResponse> handler) {
        /** @return the endpoint name for the journal */
        String endpoint() {
            return rule.endpoint();
        }
    }

    Optional<Route> route(SimRequest req, String path) {
        Optional<Route> directory = directoryWrites.route(req, path);
        if (directory.isPresent()) {
            return directory;
        }
        String m = req.method;
        Matcher x;
        if (m.equals("GET") && path.equals("/organization")) {
            return route(PermissionRules.ORGANIZATION, false, this::organization);
        }
        if (m.equals("GET") && path.equals("/subscribedSkus")) {
            return route(PermissionRules.SUBSCRIBED_SKUS, false, this::subscribedSkus);
        }
        if (m.equals("GET") && path.equals("/users")) {
            return route(PermissionRules.USERS_LIST, false, t -> users(t, req));
        }
        if (m.equals("GET") && (x = USER_LICENSES.matcher(path)).matches()) {
            String id = x.group(1);
            return route(PermissionRules.USER_LICENSE_DETAILS, false, t -> licenseDetails(t, id));
        }
        if (m.equals("GET") && (x = USER.matcher(path)).matches()) {
            String id = x.group(1);
            return route(PermissionRules.USERS_GET, false, t -> user(t, id, req));
        }
        if (m.equals("GET") && path.equals("/roleManagement/directory/roleAssignments")) {
            return route(PermissionRules.ROLE_ASSIGNMENTS_LIST, false, t -> roleAssignments(t, req));
        }
        if (m.equals("GET") && (x = SP_BY_APP_ID.matcher(path)).matches()) {
            String appId = x.group(1);
            return Optional.of(new Route(PermissionRules.SERVICE_PRINCIPALS_GET, false,
                    t -> servicePrincipal(t, a -> a.clientId.toString().equalsIgnoreCase(appId))));
        }
        if (m.equals("GET") && (x = SP_GRANTS.matcher(path)).matches()) {
            String id = x.group(1);
            return Optional.of(new Route(PermissionRules.SERVICE_PRINCIPALS_GRANTS, false,
                    t -> appRoleAssignments(t, id, req)));
        }
        if (m.equals("GET") && (x = SP.matcher(path)).matches()) {
            String id = x.group(1);
            return Optional.of(new Route(PermissionRules.SERVICE_PRINCIPALS_GET, false,
                    t -> servicePrincipal(t, a -> id.equalsIgnoreCase(String.valueOf(a.servicePrincipalId)))));
        }
        if (m.equals("GET") && path.equals(NUMBERS + "/numberAssignments")) {
            return route(PermissionRules.NUMBERS_LIST, false, t -> numbers(t, req));
        }
        if (m.equals("POST") && (x = ACTION.matcher(path)).matches()) {
            String action = x.group(1);
            return route(action.equals("assignNumber") ? PermissionRules.NUMBERS_ASSIGN
                    : action.equals("unassignNumber") ? PermissionRules.NUMBERS_UNASSIGN : PermissionRules.NUMBERS_UPDATE, true,
                    t -> numberAction(t, action, req));
        }
        if (m.equals("GET") && (x = NUMBER.matcher(path)).matches()) {
            String id = x.group(1);
            return route(PermissionRules.NUMBERS_GET, false, t -> number(t, id));
        }
        if (m.equals("GET") && (x = OPERATION.matcher(path)).matches()) {
            String id = x.group(1);
            return route(PermissionRules.NUMBERS_OPERATION, false, t -> operation(t, id));
        }
        if (m.equals("GET") && (x = POLICY_ID.matcher(path)).matches()) {
            String type = x.group(1);
            String name = x.group(2);
            return route(PermissionRules.POLICIES_GET_ID, false,
                    t -> policyId(t, type, name));
        }
        if (m.equals("POST") && POLICY_ASSIGN.matcher(path).matches()) {
            return route(PermissionRules.POLICIES_ASSIGN, true,
                    t -> assignPolicies(t, req));
        }
        if (m.equals("GET") && path.equals("/admin/teams/userConfigurations")) {
            return route(PermissionRules.USER_CONFIGURATIONS_LIST, false,
                    t -> userConfigurations(t, req));
        }
        if (m.equals("GET") && (x = USER_CONFIG.matcher(path)).matches()) {
            String id = x.group(1);
            return route(PermissionRules.USER_CONFIGURATIONS_GET, false,
                    t -> ok(userConfiguration(t, findUser(t, id))));
        }
        return Optional.empty();
    }

    private static Optional<Route> route(AccessRule rule, boolean write, Function<CloudState.Tenant, SimResponse> h) {
        return Optional.of(new Route(rule, write, h));
    }

    // ---- organization, SKUs --------------------------------------------------------------------------------

    private SimResponse organization(CloudState.Tenant t) {
        ObjectNode org = JSON.createObjectNode();
        org.put("id", t.id.value());
        org.put("displayName", t.displayName);
        org.put("tenantType", "AAD");
        ArrayNode domains = org.putArray("verifiedDomains");
        for (int i = 0; i < t.domains.size(); i++) {
            ObjectNode d = domains.addObject();
            d.put("name", t.domains.get(i));
            d.put("isDefault", i == 0);
            d.put("isInitial", t.domains.get(i).endsWith(".onmicrosoft.com"));
            d.put("type", "Managed");
            d.put("capabilities", "Email, OfficeCommunicationsOnline");
        }
        return collection(List.of(org), null);
    }

    private SimResponse subscribedSkus(CloudState.Tenant t) {
        List<ObjectNode> out = new ArrayList<>();
        for (CloudState.Sku s : t.skus.values()) {
            ObjectNode n = JSON.createObjectNode();
            n.put("id", t.id.value() + "_" + s.skuId);
            n.put("accountId", t.id.value());
            n.put("accountName", t.displayName);
            n.put("skuId", s.skuId.toString());
            n.put("skuPartNumber", s.partNumber);
            n.put("appliesTo", "User");
            n.put("capabilityStatus", "Enabled");
            n.put("consumedUnits", t.users.values().stream().filter(u -> u.skuIds.contains(s.skuId)).count());
            ObjectNode prepaid = n.putObject("prepaidUnits");
            prepaid.put("enabled", s.enabledUnits);
            prepaid.put("suspended", 0);
            prepaid.put("warning", 0);
            prepaid.put("lockedOut", 0);
            n.putArray("subscriptionIds").add(UUID.nameUUIDFromBytes((t.id.value() + s.skuId).getBytes()).toString());
            ArrayNode plans = n.putArray("servicePlans");
            s.servicePlans.forEach((id, name) -> {
                ObjectNode p = plans.addObject();
                p.put("servicePlanId", id.toString());
                p.put("servicePlanName", name);
                p.put("provisioningStatus", "Success");
                p.put("appliesTo", "User");
            });
            out.add(n);
        }
        return collection(out, null);
    }

    // ---- users ---------------------------------------------------------------------------------------------

    private SimResponse users(CloudState.Tenant t, SimRequest req) {
        List<CloudState.User> all = new ArrayList<>(visibleUsers(t));
        Filter filter = Filter.parse(req.query("$filter").orElse(""));
        all.removeIf(u -> !filter.test(f -> userField(u, f)));
        Set<String> select = select(req);
        List<ObjectNode> items = all.stream().map(u -> select(userJson(t, u), select)).toList();
        return CollectionPages.nextLinkPaged(req, items, 100, 999, faults.pageSizeCap(), graphBase.get() + "/users",
                "$filter", "$select");
    }

    List<CloudState.User> visibleUsers(CloudState.Tenant t) {
        Instant now = clock.instant();
        return t.users.values().stream()
                .filter(u -> !u.createdAt.plus(faults.replicationDelay()).isAfter(now)).toList();
    }

    private static String userField(CloudState.User u, String field) {
        return switch (field) {
            case "id" -> u.id.toString();
            case "userprincipalname" -> u.upn;
            case "displayname" -> u.displayName;
            case "usagelocation" -> u.usageLocation;
            default -> throw new SimError(400, "Request_UnsupportedQuery",
                    "Unsupported or invalid query filter clause specified for property '" + field + "' of resource 'User'.");
        };
    }

    private SimResponse user(CloudState.Tenant t, String idOrUpn, SimRequest req) {
        return ok(select(userJson(t, findUser(t, idOrUpn)), select(req)));
    }

    CloudState.User findUser(CloudState.Tenant t, String idOrUpn) {
        Instant now = clock.instant();
        return t.users.values().stream()
                .filter(u -> u.id.toString().equalsIgnoreCase(idOrUpn) || u.upn.equalsIgnoreCase(idOrUpn))
                .filter(u -> !u.createdAt.plus(faults.replicationDelay()).isAfter(now))
                .findFirst().orElseThrow(() -> new SimError(404, "Request_ResourceNotFound",
                        "Resource '" + idOrUpn + "' does not exist or one of its queried reference-property objects "
                                + "are not present."));
    }

    ObjectNode userJson(CloudState.Tenant t, CloudState.User u) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", u.id.toString());
        n.put("userPrincipalName", u.upn);
        n.put("displayName", u.displayName);
        n.put("accountEnabled", true);
        if (u.usageLocation == null) {
            n.putNull("usageLocation");
        } else {
            n.put("usageLocation", u.usageLocation);
        }
        ArrayNode licenses = n.putArray("assignedLicenses");
        ArrayNode plans = n.putArray("assignedPlans");
        for (UUID skuId : u.skuIds) {
            ObjectNode l = licenses.addObject();
            l.put("skuId", skuId.toString());
            ArrayNode disabled = l.putArray("disabledPlans");
            Set<UUID> off = u.disabledPlans.getOrDefault(skuId, Set.of());
            off.forEach(p -> disabled.add(p.toString()));
            CloudState.Sku sku = t.skus.get(skuId);
            if (sku != null) {
                sku.servicePlans.forEach((planId, name) -> {
                    if (!off.contains(planId)) {
                        ObjectNode p = plans.addObject();
                        p.put("assignedDateTime", u.createdAt.toString());
                        p.put("capabilityStatus", u.planStatus.getOrDefault(planId, "Enabled"));
                        p.put("service", name.startsWith("MCO") ? "MicrosoftCommunicationsOnline" : "TeamspaceAPI");
                        p.put("servicePlanId", planId.toString());
                    }
                });
            }
        }
        return n;
    }

    private SimResponse licenseDetails(CloudState.Tenant t, String idOrUpn) {
        CloudState.User u = findUser(t, idOrUpn);
        List<ObjectNode> out = new ArrayList<>();
        for (UUID skuId : u.skuIds) {
            CloudState.Sku sku = t.skus.get(skuId);
            if (sku == null) {
                continue;
            }
            ObjectNode n = JSON.createObjectNode();
            n.put("id", u.id + "_" + skuId);
            n.put("skuId", skuId.toString());
            n.put("skuPartNumber", sku.partNumber);
            ArrayNode plans = n.putArray("servicePlans");
            sku.servicePlans.forEach((id, name) -> {
                ObjectNode p = plans.addObject();
                p.put("servicePlanId", id.toString());
                p.put("servicePlanName", name);
                p.put("provisioningStatus", u.disabledPlans.getOrDefault(skuId, Set.of()).contains(id) ? "Disabled"
                        : "Success");
                p.put("appliesTo", "User");
            });
            out.add(n);
        }
        return collection(out, null);
    }

    // ---- roles and service principals ----------------------------------------------------------------------

    private SimResponse roleAssignments(CloudState.Tenant t, SimRequest req) {
        Filter filter = Filter.parse(req.query("$filter").orElse(""));
        List<ObjectNode> out = new ArrayList<>();
        for (CloudState.App a : t.apps.values()) {
            if (a.servicePrincipalId == null) {
                continue;
            }
            for (UUID role : a.roleTemplateIds()) {
                ObjectNode n = JSON.createObjectNode();
                n.put("id", UUID.nameUUIDFromBytes((a.servicePrincipalId + "/" + role).getBytes()).toString());
                n.put("principalId", a.servicePrincipalId.toString());
                n.put("roleDefinitionId", role.toString());
                n.put("directoryScopeId", "/");
                Map<String, String> fields = Map.of("principalid", a.servicePrincipalId.toString(),
                        "roledefinitionid", role.toString());
                if (filter.test(f -> {
                    String v = fields.get(f);
                    if (v == null) {
                        throw new SimError(400, "BadRequest", "Invalid filter clause: unsupported property " + f);
                    }
                    return v;
                })) {
                    out.add(n);
                }
            }
        }
        return CollectionPages.nextLinkPaged(req, out, 100, 999, faults.pageSizeCap(), graphBase.get()
                + "/roleManagement/directory/roleAssignments", "$filter");
    }

    SimResponse servicePrincipal(CloudState.Tenant t, java.util.function.Predicate<CloudState.App> which) {
        CloudState.App a = t.apps.values().stream().filter(x -> x.servicePrincipalId != null)
                .filter(x -> !x.servicePrincipalCreatedAt.plus(faults.replicationDelay()).isAfter(clock.instant()))
                .filter(which).findFirst().orElseThrow(() -> new SimError(404,
                "Request_ResourceNotFound", "The service principal does not exist in this tenant."));
        ObjectNode n = JSON.createObjectNode();
        n.put("id", a.servicePrincipalId.toString());
        n.put("appId", a.clientId.toString());
        n.put("displayName", a.displayName);
        n.put("accountEnabled", a.enabled);
        n.put("servicePrincipalType", "Application");
        n.put("appOwnerOrganizationId", t.id.value());
        return ok(n);
    }

    private SimResponse appRoleAssignments(CloudState.Tenant t, String spId, SimRequest req) {
        CloudState.App a = t.apps.values().stream()
                .filter(x -> spId.equalsIgnoreCase(String.valueOf(x.servicePrincipalId)))
                .findFirst().orElseThrow(() -> new SimError(404, "Request_ResourceNotFound",
                        "The service principal does not exist in this tenant."));
        List<ObjectNode> out = new ArrayList<>();
        for (Map.Entry<String, UUID> g : a.grants().entrySet()) {
            // the app role ID is Microsoft's for that permission name (the simulator's own catalogue)
            String appRoleId = PermissionRules.GRAPH_APP_ROLES.getOrDefault(g.getKey(), g.getValue().toString());
            ObjectNode n = JSON.createObjectNode();
            n.put("id", UUID.nameUUIDFromBytes((spId + appRoleId).getBytes()).toString());
            n.put("appRoleId", appRoleId);
            n.put("principalId", a.servicePrincipalId.toString());
            n.put("principalType", "ServicePrincipal");
            n.put("principalDisplayName", a.displayName);
            n.put("resourceId", GRAPH_SP_ID.toString());
            n.put("resourceDisplayName", "Microsoft Graph");
            n.put("createdDateTime", "2026-01-01T00:00:00Z");
            out.add(n);
        }
        return CollectionPages.nextLinkPaged(req, out, 100, 999, faults.pageSizeCap(), graphBase.get()
                + "/servicePrincipals/" + spId + "/appRoleAssignments");
    }

    // ---- numbers -------------------------------------------------------------------------------------------

    private SimResponse numbers(CloudState.Tenant t, SimRequest req) {
        finishDueOperations(t);
        String filterText = req.query("$filter").orElse("");
        if (faults.refusesOrInNumberFilter() && filterText.replaceAll("'[^']*'", "''").matches("(?is).*\\sor\\s.*")) {
            throw new SimError(400, "BadRequest", "Invalid filter clause: the operator 'or' is not supported");
        }
        Filter filter = Filter.parse(filterText);
        List<CloudState.Number> all = t.numbers.values().stream()
                .filter(n -> filter.test(f -> numberField(n, f), f -> f.equals("capabilities") ? n.capabilities : null))
                .sorted(Comparator.comparing(n -> n.telephoneNumber)).toList();
        return CollectionPages.skipPaged(req, all.stream().map(this::numberJson).toList());
    }

    /**
     * The fields a number list can be filtered on. Microsoft: "All fields from the number assignments can be filtered
     * except id and city"
     * (https://learn.microsoft.com/graph/api/teamsadministration-telephonenumbermanagementroot-list-numberassignments),
     * so {@code assignmentTargetId eq '...'} (what the SDK's enablement preflight sends) is documented; {@code id} and
     * {@code city} are refused, as are the fields this simulator does not keep.
     */
    private static String numberField(CloudState.Number n, String field) {
        return switch (field) {
            case "telephonenumber" -> n.telephoneNumber;
            case "assignmentstatus" -> n.assignmentStatus;
            case "numbertype" -> n.numberType;
            case "activationstate" -> n.activationState;
            case "assignmenttargetid" -> n.assignmentTargetId == null ? "" : n.assignmentTargetId.toString();
            case "isocountrycode" -> n.isoCountryCode;
            default -> throw new SimError(400, "BadRequest", "Filtering on '" + field + "' is not supported.");
        };
    }

    private SimResponse number(CloudState.Tenant t, String id) {
        finishDueOperations(t);
        return ok(numberJson(findNumber(t, id)));
    }

    private CloudState.Number findNumber(CloudState.Tenant t, String raw) {
        String key;
        try {
            // keyed with the extension: Direct Routing numbers that differ only in ";ext=" are different numbers and
            // can go to different users (https://learn.microsoft.com/microsoftteams/direct-routing-enable-users)
            key = PhoneNumber.parse(raw).toString();
        } catch (ValidationException e) {
            throw new SimError(400, "BadRequest", "telephoneNumber: " + e.rule());
        }
        CloudState.Number n = t.numbers.get(key);
        if (n == null) {
            throw new SimError(404, "NotFound", "The telephone number was not found in the tenant.");
        }
        return n;
    }

    ObjectNode numberJson(CloudState.Number n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", n.telephoneNumber.substring(1));
        o.put("telephoneNumber", n.telephoneNumber);
        o.put("operatorId", n.operatorId);
        o.put("numberType", n.numberType);
        o.put("activationState", n.activationState);
        o.put("assignmentStatus", n.assignmentStatus);
        o.put("assignmentCategory", n.assignmentCategory);
        if (n.assignmentTargetId == null) {
            o.putNull("assignmentTargetId");
        } else {
            o.put("assignmentTargetId", n.assignmentTargetId.toString());
        }
        ArrayNode caps = o.putArray("capabilities");
        n.capabilities.forEach(caps::add);
        o.put("city", n.city);
        o.put("isoCountryCode", n.isoCountryCode);
        if (n.locationId == null) {
            o.putNull("locationId");
        } else {
            o.put("locationId", n.locationId);
        }
        o.putNull("civicAddressId");
        o.putNull("networkSiteId");
        o.put("numberSource", "online");
        o.put("portInStatus", "completed");
        o.putArray("reverseNumberLookupOptions");
        o.putArray("supportedCustomerActions").add("locationUpdate").add("release");
        return o;
    }

    private SimResponse numberAction(CloudState.Tenant t, String action, SimRequest req) {
        finishDueOperations(t);
        JsonNode body;
        try {
            body = JSON.readTree(req.body.isEmpty() ? "{}" : req.body);
        } catch (Exception e) {
            throw new SimError(400, "BadRequest", "The request body is not valid JSON.");
        }
        String raw = text(body, "telephoneNumber")
                .orElseThrow(() -> new SimError(400, "BadRequest", "telephoneNumber is required."));
        CloudState.Number n = findNumber(t, raw);
        if (action.equals("updateNumber")) {
            text(body, "locationId").ifPresent(v -> n.locationId = v.isEmpty() ? null : v);
            // "If successful, this method returns a 200 OK response code." — no response body is documented
            // (https://learn.microsoft.com/graph/api/teamsadministration-numberassignment-updatenumber)
            SimResponse done = new SimResponse();
            done.status = 200;
            return done;
        }
        String type = text(body, "numberType").orElseThrow(() -> new SimError(400, "BadRequest",
                "numberType is required."));
        if (!type.equalsIgnoreCase(n.numberType)) {
            throw new SimError(400, "BadRequest", "numberType " + type + " does not match the number's type.");
        }
        if (!n.activationState.equals("activated") && !n.activationState.endsWith("Failed")) {
            throw new SimError(409, "Conflict", "An operation on this number is already in progress.");
        }
        CloudState.Operation op = new CloudState.Operation();
        op.id = UUID.randomUUID().toString();
        op.telephoneNumber = n.telephoneNumber;
        op.createdAt = clock.instant();
        if (action.equals("assignNumber")) {
            if (!n.assignmentStatus.equals("unassigned")) {
                throw new SimError(400, "BadRequest", "The telephone number is already assigned.");
            }
            String target = text(body, "assignmentTargetId").orElseThrow(() -> new SimError(400, "BadRequest",
                    "assignmentTargetId is required."));
            CloudState.User u = findUser(t, target);
            String category = text(body, "assignmentCategory").orElse("primary");
            refuseSecondLine(t, u, category);
            op.kind = "assign";
            op.targetId = u.id;
            op.category = category;
            n.activationState = "assignmentPending";
        } else {
            if (n.assignmentStatus.equals("unassigned")) {
                throw new SimError(400, "BadRequest", "The telephone number is not assigned.");
            }
            op.kind = "unassign";
            n.activationState = "updatePending";
        }
        t.operations.put(op.id, op);
        SimResponse r = new SimResponse();
        r.status = 202;
        r.header("Location", graphBase.get() + NUMBERS + "/operations('" + op.id + "')");
        r.header("Content-Length", "0");
        return r;
    }

    /**
     * A user holds one primary line, one private line and up to nine alternate lines
     * (https://learn.microsoft.com/microsoftteams/multi-line: "Users can be assigned one primary line and up to nine
     * more alternate lines"; https://learn.microsoft.com/microsoftteams/private-line: "Users can be assigned one
     * private line only"). Changing a user's number is documented as removing the user from the old number first,
     * then assigning the new one (https://learn.microsoft.com/microsoftteams/assign-change-or-remove-a-phone-number-
     * for-a-user, "Change a phone number for a user"): the service does not replace a line silently, so a second
     * line of a full category is refused. An assignment still in progress to the user counts as held.
     */
    private static void refuseSecondLine(CloudState.Tenant t, CloudState.User u, String category) {
        int limit = switch (category.toLowerCase(java.util.Locale.ROOT)) {
            case "alternate" -> 9;
            default -> 1;
        };
        long held = t.numbers.values().stream().filter(n -> u.id.equals(n.assignmentTargetId)
                && n.assignmentCategory.equalsIgnoreCase(category)).count()
                + t.operations.values().stream().filter(op -> !op.finished && op.kind.equals("assign")
                        && u.id.equals(op.targetId) && op.category.equalsIgnoreCase(category)).count();
        if (held >= limit) {
            throw new SimError(400, "BadRequest", "The user already has " + (limit == 1 ? "a " + category
                    + " telephone number" : limit + " " + category + " telephone numbers") + " assigned; remove "
                    + "it before assigning another.");
        }
    }

    private SimResponse operation(CloudState.Tenant t, String id) {
        finishDueOperations(t);
        CloudState.Operation op = t.operations.get(id);
        if (op == null || op.createdAt.plus(faults.replicationDelay()).isAfter(clock.instant())) {
            throw new SimError(404, "NotFound", "The operation '" + id + "' was not found.");
        }
        long elapsed = java.time.Duration.between(op.createdAt, clock.instant()).toMillis();
        long delay = faults.operationDelay().toMillis();
        String status = op.finished ? op.outcome : elapsed * 2 < delay ? "notStarted" : "running";
        ObjectNode o = JSON.createObjectNode();
        o.put("id", op.id);
        o.put("createdDateTime", op.createdAt.toString());
        o.put("status", status);
        ArrayNode numbers = o.putArray("numbers");
        ObjectNode d = numbers.addObject();
        d.put("resourceLocation", graphBase.get() + NUMBERS + "/numberAssignments/" + op.telephoneNumber.substring(1));
        d.put("status", status);
        if (op.statusDetail == null) {
            d.putNull("statusDetail");
        } else {
            d.put("statusDetail", op.statusDetail);
        }
        return ok(o);
    }

    /** Applies the outcome of every operation whose delay has passed. */
    void finishDueOperations(CloudState.Tenant t) {
        Instant now = clock.instant();
        for (CloudState.Operation op : t.operations.values()) {
            if (op.finished || op.createdAt.plus(faults.operationDelay()).isAfter(now)) {
                continue;
            }
            op.finished = true;
            CloudState.Number n = t.numbers.get(op.telephoneNumber);
            if (n == null) {
                op.outcome = "failed";
                op.statusDetail = "The number was removed from the tenant.";
                continue;
            }
            if (faults.operationsFail(op.telephoneNumber) || n.failOperations) {
                op.outcome = "failed";
                op.statusDetail = op.kind.equals("assign") ? "Assignment failed: the target is not enabled for "
                        + "this number type." : "Unassignment failed.";
                n.activationState = op.kind.equals("assign") ? "assignmentFailed" : "updateFailed";
                continue;
            }
            op.outcome = "succeeded";
            if (op.kind.equals("assign")) {
                CloudState.User u = t.users.get(op.targetId);
                n.assignmentStatus = u != null && u.resourceAccount ? "voiceApplicationAssigned" : "userAssigned";
                n.assignmentTargetId = op.targetId;
                n.assignmentCategory = op.category;
            } else {
                n.assignmentStatus = "unassigned";
                n.assignmentTargetId = null;
            }
            n.activationState = "activated";
        }
    }

    // ---- Teams policies ------------------------------------------------------------------------------------

    private SimResponse policyId(CloudState.Tenant t, String type, String name) {
        String id = t.policies.get(type + "/" + name);
        List<ObjectNode> items = new ArrayList<>();
        if (id != null) {
            ObjectNode o = JSON.createObjectNode();
            o.put("policyId", id);
            o.put("name", name);
            items.add(o);
        }
        return collection(items, null);
    }

    private SimResponse assignPolicies(CloudState.Tenant t, SimRequest req) {
        JsonNode body;
        try {
            body = JSON.readTree(req.body);
        } catch (Exception e) {
            throw new SimError(400, "BadRequest", "The request body is not valid JSON.");
        }
        JsonNode value = body.path("value");
        if (!value.isArray() || value.isEmpty()) {
            throw new SimError(400, "BadRequest", "value is required.");
        }
        for (JsonNode a : value) {
            String type = a.path("policyType").asText();
            if (!t.graphAssignablePolicyTypes.contains(type)) {
                throw new SimError(400, "BadRequest", "Policy type '" + type
                        + "' is not supported by this API.");
            }
            if (!t.policies.containsValue(a.path("policyId").asText())) {
                throw new SimError(404, "NotFound", "Policy not found.");
            }
            findUser(t, a.path("userId").asText());
        }
        for (JsonNode a : value) {
            t.policyAssignments.computeIfAbsent(UUID.fromString(a.path("userId").asText()),
                    k -> new java.util.LinkedHashMap<>()).put(a.path("policyType").asText(),
                            a.path("policyId").asText());
        }
        SimResponse r = new SimResponse();
        r.status = 204;
        return r;
    }

    // ---- Teams user configurations -------------------------------------------------------------------------

    private SimResponse userConfigurations(CloudState.Tenant t, SimRequest req) {
        finishDueOperations(t);
        List<CloudState.User> all = visibleUsers(t);
        int top = clampTop(req, 100, 999);
        int skip = Integer.parseInt(req.query("$skiptoken").orElse("0"));
        List<ObjectNode> items = all.subList(Math.min(skip, all.size()), Math.min(skip + top, all.size())).stream()
                .map(u -> userConfiguration(t, u)).toList();
        String next = skip + top < all.size() ? graphBase.get() + "/admin/teams/userConfigurations?$top=" + top
                + "&$skiptoken=" + (skip + top) : null;
        return collection(items, next);
    }

    private ObjectNode userConfiguration(CloudState.Tenant t, CloudState.User u) {
        finishDueOperations(t);
        ObjectNode o = JSON.createObjectNode();
        o.put("id", u.id.toString());
        o.put("userPrincipalName", u.upn);
        o.put("tenantId", t.id.value());
        o.put("accountType", u.resourceAccount ? "resourceAccount" : "user");
        List<CloudState.Number> numbers = t.numbers.values().stream().filter(n -> u.id.equals(n.assignmentTargetId))
                .toList();
        o.put("isEnterpriseVoiceEnabled", !numbers.isEmpty());
        o.putArray("featureTypes").add("Teams");
        ArrayNode tn = o.putArray("telephoneNumbers");
        numbers.forEach(n -> tn.addObject().put("telephoneNumber", n.telephoneNumber)
                .put("assignmentCategory", n.assignmentCategory));
        ArrayNode effective = o.putArray("effectivePolicyAssignments");
        t.policyAssignments.getOrDefault(u.id, Map.of()).forEach((type, id) -> {
            ObjectNode e = effective.addObject();
            e.put("policyType", type);
            ObjectNode pa = e.putObject("policyAssignment");
            pa.put("assignmentType", "direct");
            pa.put("policyId", id);
            pa.put("displayName", t.policies.entrySet().stream().filter(p -> p.getValue().equals(id))
                    .map(p -> p.getKey().substring(p.getKey().indexOf('/') + 1)).findFirst().orElse(""));
        });
        o.put("createdDateTime", u.createdAt.toString());
        o.put("modifiedDateTime", u.createdAt.toString());
        return o;
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    static Optional<String> text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    static int clampTop(SimRequest req, int dflt, int max) {
        try {
            int top = Integer.parseInt(req.query("$top").orElse(Integer.toString(dflt)));
            if (top < 1 || top > max) {
                throw new SimError(400, "Request_BadRequest", "Invalid page size specified: '" + top
                        + "'. Must be between 1 and " + max + " inclusive.");
            }
            return top;
        } catch (NumberFormatException e) {
            throw new SimError(400, "Request_BadRequest", "Invalid value for $top.");
        }
    }

    static Set<String> select(SimRequest req) {
        return req.query("$select").map(s -> java.util.Arrays.stream(s.split(",")).map(String::strip)
                .collect(Collectors.toSet())).orElse(Set.of());
    }

    static ObjectNode select(ObjectNode item, Set<String> fields) {
        if (fields.isEmpty()) {
            return item;
        }
        ObjectNode out = JSON.createObjectNode();
        fields.forEach(f -> {
            if (item.has(f)) {
                out.set(f, item.get(f));
            }
        });
        return out;
    }

    static String keep(SimRequest req, String... names) {
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            req.query(n).ifPresent(v -> b.append(n).append('=')
                    .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)).append('&'));
        }
        return b.toString();
    }

    static SimResponse ok(ObjectNode body) {
        return SimResponse.json(200, body.toString());
    }

    static SimResponse collection(List<ObjectNode> items, String nextLink) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode value = o.putArray("value");
        items.forEach(value::add);
        if (nextLink != null) {
            o.put("@odata.nextLink", nextLink);
        }
        return SimResponse.json(200, o.toString());
    }
}
