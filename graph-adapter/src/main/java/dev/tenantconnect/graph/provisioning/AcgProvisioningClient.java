package dev.tenantconnect.graph.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantconnect.core.access.Requirement;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.MalformedResponseException;
import dev.tenantconnect.core.error.MissingPrivilegesException;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.error.TransportException;
import dev.tenantconnect.core.error.UntrustedText;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.provisioning.Consent;
import dev.tenantconnect.core.provisioning.NumberUpload;
import dev.tenantconnect.core.provisioning.OperatorProvisioning;
import dev.tenantconnect.core.provisioning.SyncStatus;
import dev.tenantconnect.core.resilience.CallContext;
import dev.tenantconnect.core.resilience.RetryAfter;
import dev.tenantconnect.graph.GraphConnector;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * {@link OperatorProvisioning} for the Azure Communications Gateway Provisioning API (api-version
 * {@value #API_VERSION}): one account per customer tenant, batches of at most 100 numbers, {@code Repeatability-*}
 * headers so retried writes are applied once, the operator's transport policy around every call, and uploads
 * refused before any call when the tenant did not consent for a number's country.
 */
public final class AcgProvisioningClient implements OperatorProvisioning {
    /** The API version this client speaks. */
    public static final String API_VERSION = "2024-02-29-preview";
    /** The most numbers one batch carries. */
    public static final int BATCH = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GraphConnector connector;
    private final URI baseUrl;
    private final String scope;
    private final TenantId operatorTenant;
    private final TenantCredential operatorCredential;
    /**
     * How long an upload trusts the consents read and the account made sure of by an earlier upload (or consent
     * read) of this client: a bulk job uploads its numbers group after group, and each group would otherwise read
     * both again. A consent that does not cover the numbers is always read afresh, and an account found gone is
     * made again.
     */
    static final Duration REMEMBERED = Duration.ofSeconds(30);
    private volatile Remembered<List<Consent>> consentsRead;
    private final java.util.concurrent.ConcurrentHashMap<TenantId, Instant> accountsSure =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** A value and when it was read. */
    private record Remembered<T>(T value, Instant at) {
    }

    private AcgProvisioningClient(Builder b) {
        this.connector = b.connector;
        this.baseUrl = b.baseUrl;
        this.scope = b.scope;
        this.operatorTenant = b.operatorTenant;
        this.operatorCredential = b.operatorCredential;
    }

    /** @return a builder; every setting is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param tenant a customer tenant
     * @return the account name this client uses for it
     */
    public static String accountName(TenantId tenant) {
        return "t-" + tenant.value();
    }

    @Override
    public List<Consent> consents() {
        List<Consent> out = readConsents();
        consentsRead = new Remembered<>(out, connector.clock().instant());
        return out;
    }

    private boolean recent(Instant at) {
        return !connector.clock().instant().isAfter(at.plus(REMEMBERED));
    }

    private List<Consent> readConsents() {
        List<Consent> out = new ArrayList<>();
        for (JsonNode r : getAll("/teamsRequestsForInformation")) {
            Set<String> countries = new LinkedHashSet<>();
            r.path("consentedCountries").forEach(c -> countries.add(c.asText()));
            out.add(new Consent(parsed(r, "tenantId", "provisioning.consents", TenantId::parse),
                    "active".equals(r.path("status").asText()), countries));
        }
        return out;
    }

    /** How often a read-merge-write of the account is tried when another writer changes it in between. */
    private static final int ACCOUNT_WRITE_ATTEMPTS = 3;

    /**
     * Makes sure the tenant's account exists with Operator Connect enabled and syncing. {@code PUT} on an account
     * is create-or-replace, so this reads the account first, keeps every field it holds (settings other tools
     * made: correlation ID, Direct Routing, Teams Phone Mobile), changes only what is missing, and writes with
     * {@code If-Match} on the ETag it read ({@code If-None-Match: *} when creating) — a concurrent change makes
     * it read and merge again. An account already as wanted is not written at all. Uploads of this client in the
     * next {@link #REMEMBERED} trust it (an account found gone meanwhile is made again).
     */
    @Override
    public String ensureAccount(TenantId tenant) {
        Instant at = connector.clock().instant();
        String name = ensure(tenant);
        accountsSure.put(tenant, at);
        return name;
    }

    /** Makes sure of the account unless this client did lately, as {@link #upload} would. */
    @Override
    public void prepareUpload(TenantId tenant) {
        accountSure(tenant);
    }

    /** The tenant's account name, made sure of unless this client did in the last {@link #REMEMBERED}. */
    private String accountSure(TenantId tenant) {
        Instant sure = accountsSure.get(tenant);
        return sure != null && recent(sure) ? accountName(tenant) : ensureAccount(tenant);
    }

    private String ensure(TenantId tenant) {
        String name = accountName(tenant);
        String path = "/accounts/" + name;
        for (int attempt = 1; attempt <= ACCOUNT_WRITE_ATTEMPTS; attempt++) {
            Optional<Answer> current = unlessStatus(404, () -> exchange("GET", url(path), null,
                    "provisioning.accounts.get", List.of()));
            ObjectNode body = current.map(c -> AccountDocument.writable(c.body())).orElseGet(JSON::createObjectNode);
            current.ifPresent(c -> AccountDocument.requireTenant(body, tenant, name));
            if (current.isPresent() && !AccountDocument.needsOperatorConnect(body, tenant)) {
                return name;
            }
            AccountDocument.enableOperatorConnect(body, name, tenant);
            List<String> condition = current.map(c -> c.etag().map(e -> List.of("If-Match", e)).orElse(List.<String>of()))
                    .orElse(List.of("If-None-Match", "*"));
            if (unlessStatus(412, () -> exchange("PUT", url(path), body, "provisioning.accounts.put", condition))
                    .isPresent()) {
                return name;
            }
        }
        throw new ServiceException("provisioning.accounts.put: the account " + name + " kept changing while it was "
                + "being updated", new ErrorContext(Optional.of(operatorTenant), OptionalInt.of(412),
                        Optional.of("PreconditionFailed"), Optional.empty(), Optional.empty()), Optional.empty(), null);
    }

    /** Runs a call, answering empty when the service answers the given status. */
    private static Optional<Answer> unlessStatus(int status, java.util.function.Supplier<Answer> call) {
        try {
            return Optional.of(call.get());
        } catch (ServiceException e) {
            if (e.status() == status && !(e instanceof MalformedResponseException)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<SyncStatus> upload(TenantId tenant, List<NumberUpload> numbers) {
        Remembered<List<Consent>> known = consentsRead;
        List<Consent> basis = known != null && recent(known.at()) ? known.value() : null;
        if (basis == null || !refusedBy(basis, tenant, numbers).isEmpty()) {
            // nothing remembered, or what is remembered does not cover these numbers: ask again
            basis = consents();
        }
        List<String> refused = refusedBy(basis, tenant, numbers);
        Optional<Consent> consent = basis.stream().filter(c -> c.tenant().equals(tenant)).findFirst();
        if (!refused.isEmpty()) {
            throw new ValidationException("country", "tenant " + tenant + (consent.isEmpty()
                    ? " has not consented to this operator" : " has not consented for these numbers' countries")
                    + ": " + String.join(", ", refused));
        }
        String account = accountSure(tenant);
        List<SyncStatus> out = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i += BATCH) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode arr = body.putArray("numbers");
            for (NumberUpload n : numbers.subList(i, Math.min(i + BATCH, numbers.size()))) {
                ObjectNode o = arr.addObject();
                o.put("telephoneNumber", n.number().e164());
                o.put("accountName", account);
                ObjectNode oc = o.putObject("serviceDetails").putObject("teamsOperatorConnect");
                oc.put("enabled", true);
                ObjectNode cfg = oc.putObject("configuration");
                cfg.put("usage", usage(n.usage()));
                ArrayNode caps = cfg.putArray("choosableCapabilities");
                n.capabilities().forEach(caps::add);
                n.civicAddressId().ifPresent(c -> cfg.put("civicAddressId", c));
            }
            List<NumberUpload> batch = numbers.subList(i, Math.min(i + BATCH, numbers.size()));
            java.util.function.Supplier<JsonNode> post = () -> audited(dev.tenantconnect.core.audit.AuditAction
                    .NUMBER_UPLOAD, tenant, batch.stream().map(NumberUpload::number).toList(), () -> send("POST",
                            "/accounts/" + account + ":createOrUpdateNumbers", body, "provisioning.numbers.upload"));
            Optional<Answer> posted = unlessStatus(404, () -> new Answer(post.get(), Optional.empty()));
            if (posted.isEmpty()) {
                // the account remembered is gone (removed by another tool): make it again, then send once more
                accountsSure.remove(tenant);
                ensureAccount(tenant);
            }
            JsonNode answer = posted.isPresent() ? posted.get().body() : post.get();
            answer.path("numbers").forEach(n -> out.add(status(n)));
        }
        return out;
    }

    /** The numbers (redacted, with their country) the tenant's consent among {@code consents} does not cover. */
    private static List<String> refusedBy(List<Consent> consents, TenantId tenant, List<NumberUpload> numbers) {
        Optional<Consent> consent = consents.stream().filter(c -> c.tenant().equals(tenant)).findFirst();
        List<String> refused = new ArrayList<>();
        for (NumberUpload n : numbers) {
            if (consent.isEmpty() || !consent.get().allows(n.country())) {
                refused.add(n.number().redacted() + " (" + n.country() + ")");
            }
        }
        return refused;
    }

    private static String usage(NumberUsage usage) {
        return switch (usage) {
            case USER -> "CallingUserAssignment";
            case VOICE_APPLICATION -> "FirstPartyAppAssignment";
            case CONFERENCE -> "ConferenceAssignment";
        };
    }

    private MalformedResponseException malformed(String operation, String field, String rule) {
        return new MalformedResponseException(operation, field, rule, ErrorContext.forTenant(operatorTenant), null);
    }

    /** A string field of an answer, read by one of our value types; a missing or refused value is malformed. */
    private <T> T parsed(JsonNode n, String field, String operation, java.util.function.Function<String, T> parse) {
        JsonNode v = n.path(field);
        if (!v.isTextual()) {
            throw malformed(operation, "$." + field, v.isMissingNode() || v.isNull() ? "is missing"
                    : "is not a string");
        }
        try {
            return parse.apply(v.asText());
        } catch (ValidationException e) {
            throw malformed(operation, "$." + field, e.rule());
        }
    }

    private SyncStatus status(JsonNode n) {
        List<String> errors = new ArrayList<>();
        n.path("serviceProvisioningErrors").forEach(e -> errors.add(e.path("code").asText() + ": "
                + e.path("message").asText()));
        SyncStatus.State state = switch (n.path("serviceProvisioningStatus").asText()) {
            case "synced" -> SyncStatus.State.SYNCED;
            case "failed" -> SyncStatus.State.FAILED;
            default -> SyncStatus.State.PENDING;
        };
        return new SyncStatus(parsed(n, "telephoneNumber", "provisioning.numbers", PhoneNumber::parse), state,
                errors);
    }

    @Override
    public SyncStatus status(TenantId tenant, PhoneNumber number) {
        return status(send("GET", "/accounts/" + accountName(tenant) + "/numbers/"
                + URLEncoder.encode(number.e164(), StandardCharsets.UTF_8), null, "provisioning.numbers.get"));
    }

    /** Pages through the account's numbers (1,000 a page) instead of asking number by number. */
    @Override
    public java.util.Map<PhoneNumber, SyncStatus> statuses(TenantId tenant, java.util.Collection<PhoneNumber> numbers) {
        java.util.Set<PhoneNumber> wanted = new java.util.HashSet<>(numbers);
        java.util.Map<PhoneNumber, SyncStatus> out = new java.util.LinkedHashMap<>();
        if (wanted.isEmpty()) {
            return out;
        }
        for (JsonNode n : getAll("/accounts/" + accountName(tenant) + "/numbers?top=1000")) {
            SyncStatus s = status(n);
            if (wanted.contains(s.number())) {
                out.put(s.number(), s);
            }
        }
        return out;
    }

    @Override
    public void release(TenantId tenant, List<PhoneNumber> numbers) {
        String account = accountName(tenant);
        for (int i = 0; i < numbers.size(); i += BATCH) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode arr = body.putArray("numbers");
            numbers.subList(i, Math.min(i + BATCH, numbers.size()))
                    .forEach(n -> arr.addObject().put("telephoneNumber", n.e164()));
            audited(dev.tenantconnect.core.audit.AuditAction.NUMBER_RELEASE, tenant, numbers.subList(i,
                    Math.min(i + BATCH, numbers.size())), () -> send("POST", "/accounts/" + account
                            + ":deleteNumbers", body, "provisioning.numbers.release"));
        }
    }

    /** Runs one provisioning write and records an audit event per number it is about (the connector's auditor). */
    private JsonNode audited(dev.tenantconnect.core.audit.AuditAction action, TenantId tenant,
            List<PhoneNumber> about, java.util.function.Supplier<JsonNode> write) {
        dev.tenantconnect.core.audit.AuditResult result = dev.tenantconnect.core.audit.AuditResult.FAILED;
        String detail = "";
        try {
            JsonNode r = write.get();
            result = dev.tenantconnect.core.audit.AuditResult.SUCCEEDED;
            return r;
        } catch (RuntimeException e) {
            detail = e.getClass().getSimpleName();
            throw e;
        } finally {
            for (PhoneNumber n : about) {
                connector.auditor().record(action, tenant, n.e164(), result, detail, java.util.Map.of());
            }
        }
    }

    private List<JsonNode> getAll(String path) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode page = send("GET", path, null, "provisioning.list");
        while (true) {
            JsonNode value = page.path("value");
            if (!value.isMissingNode() && !value.isArray()) {
                throw malformed("provisioning.list", "$.value", "is not an array");
            }
            for (JsonNode item : value) {
                if (!item.isObject()) {
                    throw malformed("provisioning.list", "$.value[]", "is not an object");
                }
                out.add(item);
            }
            String next = page.path("nextLink").asText("");
            if (next.isEmpty()) {
                return out;
            }
            page = sendUrl("GET", nextLink(next), null, "provisioning.list");
        }
    }

    /**
     * A nextLink is followed only when it points at the configured endpoint over https: the operator's bearer token
     * goes with it.
     */
    private URI nextLink(String link) {
        URI next;
        try {
            next = new URI(link);
        } catch (java.net.URISyntaxException e) {
            next = null;
        }
        if (next == null || !"https".equalsIgnoreCase(next.getScheme()) || next.getHost() == null
                || !next.getHost().equalsIgnoreCase(baseUrl.getHost()) || port(next) != port(baseUrl)) {
            throw malformed("provisioning.list", "$.nextLink", "does not point at the configured endpoint over https ("
                    + baseUrl.getScheme() + "://" + baseUrl.getHost() + ":" + port(baseUrl) + "); not followed");
        }
        return next;
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private URI url(String path) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        return URI.create(base + path + (path.contains("?") ? "&" : "?") + "api-version="
                + URLEncoder.encode(API_VERSION, StandardCharsets.UTF_8));
    }

    private JsonNode send(String method, String path, JsonNode body, String operation) {
        return sendUrl(method, url(path), body, operation);
    }

    private JsonNode sendUrl(String method, URI url, JsonNode body, String operation) {
        return exchange(method, url, body, operation, List.of()).body();
    }

    /** An answer: its JSON body and its ETag, if any. */
    private record Answer(JsonNode body, Optional<String> etag) {
    }

    /**
     * IMF-fixdate (RFC 9110 section 5.6.7), as {@code Repeatability-First-Sent} requires: always a two-digit day
     * ({@link DateTimeFormatter#RFC_1123_DATE_TIME} writes {@code 6 Dec}, which is not one).
     */
    static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            java.util.Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * Writes carry Repeatability-Request-ID and Repeatability-First-Sent, the same on every attempt, so the policy
     * may repeat them: the service applies them once and answers a repeat with the original answer. Every attempt
     * carries its own {@code x-ms-client-request-id}.
     */
    private Answer exchange(String method, URI url, JsonNode body, String operation, List<String> headers) {
        String repeatabilityId = UUID.randomUUID().toString();
        String firstSent = IMF_FIXDATE.format(connector.clock().instant());
        CallContext ctx = new CallContext(operation, Optional.of(operatorTenant), true);
        return connector.transportFor(operatorTenant).execute(ctx, () -> {
            String requestId = UUID.randomUUID().toString();
            java.util.Map<String, String> h = new java.util.LinkedHashMap<>();
            h.put("Authorization", "Bearer " + connector.appToken(operatorTenant, operatorCredential, scope)
                    .value().revealAsString());
            h.put("x-ms-client-request-id", requestId);
            for (int i = 0; i + 1 < headers.size(); i += 2) {
                h.put(headers.get(i), headers.get(i + 1));
            }
            if (body != null) {
                h.put("Repeatability-Request-ID", repeatabilityId);
                h.put("Repeatability-First-Sent", firstSent);
            }
            try {
                dev.tenantconnect.graph.HttpAnswer r = connector.send(method, url, h,
                        Optional.ofNullable(body).map(JsonNode::toString));
                String text = r.body();
                if (r.successful()) {
                    Optional<String> etag = r.header("ETag");
                    if (text.isEmpty() && !method.equals("GET")) {
                        return new Answer(JSON.createObjectNode(), etag);
                    }
                    JsonNode answer;
                    try {
                        answer = JSON.readTree(text);
                    } catch (com.fasterxml.jackson.core.JacksonException e) {
                        // the parser's message may quote the answer: neither it nor the exception is kept
                        throw malformed(operation, "body", "is not valid JSON (truncated, or not JSON at all)");
                    }
                    if (answer == null || !answer.isObject()) {
                        throw malformed(operation, "body", "is not a JSON object");
                    }
                    return new Answer(answer, etag);
                }
                String code = r.header("x-ms-error-code").orElse(null);
                try {
                    code = JSON.readTree(text).path("error").path("code").asText(code);
                } catch (IOException ignored) {
                    // not JSON: keep the header's code
                }
                ErrorContext ec = new ErrorContext(Optional.of(operatorTenant), OptionalInt.of(r.status()),
                        Optional.ofNullable(code), Optional.empty(), Optional.of(requestId));
                if (r.status() == 403) {
                    throw refused(method, url, operation, code, ec);
                }
                throw new ServiceException(operation + " failed", ec, RetryAfter.parse(
                        r.header("Retry-After").orElse(null),
                        connector.clock()), null);
            } catch (IOException e) {
                throw new TransportException(operation + ": " + e.getClass().getSimpleName(),
                        ErrorContext.forTenant(operatorTenant), !(e instanceof ConnectException), e);
            }
        });
    }

    /**
     * The app roles the Provisioning API grants, by HTTP method: {@code ProvisioningAPI.Admin} allows every
     * operation, {@code .Read} the GETs, {@code .Write} the PUTs, PATCHes (and the POST actions that create or update
     * numbers), {@code .Delete} the DELETEs and the POST action that deletes numbers
     * (https://learn.microsoft.com/en-us/rest/api/voiceservices, "Authentication and authorization").
     */
    static Requirement<String> rolesFor(String method, URI url) {
        String needed = switch (method) {
            case "GET", "HEAD" -> "ProvisioningAPI.Read";
            case "DELETE" -> "ProvisioningAPI.Delete";
            default -> url.getPath().endsWith(":deleteNumbers") ? "ProvisioningAPI.Delete" : "ProvisioningAPI.Write";
        };
        return Requirement.anyOfItems(needed, "ProvisioningAPI.Admin");
    }

    /**
     * A 403 from the Provisioning API: the operator's app lacks the API's app role for the call, or (as Microsoft
     * documents for the older client set-up) its client ID is not configured for the API. The roles the token held
     * are not known to the SDK, so the evaluation names every role that would allow the call.
     */
    private MissingPrivilegesException refused(String method, URI url, String operation, String code,
            ErrorContext ec) {
        return new MissingPrivilegesException(operation + " was refused (403" + (code == null ? ""
                : " " + UntrustedText.of(code)) + "): the operator's app in tenant " + operatorTenant
                + " needs an app role of the Provisioning API, granted with admin consent, and its client ID "
                + "configured for the API", ec, rolesFor(method, url).evaluate(Set.of()));
    }

    /** Configures an {@link AcgProvisioningClient}. */
    public static final class Builder {
        private GraphConnector connector;
        private URI baseUrl;
        private String scope;
        private TenantId operatorTenant;
        private TenantCredential operatorCredential;

        private Builder() {
        }

        /**
         * @param value the connector whose HTTP client, token cache and policies this client shares
         * @return this
         */
        public Builder connector(GraphConnector value) {
            this.connector = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the API's base URL (the operator's Azure Communications Gateway provisioning endpoint)
         * @param tokenScope the API's {@code .default} scope
         * @return this
         */
        public Builder endpoint(URI value, String tokenScope) {
            this.baseUrl = Objects.requireNonNull(value);
            this.scope = Objects.requireNonNull(tokenScope);
            return this;
        }

        /**
         * @param tenant the operator's own tenant
         * @param credential the operator app's credential there
         * @return this
         */
        public Builder operator(TenantId tenant, TenantCredential credential) {
            this.operatorTenant = Objects.requireNonNull(tenant);
            this.operatorCredential = Objects.requireNonNull(credential);
            return this;
        }

        /** @return the client */
        public AcgProvisioningClient build() {
            if (connector == null || baseUrl == null || operatorTenant == null) {
                throw new ConfigurationException("AcgProvisioningClient needs a connector, an endpoint and the "
                        + "operator's tenant and credential");
            }
            return new AcgProvisioningClient(this);
        }
    }
}
