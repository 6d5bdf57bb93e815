package dev.tenantconnect.voice.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.MalformedResponseException;
import dev.tenantconnect.core.error.TenantConnectException;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.leaks.LeakScanner;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatedTenant;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.testkit.Sku;
import dev.tenantconnect.voice.SimulatedConnector;
import dev.tenantconnect.graph.provisioning.AcgProvisioningClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus for what comes back from the services: every entry point that reads an answer from Entra
 * ID, Microsoft Graph or the operator provisioning API is fed answers that are truncated, empty, not JSON, of the
 * wrong shape or types, missing their fields, carrying values the API does not define, or huge. Each must end in a
 * {@link MalformedResponseException} naming the field (a JSON path, or {@code body}) and the rule — never an
 * unchecked NullPointerException, IndexOutOfBounds or ClassCastException, never a hang.
 */
class ServerAnswerCorpusTest {
    static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000c0");
    static final TenantId OPERATOR = TenantId.parse("75f9fed4-d8e9-4c90-bc28-5230000000c0");
    static final ClientId APP = ClientId.parse("0f0e0d0c-0000-4000-8000-0000000000c0");
    static final ClientId OPERATOR_APP = ClientId.parse("75f9fed4-0000-4000-8000-0000000000c0");
    static final Secret SECRET = Secret.of("corpus-test-secret-value");
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> {
        SimulatedTenant t = sim.tenant(TENANT).domain("fabrikam.onmicrosoft.com").sku(Sku.OFFICE_365_E5, 10);
        t.app(APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                .grant(GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL, GraphPermission.USER_READ_ALL,
                        GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.TEAMS_USER_CONFIGURATION_READ_ALL)
                .secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
        t.addUser("alice@fabrikam.onmicrosoft.com", "Alice", "SG", Sku.OFFICE_365_E5);
        t.addNumbers(PhoneNumberRange.parse("+6567890100..+6567890104"), SimulatedTenant.NumberType.OPERATOR_CONNECT);
        sim.tenant(OPERATOR).displayName("Operator").app(OPERATOR_APP)
                .secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
        sim.consent(TENANT, "SG");
    });

    /** One entry point that reads a service's answer. */
    record Entry(String name, String method, String path, Call call) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Prepares the call (unharmed answers), then returns the read whose answer is corrupted. */
    interface Call {
        java.util.function.Supplier<Object> prepare(GraphConnector graph, AcgProvisioningClient acg);
    }

    static Call now(java.util.function.BiFunction<GraphConnector, AcgProvisioningClient, Object> read) {
        return (g, a) -> () -> read.apply(g, a);
    }

    /**
     * One way an answer can be bad. An unreadable answer must be refused; one with damaged fields must be refused
     * when a field the SDK needs is damaged, and may be read when what it needs is intact.
     */
    record Corruption(String name, boolean unreadable, UnaryOperator<String> body) {
        @Override
        public String toString() {
            return name;
        }
    }

    static ClientSecretCredential credential() {
        return ClientSecretCredential.of(APP, SECRET, Instant.now().plus(Duration.ofDays(30)));
    }

    static List<Entry> entries() {
        String numbers = "/v1\\.0/admin/teams/telephoneNumberManagement/numberAssignments";
        UserRef alice = UserRef.parse("alice@fabrikam.onmicrosoft.com");
        return List.of(
                new Entry("Entra token", "POST", "/[^/]+/oauth2/v2\\.0/token",
                        now((g, a) -> g.freshAppToken(TENANT, credential()))),
                new Entry("Graph organization", "GET", "/v1\\.0/organization",
                        now((g, a) -> g.directory(TENANT, credential()).organization())),
                new Entry("Graph subscribedSkus", "GET", "/v1\\.0/subscribedSkus",
                        now((g, a) -> g.directory(TENANT, credential()).subscribedSkus())),
                new Entry("Graph user", "GET", "/v1\\.0/users/[^/]+",
                        now((g, a) -> g.directory(TENANT, credential()).user(alice))),
                new Entry("Graph users delta", "GET", "/v1\\.0/users(/delta.*)?",
                        now((g, a) -> g.directory(TENANT, credential()).usersDelta(Optional.empty()))),
                new Entry("Graph JSON batch", "POST", "/v1\\.0/\\$batch",
                        now((g, a) -> g.directory(TENANT, credential()).users(List.of(alice,
                                UserRef.parse("bob@fabrikam.onmicrosoft.com"))))),
                new Entry("Teams number list", "GET", numbers,
                        now((g, a) -> g.teamsNumbers(TENANT, credential()).list(Optional.empty()))),
                new Entry("Teams user configurations", "GET", "/v1\\.0/admin/teams/userConfigurations",
                        now((g, a) -> g.teamsNumbers(TENANT, credential()).allUserSettings())),
                new Entry("Teams operation status", "GET", "/v1\\.0/admin/teams/telephoneNumberManagement/operations.*",
                        (g, a) -> {
                            var teams = g.teamsNumbers(TENANT, credential());
                            UUID user = g.directory(TENANT, credential()).user(alice).orElseThrow().id();
                            String op = teams.beginAssign(PhoneNumber.parse("+6567890101"), user, NumberType.OPERATOR_CONNECT,
                                    Optional.empty()).id();
                            return () -> teams.status(op);
                        }),
                new Entry("provisioning consents", "GET", "/provisioning/teamsRequestsForInformation",
                        now((g, a) -> a.consents())),
                new Entry("provisioning number status", "GET", "/provisioning/accounts/[^/]+/numbers(/.*)?",
                        (g, a) -> {
                            PhoneNumber n = PhoneNumber.parse("+6567890201");
                            a.upload(TENANT, List.of(new dev.tenantconnect.core.provisioning.NumberUpload(n, "SG",
                                    dev.tenantconnect.core.inventory.NumberUsage.USER, List.of("InboundCalling",
                                            "OutboundCalling"), Optional.empty())));
                            return () -> a.statuses(TENANT, List.of(n));
                        }));
    }

    static List<Corruption> corruptions() {
        return List.of(
                new Corruption("truncated in the middle", true, b -> b.substring(0, b.length() / 2)),
                new Corruption("truncated after the first byte", true, b -> b.isEmpty() ? b : b.substring(0, 1)),
                new Corruption("empty", true, b -> ""),
                new Corruption("not JSON (a proxy's HTML page)", true, b -> "<html><body><h1>502 Bad Gateway</h1></body></html>"),
                new Corruption("JSON null", true, b -> "null"),
                new Corruption("an array instead of an object", true, b -> "[" + b + "]"),
                new Corruption("every string a number", false, b -> map(b, n -> n.isTextual() ? IntNode.valueOf(7) : null)),
                new Corruption("every array a string", false, b -> map(b, n -> n.isArray() ? TextNode.valueOf("x") : null)),
                new Corruption("every nested object an empty array", false, b -> mapNested(b,
                        n -> n.isObject() ? JSON.createArrayNode() : null)),
                new Corruption("values the API does not define", false, b -> map(b, n -> n.isTextual()
                        && n.asText().matches("[a-z][a-zA-Z]{2,40}") ? TextNode.valueOf("marsColonyValue") : null)),
                new Corruption("every field missing", false, b -> mapNested(b, n -> n.isObject() ? JSON.createObjectNode()
                        : null)),
                new Corruption("a field of 8 MB", false, b -> map(b, n -> n.isTextual() ? TextNode.valueOf("9".repeat(
                        8 << 20)) : null, 1)),
                new Corruption("nested 100,000 deep", true, b -> "[".repeat(100_000) + "]".repeat(100_000)));
    }

    static Stream<Arguments> corpus() {
        List<Arguments> all = new ArrayList<>();
        for (Entry e : entries()) {
            for (Corruption c : corruptions()) {
                all.add(Arguments.of(e, c));
            }
        }
        return all.stream();
    }

    private static final java.util.concurrent.atomic.AtomicInteger REFUSED = new java.util.concurrent.atomic.AtomicInteger();
    private static final List<String> READ = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void reset() {
        CLOUD.simulator().faults().reset();
    }

    @org.junit.jupiter.api.AfterAll
    static void summary() {
        System.out.println("ServerAnswerCorpusTest: " + REFUSED.get() + " answers refused with "
                + "MalformedResponseException, " + READ.size() + " read because what the SDK needs was intact: "
                + READ);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("corpus")
    void a_bad_answer_is_a_typed_error_naming_the_field_and_the_rule(Entry entry, Corruption corruption) {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        GraphConnector graph = SimulatedConnector.forSimulator(sim, ResiliencePolicies.defaults());
        AcgProvisioningClient acg = AcgProvisioningClient.builder().connector(graph)
                .endpoint(URI.create(sim.provisioningBaseUrl()), MicrosoftCloudSimulator.PROVISIONING_SCOPE)
                .operator(OPERATOR, ClientSecretCredential.of(OPERATOR_APP, SECRET, Instant.now().plusSeconds(3600)))
                .build();
        // tokens first, so only the answer under test is corrupted
        if (!entry.name().equals("Entra token")) {
            graph.appToken(TENANT, credential());
        }
        java.util.function.Supplier<Object> read = entry.call().prepare(graph, acg);
        sim.faults().rewriteResponses(entry.method(), entry.path(), corruption.body());

        Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try {
                Object result = read.get();
                return new Accepted(String.valueOf(result));
            } catch (Throwable t) {
                return t;
            }
        });
        if (entry.name().equals("Entra token")) {
            // MSAL quotes a token answer it cannot parse in its own exception's message, and the JDK copies that
            // message into the ExecutionException/CompletionException its future is unwrapped with (the leak
            // scanner sees every exception constructed); the SDK must not pass any of them, or their text, on
            LeakScanner.settle();
            assertThat(LeakScanner.takeFindings()).allSatisfy(f -> assertThat(f).containsAnyOf(
                    "a com.microsoft.aad.msal4j.MsalClientException (", "a java.util.concurrent.ExecutionException (",
                    "a java.util.concurrent.CompletionException ("));
        }
        if (thrown instanceof Accepted accepted) {
            assertThat(corruption.unreadable()).as("%s / %s: an unreadable answer was accepted: %s", entry,
                    corruption, accepted.getMessage()).isFalse();
            READ.add(entry + " / " + corruption);
            return; // the fields the SDK needs were intact; what it returned passed its own validation
        }
        assertThat(thrown).as("%s / %s", entry, corruption).isInstanceOf(MalformedResponseException.class);
        MalformedResponseException m = (MalformedResponseException) thrown;
        REFUSED.incrementAndGet();
        assertThat(m.field()).isNotBlank();
        assertThat(m.rule()).isNotBlank();
        assertThat(m.getMessage()).contains(m.field(), m.rule()).hasSizeLessThan(2_000);
        assertThat(LeakScanner.scan("the error for " + entry + " / " + corruption, m)).isEmpty();
    }

    /** Marks a call that returned normally. */
    static final class Accepted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Accepted(String result) {
            super(result, null, false, false);
        }
    }

    private static String map(String body, UnaryOperator<JsonNode> f) {
        return map(body, f, Integer.MAX_VALUE);
    }

    /** Applies {@code f} to every value in the tree (at most {@code limit} replacements); null keeps the value. */
    private static String map(String body, UnaryOperator<JsonNode> f, int limit) {
        try {
            JsonNode root = JSON.readTree(body);
            int[] left = {limit};
            JsonNode out = walk(root, f, left, false);
            return JSON.writeValueAsString(out);
        } catch (Exception e) {
            return body;
        }
    }

    private static String mapNested(String body, UnaryOperator<JsonNode> f) {
        try {
            JsonNode root = JSON.readTree(body);
            return JSON.writeValueAsString(walk(root, f, new int[] {Integer.MAX_VALUE}, true));
        } catch (Exception e) {
            return body;
        }
    }

    private static JsonNode walk(JsonNode n, UnaryOperator<JsonNode> f, int[] left, boolean skipRoot) {
        if (!skipRoot && left[0] > 0) {
            JsonNode r = f.apply(n);
            if (r != null) {
                left[0]--;
                return r;
            }
        }
        if (n instanceof ObjectNode o) {
            ObjectNode copy = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                boolean keepRaw = e.getKey().startsWith("@odata") || e.getKey().equals("value");
                copy.set(e.getKey(), keepRaw && skipRoot ? walk(e.getValue(), f, left, true)
                        : walk(e.getValue(), f, left, false));
            }
            return copy;
        }
        if (n instanceof ArrayNode a) {
            ArrayNode copy = JSON.createArrayNode();
            a.forEach(x -> copy.add(walk(x, f, left, false)));
            return copy;
        }
        return n;
    }
}
