package dev.tenantconnect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.testkit.internal.CloudState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator number-provisioning API (Azure Communications Gateway Provisioning API, version
 * {@value #API_VERSION}): accounts, numbers (single and batches of up to 100), requests for information (consents),
 * civic addresses and capability plans. A written number is {@code pending} until the sync delay has passed, then
 * {@code synced} — and from then on present in the customer tenant's Graph inventory as an {@code operatorConnect}
 * number — or {@code failed} with an error. Callers hold the state's monitor.
 */
final class ProvisioningEndpoint {
    static final String API_VERSION = "2024-02-29-preview";
    static final String PREFIX = "/provisioning";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCOUNT = Pattern.compile("/accounts/([A-Za-z0-9_-]{1,100})");
    private static final Pattern ACCOUNT_ACTION = Pattern.compile(
            "/accounts/([A-Za-z0-9_-]{1,100}):(createOrUpdateNumbers|deleteNumbers|getTeamsCapabilityPlans|"
                    + "getTeamsAvailableCapabilities)");
    private static final Pattern ACCOUNT_NUMBERS = Pattern.compile("/accounts/([A-Za-z0-9_-]{1,100})/numbers");
    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("/accounts/([A-Za-z0-9_-]{1,100})/numbers/([^/]+)");
    private static final Pattern CIVIC = Pattern.compile("/accounts/([A-Za-z0-9_-]{1,100})/teamsCivicAddresses(?:/([^/]+))?");
    private static final Pattern RFI = Pattern.compile("/teamsRequestsForInformation/([^/]+)");

    private final CloudState state;
    private final Clock clock;
    private final Faults faults;
    private final Supplier<String> base;
    /**
     * Numbers written and possibly still pending (guarded by the state's monitor): {@link #syncDue()} walks the whole
     * number list only when one of them is due, not on every request.
     */
    private final Set<CloudState.OperatorNumber> written = Collections.newSetFromMap(new IdentityHashMap<>());

    ProvisioningEndpoint(CloudState state, Clock clock, Faults faults, Supplier<String> base) {
        this.state = state;
        this.clock = clock;
        this.faults = faults;
        this.base = base;
    }

    /** @return the endpoint family name for the journal */
    static String endpointName(SimRequest req, String path) {
        Matcher m;
        if ((m = ACCOUNT_ACTION.matcher(path)).matches()) {
            return "provisioning.accounts." + m.group(2);
        }
        if (ACCOUNT_NUMBER.matcher(path).matches()) {
            return "provisioning.numbers." + req.method.toLowerCase(java.util.Locale.ROOT);
        }
        if (ACCOUNT_NUMBERS.matcher(path).matches() || path.equals("/numbers")) {
            return "provisioning.numbers.list";
        }
        if (CIVIC.matcher(path).matches()) {
            return "provisioning.civicAddresses";
        }
        if (path.startsWith("/teamsRequestsForInformation")) {
            return "provisioning.rfi." + req.method.toLowerCase(java.util.Locale.ROOT);
        }
        return "provisioning.accounts." + req.method.toLowerCase(java.util.Locale.ROOT);
    }

    SimResponse handle(SimRequest req, String path) {
        if (!API_VERSION.equals(req.query("api-version").orElse(""))) {
            throw new SimError(400, "UnsupportedApiVersion", "The api-version query parameter must be "
                    + API_VERSION + ".");
        }
        syncDue();
        String m = req.method;
        Matcher x;
        if (m.equals("GET") && path.equals("/accounts")) {
            return paged(state.accounts.values().stream().map(this::accountJson).toList(), req, "/accounts");
        }
        if ((x = ACCOUNT_ACTION.matcher(path)).matches()) {
            CloudState.Account a = account(x.group(1));
            return switch (x.group(2)) {
                case "createOrUpdateNumbers" -> upsertNumbers(a, body(req));
                case "deleteNumbers" -> deleteNumbers(a, body(req));
                case "getTeamsCapabilityPlans" -> capabilityPlans();
                // swagger TeamsAvailableCapabilities: {"availableCapabilities": [...]} (required)
                default -> ok(JSON.createObjectNode().set("availableCapabilities", JSON.createArrayNode()
                        .add("InboundCalling").add("OutboundCalling").add("Office365").add("Mobile")));
            };
        }
        if ((x = ACCOUNT_NUMBER.matcher(path)).matches()) {
            CloudState.Account a = account(x.group(1));
            String e164 = e164(x.group(2));
            switch (m) {
                case "GET":
                    return ok(numberJson(number(a, e164)));
                case "PUT": {
                    ObjectNode b = (ObjectNode) body(req);
                    b.put("telephoneNumber", e164);
                    b.put("accountName", a.name);
                    ArrayNode one = JSON.createArrayNode().add(b);
                    upsert(a, one);
                    return ok(numberJson(number(a, e164)));
                }
                case "DELETE":
                    delete(a, List.of(e164));
                    return noContent();
                default:
                    throw new SimError(405, "MethodNotAllowed", "Method not allowed.");
            }
        }
        if (m.equals("GET") && (x = ACCOUNT_NUMBERS.matcher(path)).matches()) {
            CloudState.Account a = account(x.group(1));
            return paged(state.operatorNumbers.values().stream().filter(n -> n.accountName.equals(a.name))
                    .map(this::numberJson).toList(), req, "/accounts/" + a.name + "/numbers");
        }
        if (m.equals("GET") && path.equals("/numbers")) {
            // swagger PagedNumberList: items are NumberResource, serviceDetails required
            return paged(state.operatorNumbers.values().stream().map(this::numberJson).toList(), req, "/numbers");
        }
        if ((x = ACCOUNT.matcher(path)).matches()) {
            String name = x.group(1);
            switch (m) {
                case "GET":
                    return withEtag(ok(accountJson(account(name))), account(name));
                case "PUT":
                    return putAccount(name, body(req), req);
                case "DELETE":
                    if (state.operatorNumbers.values().stream().anyMatch(n -> n.accountName.equals(name))) {
                        throw new SimError(409, "Conflict", "The account still has numbers.");
                    }
                    state.accounts.remove(name);
                    return noContent();
                default:
                    throw new SimError(405, "MethodNotAllowed", "Method not allowed.");
            }
        }
        if (m.equals("GET") && (x = CIVIC.matcher(path)).matches()) {
            CloudState.Account a = account(x.group(1));
            List<ObjectNode> items = civicAddresses(a);
            if (x.group(2) != null) {
                String id = x.group(2);
                return ok(items.stream().filter(i -> i.get("id").asText().equals(id)).findFirst().orElseThrow(
                        () -> new SimError(404, "NotFound", "Civic address not found.")));
            }
            return paged(items, req, "/accounts/" + a.name + "/teamsCivicAddresses");
        }
        if (m.equals("GET") && path.equals("/teamsRequestsForInformation")) {
            return paged(state.consents.values().stream().map(this::consentJson).toList(), req,
                    "/teamsRequestsForInformation");
        }
        if ((x = RFI.matcher(path)).matches()) {
            CloudState.Consent c = consent(x.group(1));
            if (m.equals("PATCH")) {
                JsonNode rel = body(req).path("customerRelationship");
                if (rel.hasNonNull("status")) {
                    c.relationshipStatus = rel.get("status").asText();
                }
                if (rel.hasNonNull("comment")) {
                    c.relationshipComment = rel.get("comment").asText();
                }
            }
            return ok(consentJson(c));
        }
        throw new SimError(404, "NotFound", "No such operation in the provisioning API: " + m + " " + path);
    }

    // ---- accounts ------------------------------------------------------------------------------------------

    private CloudState.Account account(String name) {
        CloudState.Account a = state.accounts.get(name);
        if (a == null) {
            throw new SimError(404, "NotFound", "Account " + name + " not found.");
        }
        return a;
    }

    /**
     * PUT is create-or-replace (Azure REST API guidelines: PUT replaces the resource; the swagger's AccountResource
     * fields are all {@code read, update, create}): fields the body leaves out are gone afterwards. {@code If-Match}
     * and {@code If-None-Match: *} are honoured (the swagger declares both; 412 when they fail). The account is
     * {@code pending} until the sync delay has passed, then {@code synced} or {@code failed}.
     */
    private SimResponse putAccount(String name, JsonNode body, SimRequest req) {
        CloudState.Account existing = state.accounts.get(name);
        Optional<String> ifMatch = req.header("If-Match");
        Optional<String> ifNoneMatch = req.header("If-None-Match");
        if (ifMatch.isPresent() && (existing == null || !ifMatch.get().equals("*") && !ifMatch.get().equals(
                etag(existing)))) {
            throw new SimError(412, "PreconditionFailed", "The account has changed (If-Match).");
        }
        if (ifNoneMatch.isPresent() && existing != null && (ifNoneMatch.get().equals("*") || ifNoneMatch.get()
                .equals(etag(existing)))) {
            throw new SimError(412, "PreconditionFailed", "The account exists (If-None-Match).");
        }
        if (!body.isObject()) {
            throw new SimError(400, "InvalidInput", "The body must be an account.");
        }
        CloudState.Account a = new CloudState.Account();
        a.name = name;
        a.correlationId = body.path("correlationId").asText(null);
        JsonNode sd = body.path("serviceDetails");
        if (sd.hasNonNull("teamsTenantId")) {
            try {
                a.teamsTenantId = TenantId.parse(sd.get("teamsTenantId").asText());
            } catch (ValidationException e) {
                throw new SimError(400, "InvalidInput", "serviceDetails.teamsTenantId must be a GUID.");
            }
        }
        JsonNode oc = sd.path("teamsOperatorConnect");
        if (!oc.isMissingNode()) {
            if (!oc.has("enabled") || !oc.has("syncEnabled")) {
                throw new SimError(400, "InvalidInput", "teamsOperatorConnect.enabled and syncEnabled are required.");
            }
            a.operatorConnectEnabled = oc.get("enabled").asBoolean();
            a.syncEnabled = oc.get("syncEnabled").asBoolean();
        }
        ObjectNode doc = ((ObjectNode) body).deepCopy();
        doc.put("name", name);
        doc.remove(List.of("serviceProvisioningStatus", "serviceProvisioningErrors"));
        if (doc.path("serviceDetails").path("teamsOperatorConnect").isObject()) {
            ((ObjectNode) doc.path("serviceDetails").path("teamsOperatorConnect")).remove("numberCount");
        }
        a.document = doc;
        a.version = existing == null ? 1 : existing.version + 1;
        a.updatedAt = clock.instant();
        state.accounts.put(name, a);
        SimResponse r = withEtag(ok(accountJson(a)), a);
        r.status = existing == null ? 201 : 200;
        return r;
    }

    void seedAccount(String json) {
        JsonNode doc;
        try {
            doc = JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("the account is not JSON");
        }
        String name = doc.path("name").asText("");
        if (!ACCOUNT.matcher("/accounts/" + name).matches()) {
            throw new IllegalArgumentException("the account needs a valid name");
        }
        SimRequest none = new SimRequest("PUT", "/accounts/" + name, h -> null, json);
        putAccount(name, doc, none);
    }

    Optional<String> accountJson(String name) {
        CloudState.Account a = state.accounts.get(name);
        return a == null ? Optional.empty() : Optional.of(accountJson(a).toString());
    }

    private static String etag(CloudState.Account a) {
        return "\"" + a.version + "\"";
    }

    private static SimResponse withEtag(SimResponse r, CloudState.Account a) {
        return r.header("ETag", etag(a));
    }

    /** An account answers what was PUT, plus the read-only numberCount and provisioning status. */
    private ObjectNode accountJson(CloudState.Account a) {
        ObjectNode o = a.document == null ? JSON.createObjectNode() : a.document.deepCopy();
        o.put("name", a.name);
        if (a.document == null && a.correlationId != null) {
            o.put("correlationId", a.correlationId);
        }
        ObjectNode sd = o.has("serviceDetails") && o.get("serviceDetails").isObject()
                ? (ObjectNode) o.get("serviceDetails") : o.putObject("serviceDetails");
        if (a.teamsTenantId != null) {
            sd.put("teamsTenantId", a.teamsTenantId.value());
        }
        ObjectNode oc = sd.has("teamsOperatorConnect") && sd.get("teamsOperatorConnect").isObject()
                ? (ObjectNode) sd.get("teamsOperatorConnect") : sd.putObject("teamsOperatorConnect");
        oc.put("enabled", a.operatorConnectEnabled);
        oc.put("syncEnabled", a.syncEnabled);
        oc.put("numberCount", state.operatorNumbers.values().stream().filter(n -> n.accountName.equals(a.name)).count());
        boolean consented = a.teamsTenantId != null && Optional.ofNullable(state.consents.get(a.teamsTenantId))
                .map(c -> c.status.equals("active")).orElse(false);
        boolean synced = a.updatedAt == null || !a.updatedAt.plus(faults.provisioningSyncDelay()).isAfter(
                clock.instant());
        o.put("serviceProvisioningStatus", !synced ? "pending" : !a.operatorConnectEnabled || consented ? "synced"
                : "failed");
        ArrayNode errors = o.putArray("serviceProvisioningErrors");
        if (synced && a.operatorConnectEnabled && !consented) {
            errors.addObject().put("code", "NoConsent").put("message",
                    "The customer tenant has not consented to this operator.");
        }
        return o;
    }
    // ---- numbers -------------------------------------------------------------------------------------------

    private static String e164(String raw) {
        try {
            return PhoneNumber.parse(raw).e164();
        } catch (ValidationException e) {
            throw new SimError(400, "InvalidTelephoneNumber", "telephoneNumber: " + e.rule());
        }
    }

    private CloudState.OperatorNumber number(CloudState.Account a, String e164) {
        CloudState.OperatorNumber n = state.operatorNumbers.get(e164);
        if (n == null || !n.accountName.equals(a.name)) {
            throw new SimError(404, "NotFound", "Number not found on account " + a.name + ".");
        }
        return n;
    }

    private SimResponse upsertNumbers(CloudState.Account a, JsonNode body) {
        JsonNode numbers = body.path("numbers");
        if (!numbers.isArray() || numbers.size() == 0) {
            throw new SimError(400, "InvalidInput", "numbers is required.");
        }
        if (numbers.size() > 100) {
            throw new SimError(400, "TooManyNumbers", "A batch holds at most 100 numbers.");
        }
        List<CloudState.OperatorNumber> done = upsert(a, numbers);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode arr = out.putArray("numbers");
        done.forEach(n -> arr.add(numberJson(n)));
        return ok(out);
    }

    /** Validates every number first, then writes all: a bad number leaves the batch unapplied. */
    private List<CloudState.OperatorNumber> upsert(CloudState.Account a, JsonNode numbers) {
        List<CloudState.OperatorNumber> planned = new ArrayList<>();
        for (JsonNode n : numbers) {
            String e164 = e164(n.path("telephoneNumber").asText());
            CloudState.OperatorNumber existing = state.operatorNumbers.get(e164);
            if (existing != null && !existing.accountName.equals(a.name)) {
                throw new SimError(409, "NumberInUse", "Number " + e164 + " belongs to another account.");
            }
            JsonNode oc = n.path("serviceDetails").path("teamsOperatorConnect");
            CloudState.OperatorNumber p = new CloudState.OperatorNumber();
            p.telephoneNumber = e164;
            p.accountName = a.name;
            p.operatorConnect = oc.path("enabled").asBoolean(false);
            JsonNode cfg = oc.path("configuration");
            if (p.operatorConnect) {
                if (!cfg.hasNonNull("usage") || !cfg.path("choosableCapabilities").isArray()) {
                    throw new SimError(400, "InvalidInput", "teamsOperatorConnect.configuration.usage and "
                            + "choosableCapabilities are required for " + e164 + ".");
                }
                p.usage = cfg.get("usage").asText();
                cfg.get("choosableCapabilities").forEach(c -> p.capabilities.add(c.asText()));
                p.civicAddressId = cfg.path("civicAddressId").asText(null);
            }
            p.customSipHeader = n.path("configuration").path("customSipHeader").asText(null);
            p.updatedAt = clock.instant();
            planned.add(p);
        }
        planned.forEach(p -> state.operatorNumbers.put(p.telephoneNumber, p));
        written.addAll(planned);
        return planned;
    }

    private SimResponse deleteNumbers(CloudState.Account a, JsonNode body) {
        JsonNode numbers = body.path("numbers");
        if (!numbers.isArray() || numbers.size() == 0 || numbers.size() > 100) {
            throw new SimError(400, "InvalidInput", "numbers must hold 1 to 100 entries.");
        }
        List<String> e164s = new ArrayList<>();
        numbers.forEach(n -> e164s.add(e164(n.path("telephoneNumber").asText())));
        delete(a, e164s);
        return noContent();
    }

    /** All or nothing: a number still assigned in the customer tenant blocks the whole release. */
    private void delete(CloudState.Account a, List<String> e164s) {
        CloudState.Tenant tenant = a.teamsTenantId == null ? null : state.tenants.get(a.teamsTenantId);
        for (String e164 : e164s) {
            number(a, e164);
            if (tenant != null && tenant.numbers.containsKey(e164)
                    && !tenant.numbers.get(e164).assignmentStatus.equals("unassigned")) {
                throw new SimError(409, "NumberAssigned", "Number " + e164 + " is still assigned in the customer "
                        + "tenant; unassign it first.");
            }
        }
        for (String e164 : e164s) {
            state.operatorNumbers.remove(e164);
            if (tenant != null) {
                tenant.numbers.remove(e164);
            }
        }
    }

    /**
     * Forgets written numbers no longer pending (synced, failed, replaced, deleted or reset away).
     *
     * @return whether a written number still pending is due, so that {@link #syncDue()} has work
     */
    private boolean anyWrittenDue(Instant now, Duration delay) {
        boolean due = false;
        for (Iterator<CloudState.OperatorNumber> it = written.iterator(); it.hasNext(); ) {
            CloudState.OperatorNumber n = it.next();
            if (state.operatorNumbers.get(n.telephoneNumber) != n || !n.status.equals("pending")) {
                it.remove();
            } else if (!n.updatedAt.plus(delay).isAfter(now)) {
                due = true;
            }
        }
        return due;
    }

    /** Completes every pending write whose sync delay has passed. */
    void syncDue() {
        Instant now = clock.instant();
        Duration delay = faults.provisioningSyncDelay();
        if (!anyWrittenDue(now, delay)) {
            return;
        }
        for (CloudState.OperatorNumber n : state.operatorNumbers.values()) {
            if (!n.status.equals("pending") || n.updatedAt.plus(delay).isAfter(now)) {
                continue;
            }
            CloudState.Account a = state.accounts.get(n.accountName);
            CloudState.Consent c = a == null || a.teamsTenantId == null ? null : state.consents.get(a.teamsTenantId);
            CloudState.Tenant tenant = a == null || a.teamsTenantId == null ? null : state.tenants.get(a.teamsTenantId);
            if (!n.operatorConnect) {
                n.status = "synced";
            } else if (c == null || !c.status.equals("active") || tenant == null || !a.operatorConnectEnabled) {
                n.status = "failed";
                n.error = "The customer tenant has not consented to this operator, or Operator Connect is off.";
            } else if (faults.provisioningFails(n.telephoneNumber)) {
                n.status = "failed";
                n.error = "Microsoft Teams rejected the number.";
            } else {
                n.status = "synced";
                CloudState.Number tn = tenant.numbers.computeIfAbsent(n.telephoneNumber, k -> {
                    CloudState.Number created = new CloudState.Number();
                    created.telephoneNumber = k;
                    return created;
                });
                tn.numberType = "operatorConnect";
                tn.capabilities.clear();
                tn.capabilities.add(switch (n.usage) {
                    case "FirstPartyAppAssignment" -> "voiceApplicationAssignment";
                    case "ConferenceAssignment" -> "conferenceAssignment";
                    default -> "userAssignment";
                });
            }
        }
    }

    private ObjectNode numberJson(CloudState.OperatorNumber n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("telephoneNumber", n.telephoneNumber);
        o.put("accountName", n.accountName);
        ObjectNode oc = o.putObject("serviceDetails").putObject("teamsOperatorConnect");
        oc.put("enabled", n.operatorConnect);
        if (n.operatorConnect) {
            CloudState.Account a = state.accounts.get(n.accountName);
            CloudState.Tenant t = a == null || a.teamsTenantId == null ? null : state.tenants.get(a.teamsTenantId);
            CloudState.Number tn = t == null ? null : t.numbers.get(n.telephoneNumber);
            oc.put("assignmentStatus", tn != null && !tn.assignmentStatus.equals("unassigned") ? "assigned"
                    : "unassigned");
            ObjectNode cfg = oc.putObject("configuration");
            cfg.put("usage", n.usage);
            ArrayNode caps = cfg.putArray("choosableCapabilities");
            n.capabilities.forEach(caps::add);
            if (n.civicAddressId != null) {
                cfg.put("civicAddressId", n.civicAddressId);
            }
        }
        if (n.customSipHeader != null) {
            o.putObject("configuration").put("customSipHeader", n.customSipHeader);
        }
        o.put("serviceProvisioningStatus", n.status);
        ArrayNode errors = o.putArray("serviceProvisioningErrors");
        if (n.error != null) {
            errors.addObject().put("code", "ProvisioningFailed").put("message", n.error);
        }
        return o;
    }

    // ---- consents, addresses, plans ------------------------------------------------------------------------

    private CloudState.Consent consent(String tenantText) {
        Optional<UUID> id = EntraEndpoint.parseUuid(tenantText);
        CloudState.Consent c = id.map(u -> state.consents.get(new TenantId(u))).orElse(null);
        if (c == null) {
            throw new SimError(404, "NotFound", "No request for information from tenant " + tenantText + ".");
        }
        return c;
    }

    private ObjectNode consentJson(CloudState.Consent c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", c.id.toString());
        o.put("tenantId", c.tenant.value());
        if (c.accountName != null) {
            o.put("accountName", c.accountName);
        }
        o.put("productContext", "teams");
        o.put("operatorId", "75f9fed4-d8e9-4c90-bc28-523cfdb83244");
        o.put("status", c.status);
        o.put("consentedOn", c.consentedOn.toString());
        o.put("lastModifiedOn", c.consentedOn.toString());
        ArrayNode countries = o.putArray("consentedCountries");
        c.countries.forEach(countries::add);
        o.putArray("contacts").addObject().put("fullName", c.contactName).put("email", c.contactEmail);
        ObjectNode rel = o.putObject("customerRelationship");
        rel.put("status", c.relationshipStatus);
        rel.put("lastModifiedOn", c.consentedOn.toString());
        rel.put("comment", c.relationshipComment);
        o.put("serviceProvisioningStatus", "synced");
        o.putArray("serviceProvisioningErrors");
        return o;
    }

    /** The civic addresses seeded for the account's customer tenant (none until seeded, as in a new tenant). */
    private List<ObjectNode> civicAddresses(CloudState.Account a) {
        if (a.teamsTenantId == null) {
            return List.of();
        }
        return state.civicAddresses.getOrDefault(a.teamsTenantId, List.of());
    }

    private SimResponse capabilityPlans() {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode plans = o.putArray("capabilityPlans");
        for (String usage : List.of("CallingUserAssignment", "FirstPartyAppAssignment", "ConferenceAssignment")) {
            ObjectNode p = plans.addObject();
            p.put("name", usage + "-plan");
            p.putArray("offerTypes").add("Standard");
            p.put("usage", usage);
            p.putArray("mandatoryCapabilities").add("InboundCalling");
            p.putArray("choosableCapabilities").add("OutboundCalling").add("Office365");
            p.put("supportsTollFree", !usage.equals("CallingUserAssignment"));
        }
        return ok(o);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static JsonNode body(SimRequest req) {
        try {
            return JSON.readTree(req.body.isEmpty() ? "{}" : req.body);
        } catch (Exception e) {
            throw new SimError(400, "InvalidInput", "The request body is not valid JSON.");
        }
    }

    private SimResponse paged(List<ObjectNode> items, SimRequest req, String path) {
        int top = Integer.parseInt(req.query("top").orElse(req.query("maxpagesize").orElse("100")));
        int skip = Integer.parseInt(req.query("skip").orElse("0"));
        if (top < 1 || top > 1000 || skip < 0) {
            throw new SimError(400, "InvalidInput", "top must be 1..1000 and skip at least 0.");
        }
        ObjectNode o = JSON.createObjectNode();
        ArrayNode value = o.putArray("value");
        items.subList(Math.min(skip, items.size()), Math.min(skip + top, items.size())).forEach(value::add);
        if (skip + top < items.size()) {
            o.put("nextLink", base.get() + PREFIX + path + "?api-version=" + API_VERSION + "&top=" + top + "&skip="
                    + (skip + top));
        }
        SimResponse r = ok(o);
        r.header("x-ms-record-count", Integer.toString(items.size()));
        return r;
    }

    private static SimResponse ok(JsonNode body) {
        return SimResponse.json(200, body.toString());
    }

    private static SimResponse noContent() {
        SimResponse r = new SimResponse();
        r.status = 204;
        return r;
    }

    static SimResponse error(SimError e) {
        ObjectNode o = JSON.createObjectNode();
        o.putObject("error").put("code", e.code).put("message", e.getMessage());
        return SimResponse.json(e.status, o.toString()).header("x-ms-error-code", e.code);
    }
}
