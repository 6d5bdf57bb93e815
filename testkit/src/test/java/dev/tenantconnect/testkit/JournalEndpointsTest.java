package dev.tenantconnect.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every {@link JournalEndpoints} constant is the name the simulator records for a request of its kind, and every
 * constant is checked here: counting with a constant counts what it says.
 */
class JournalEndpointsTest {
    private static final String T = "6b17bc95-fa47-49bf-8b00-000000000046";
    private static final String N = "/admin/teams/telephoneNumberManagement";
    private static final String ID = "00000000-0000-0000-0000-000000000001";

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create();

    /** One request per constant: API (login, graph, provisioning), method, path. */
    private static Map<String, List<String>> requests() {
        Map<String, List<String>> r = new LinkedHashMap<>();
        r.put(JournalEndpoints.ENTRA_TOKEN, List.of("login", "POST", "/" + T + "/oauth2/v2.0/token"));
        r.put(JournalEndpoints.ENTRA_DEVICE_CODE, List.of("login", "POST", "/" + T + "/oauth2/v2.0/devicecode"));
        r.put(JournalEndpoints.ENTRA_AUTHORIZE, List.of("login", "GET", "/" + T + "/oauth2/v2.0/authorize"));
        r.put(JournalEndpoints.GRAPH_BATCH, List.of("graph", "POST", "/$batch"));
        r.put(JournalEndpoints.GRAPH_ORGANIZATION, List.of("graph", "GET", "/organization"));
        r.put(JournalEndpoints.GRAPH_SUBSCRIBED_SKUS, List.of("graph", "GET", "/subscribedSkus"));
        r.put(JournalEndpoints.GRAPH_USERS_LIST, List.of("graph", "GET", "/users"));
        r.put(JournalEndpoints.GRAPH_USERS_GET, List.of("graph", "GET", "/users/" + ID));
        r.put(JournalEndpoints.GRAPH_USERS_CREATE, List.of("graph", "POST", "/users"));
        r.put(JournalEndpoints.GRAPH_USERS_DELETE, List.of("graph", "DELETE", "/users/" + ID));
        r.put(JournalEndpoints.GRAPH_USERS_DELTA, List.of("graph", "GET", "/users/delta"));
        r.put(JournalEndpoints.GRAPH_USERS_ASSIGN_LICENSE, List.of("graph", "POST", "/users/" + ID + "/assignLicense"));
        r.put(JournalEndpoints.GRAPH_USERS_LICENSE_DETAILS, List.of("graph", "GET", "/users/" + ID + "/licenseDetails"));
        r.put(JournalEndpoints.GRAPH_APPLICATIONS_LIST, List.of("graph", "GET", "/applications"));
        r.put(JournalEndpoints.GRAPH_APPLICATIONS_GET, List.of("graph", "GET", "/applications/" + ID));
        r.put(JournalEndpoints.GRAPH_APPLICATIONS_CREATE, List.of("graph", "POST", "/applications"));
        r.put(JournalEndpoints.GRAPH_APPLICATIONS_UPSERT, List.of("graph", "PATCH", "/applications(uniqueName='x')"));
        r.put(JournalEndpoints.GRAPH_APPLICATIONS_UPDATE, List.of("graph", "PATCH", "/applications/" + ID));
        r.put(JournalEndpoints.GRAPH_APPLICATIONS_DELETE, List.of("graph", "DELETE", "/applications/" + ID));
        r.put(JournalEndpoints.GRAPH_APPLICATIONS_OWNERS, List.of("graph", "GET", "/applications/" + ID + "/owners"));
        r.put(JournalEndpoints.GRAPH_APPLICATIONS_ADD_OWNER, List.of("graph", "POST", "/applications/" + ID
                + "/owners/$ref"));
        r.put(JournalEndpoints.GRAPH_APPLICATIONS_ADD_PASSWORD, List.of("graph", "POST", "/applications/" + ID
                + "/addPassword"));
        r.put(JournalEndpoints.GRAPH_APPLICATIONS_REMOVE_PASSWORD, List.of("graph", "POST", "/applications/" + ID
                + "/removePassword"));
        r.put(JournalEndpoints.GRAPH_APPLICATIONS_ADD_KEY, List.of("graph", "POST", "/applications/" + ID + "/addKey"));
        r.put(JournalEndpoints.GRAPH_APPLICATIONS_REMOVE_KEY, List.of("graph", "POST", "/applications/" + ID
                + "/removeKey"));
        r.put(JournalEndpoints.GRAPH_SERVICE_PRINCIPALS_GET, List.of("graph", "GET", "/servicePrincipals/" + ID));
        r.put(JournalEndpoints.GRAPH_SERVICE_PRINCIPALS_CREATE, List.of("graph", "POST", "/servicePrincipals"));
        r.put(JournalEndpoints.GRAPH_SERVICE_PRINCIPALS_APP_ROLE_ASSIGNMENTS, List.of("graph", "GET",
                "/servicePrincipals/" + ID + "/appRoleAssignments"));
        r.put(JournalEndpoints.GRAPH_SERVICE_PRINCIPALS_GRANT, List.of("graph", "POST", "/servicePrincipals/" + ID
                + "/appRoleAssignments"));
        r.put(JournalEndpoints.GRAPH_SERVICE_PRINCIPALS_REVOKE, List.of("graph", "DELETE", "/servicePrincipals/" + ID
                + "/appRoleAssignments/x"));
        r.put(JournalEndpoints.GRAPH_ROLE_ASSIGNMENTS_LIST, List.of("graph", "GET",
                "/roleManagement/directory/roleAssignments"));
        r.put(JournalEndpoints.GRAPH_ROLE_ASSIGNMENTS_CREATE, List.of("graph", "POST",
                "/roleManagement/directory/roleAssignments"));
        r.put(JournalEndpoints.GRAPH_ROLE_ASSIGNMENTS_DELETE, List.of("graph", "DELETE",
                "/roleManagement/directory/roleAssignments/x"));
        r.put(JournalEndpoints.GRAPH_ROLE_DEFINITIONS_LIST, List.of("graph", "GET",
                "/roleManagement/directory/roleDefinitions"));
        r.put(JournalEndpoints.GRAPH_DOMAINS_LIST, List.of("graph", "GET", "/domains"));
        r.put(JournalEndpoints.GRAPH_DOMAINS_GET, List.of("graph", "GET", "/domains/contoso.example"));
        r.put(JournalEndpoints.GRAPH_DOMAINS_CREATE, List.of("graph", "POST", "/domains"));
        r.put(JournalEndpoints.GRAPH_DOMAINS_DELETE, List.of("graph", "DELETE", "/domains/contoso.example"));
        r.put(JournalEndpoints.GRAPH_DOMAINS_VERIFICATION_RECORDS, List.of("graph", "GET",
                "/domains/contoso.example/verificationDnsRecords"));
        r.put(JournalEndpoints.GRAPH_DOMAINS_VERIFY, List.of("graph", "POST", "/domains/contoso.example/verify"));
        r.put(JournalEndpoints.GRAPH_NUMBERS_LIST, List.of("graph", "GET", N + "/numberAssignments"));
        r.put(JournalEndpoints.GRAPH_NUMBERS_GET, List.of("graph", "GET", N + "/numberAssignments/6567890101"));
        r.put(JournalEndpoints.GRAPH_NUMBERS_ASSIGN, List.of("graph", "POST", N + "/numberAssignments/assignNumber"));
        r.put(JournalEndpoints.GRAPH_NUMBERS_UNASSIGN, List.of("graph", "POST", N
                + "/numberAssignments/microsoft.graph.teamsAdministration.unassignNumber"));
        r.put(JournalEndpoints.GRAPH_NUMBERS_UPDATE, List.of("graph", "POST", N + "/numberAssignments/updateNumber"));
        r.put(JournalEndpoints.GRAPH_NUMBERS_OPERATION, List.of("graph", "GET", N + "/operations/x"));
        r.put(JournalEndpoints.GRAPH_USER_CONFIGURATIONS_LIST, List.of("graph", "GET",
                "/admin/teams/userConfigurations"));
        r.put(JournalEndpoints.GRAPH_USER_CONFIGURATIONS_GET, List.of("graph", "GET",
                "/admin/teams/userConfigurations/" + ID));
        r.put(JournalEndpoints.GRAPH_POLICIES_GET_POLICY_ID, List.of("graph", "GET",
                "/admin/teams/policy/getPolicyId(type='TeamsCallingPolicy',name='x')"));
        r.put(JournalEndpoints.GRAPH_POLICIES_ASSIGN, List.of("graph", "POST",
                "/admin/teams/policy/userAssignments/assign"));
        r.put(JournalEndpoints.PROVISIONING_ACCOUNTS_GET, List.of("provisioning", "GET", "/accounts/t-x"));
        r.put(JournalEndpoints.PROVISIONING_ACCOUNTS_PUT, List.of("provisioning", "PUT", "/accounts/t-x"));
        r.put(JournalEndpoints.PROVISIONING_CREATE_OR_UPDATE_NUMBERS, List.of("provisioning", "POST",
                "/accounts/t-x:createOrUpdateNumbers"));
        r.put(JournalEndpoints.PROVISIONING_DELETE_NUMBERS, List.of("provisioning", "POST",
                "/accounts/t-x:deleteNumbers"));
        r.put(JournalEndpoints.PROVISIONING_NUMBERS_LIST, List.of("provisioning", "GET", "/accounts/t-x/numbers"));
        r.put(JournalEndpoints.PROVISIONING_NUMBERS_GET, List.of("provisioning", "GET",
                "/accounts/t-x/numbers/%2B6567890101"));
        r.put(JournalEndpoints.PROVISIONING_CONSENTS_GET, List.of("provisioning", "GET",
                "/teamsRequestsForInformation"));
        r.put(JournalEndpoints.PROVISIONING_CIVIC_ADDRESSES, List.of("provisioning", "GET",
                "/accounts/t-x/teamsCivicAddresses"));
        return r;
    }

    @Test
    void every_constant_is_checked_below() throws IllegalAccessException {
        Set<String> constants = new java.util.TreeSet<>();
        for (Field f : JournalEndpoints.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                constants.add((String) f.get(null));
            }
        }
        assertThat(constants).isEqualTo(new java.util.TreeSet<>(requests().keySet()));
    }

    @Test
    void each_constant_is_what_the_simulator_records_for_its_request(MicrosoftCloudSimulator sim) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(sim.sslContext()).connectTimeout(Duration.ofSeconds(5))
                .build();
        Map<String, String> recorded = new LinkedHashMap<>();
        for (var e : requests().entrySet()) {
            String base = switch (e.getValue().get(0)) {
                case "graph" -> sim.graphBaseUrl();
                case "provisioning" -> sim.provisioningBaseUrl();
                default -> sim.baseUrl();
            };
            String method = e.getValue().get(1);
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + e.getValue().get(2)))
                    .header("Content-Type", "application/json")
                    .method(method, method.equals("GET") || method.equals("DELETE")
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"))
                    .build();
            int before = sim.journal().entries().size();
            http.send(req, HttpResponse.BodyHandlers.discarding());
            List<RequestJournal.Entry> entries = sim.journal().entries();
            recorded.put(e.getKey(), entries.size() > before ? entries.get(entries.size() - 1).endpoint() : "(none)");
        }
        Map<String, String> mismatched = recorded.entrySet().stream().filter(x -> !x.getKey().equals(x.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        assertThat(mismatched).as("constant -> what the simulator recorded").isEmpty();
    }
}
