package dev.tenantconnect.testkit;

import static dev.tenantconnect.testkit.Seeds.CLIENT;
import static dev.tenantconnect.testkit.Seeds.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantconnect.fidelity.CsdlSchema;
import dev.tenantconnect.core.access.GraphPermission;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every Graph body the simulator serves conforms to Microsoft's v1.0 metadata (entity, property, enum names). */
class GraphMetadataFidelityTest {
    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> {
        Seeds.contoso(sim, 3);
        sim.tenant(TENANT).app(CLIENT).grant(GraphPermission.APPLICATION_READWRITE_ALL,
                GraphPermission.DOMAIN_READWRITE_ALL, GraphPermission.LICENSE_ASSIGNMENT_READWRITE_ALL);
    });

    private final List<String> violations = new ArrayList<>();
    private int checked;

    private void conforms(CsdlSchema csdl, String type, JsonNode body) {
        if (body.has("value")) {
            body.get("value").forEach(item -> conforms(csdl, type, item));
            return;
        }
        violations.addAll(csdl.check(type, body));
        checked++;
    }

    @Test
    void every_served_graph_body_uses_only_declared_properties_and_enum_members() throws Exception {
        CsdlSchema csdl = new CsdlSchema(getClass().getResourceAsStream("/reference/graph-v1.0-subset.csdl.xml"));
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        Http http = new Http(sim);
        String t = http.accessToken(TENANT);
        String user = http.get(t, "/users/user1@contoso.onmicrosoft.com").json().get("id").asText();
        String sp = sim.tenant(TENANT).app(CLIENT).servicePrincipalId().toString();
        String numbers = "/admin/teams/telephoneNumberManagement";
        String location = http.post(t, numbers + "/numberAssignments/assignNumber", "{\"telephoneNumber\":"
                + "\"+6567891201\",\"assignmentTargetId\":\"" + user + "\",\"numberType\":\"operatorConnect\"}")
                .header("Location");
        JsonNode app = http.post(t, "/applications", "{\"displayName\":\"fidelity\"}").json();
        JsonNode secret = http.post(t, "/applications/" + app.get("id").asText() + "/addPassword",
                "{\"passwordCredential\":{\"displayName\":\"x\"}}").json();
        http.post(t, "/domains", "{\"id\":\"fidelity.contoso.com\"}");

        conforms(csdl, "microsoft.graph.organization", http.get(t, "/organization").json());
        conforms(csdl, "microsoft.graph.user", http.get(t, "/users").json());
        conforms(csdl, "microsoft.graph.user", http.get(t, "/users/" + user).json());
        // licenseDetails is delegated only ("Application: Not supported.", user-list-licensedetails)
        String signedIn = http.delegatedToken(TENANT, "https://graph.microsoft.com/LicenseAssignment.Read.All",
                "reader@contoso1.onmicrosoft.com", java.util.Set.of());
        conforms(csdl, "microsoft.graph.licenseDetails", http.get(signedIn, "/users/" + user + "/licenseDetails")
                .json());
        conforms(csdl, "microsoft.graph.subscribedSku", http.get(t, "/subscribedSkus").json());
        conforms(csdl, "microsoft.graph.unifiedRoleAssignment",
                http.get(t, "/roleManagement/directory/roleAssignments").json());
        conforms(csdl, "microsoft.graph.unifiedRoleDefinition",
                http.get(t, "/roleManagement/directory/roleDefinitions").json());
        conforms(csdl, "microsoft.graph.servicePrincipal", http.get(t, "/servicePrincipals/" + sp).json());
        conforms(csdl, "microsoft.graph.servicePrincipal",
                http.get(t, "/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')").json());
        conforms(csdl, "microsoft.graph.appRoleAssignment",
                http.get(t, "/servicePrincipals/" + sp + "/appRoleAssignments").json());
        conforms(csdl, "microsoft.graph.teamsAdministration.numberAssignment",
                http.get(t, numbers + "/numberAssignments").json());
        conforms(csdl, "microsoft.graph.teamsAdministration.telephoneNumberLongRunningOperation",
                http.get(t, location).json());
        conforms(csdl, "microsoft.graph.teamsAdministration.teamsUserConfiguration",
                http.get(t, "/admin/teams/userConfigurations").json());
        conforms(csdl, "microsoft.graph.application", app);
        conforms(csdl, "microsoft.graph.application", http.get(t, "/applications/" + app.get("id").asText()).json());
        conforms(csdl, "microsoft.graph.passwordCredential", secret);
        conforms(csdl, "microsoft.graph.domain", http.get(t, "/domains").json());
        conforms(csdl, "microsoft.graph.domainDnsRecord",
                http.get(t, "/domains/fidelity.contoso.com/verificationDnsRecords").json());
        conforms(csdl, "microsoft.graph.user", http.get(t, "/users/delta").json());

        assertThat(checked).isGreaterThan(40);
        assertThat(violations).isEmpty();
    }

    @Test
    void the_checker_itself_catches_unknown_properties_and_enum_members() throws Exception {
        CsdlSchema csdl = new CsdlSchema(getClass().getResourceAsStream("/reference/graph-v1.0-subset.csdl.xml"));
        JsonNode bad = Http.JSON.readTree("{\"telephoneNumber\":\"+1\",\"numberType\":\"OperatorConnect\","
                + "\"phoneNumber\":\"x\",\"capabilities\":[\"userAssignment\",\"fax\"]}");
        assertThat(csdl.check("microsoft.graph.teamsAdministration.numberAssignment", bad)).hasSize(3);
    }
}
