package dev.tenantconnect.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each simulated Graph endpoint answers according to Microsoft Graph v1.0: the CSDL type of a successful
 * answer (a single entity, or a collection of them under {@code value}), and the documented error shape
 * ({@code {"error": {"code", "message", "innerError"}}}, https://learn.microsoft.com/graph/errors) otherwise.
 */
final class GraphAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String G = "microsoft.graph.";
    private static final String T = "microsoft.graph.teamsAdministration.";
    /** Endpoint name (the simulator's journal name) to the CSDL type its successful answers hold. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("graph.organization", G + "organization"),
            Map.entry("graph.subscribedSkus", G + "subscribedSku"),
            Map.entry("graph.users.list", G + "user"),
            Map.entry("graph.users.get", G + "user"),
            Map.entry("graph.users.create", G + "user"),
            Map.entry("graph.users.delta", G + "user"),
            Map.entry("graph.users.assignLicense", G + "user"),
            Map.entry("graph.users.licenseDetails", G + "licenseDetails"),
            Map.entry("graph.roleAssignments.list", G + "unifiedRoleAssignment"),
            Map.entry("graph.roleAssignments.create", G + "unifiedRoleAssignment"),
            Map.entry("graph.roleDefinitions.list", G + "unifiedRoleDefinition"),
            Map.entry("graph.servicePrincipals.get", G + "servicePrincipal"),
            Map.entry("graph.servicePrincipals.create", G + "servicePrincipal"),
            Map.entry("graph.servicePrincipals.appRoleAssignments", G + "appRoleAssignment"),
            Map.entry("graph.servicePrincipals.grant", G + "appRoleAssignment"),
            Map.entry("graph.applications.list", G + "application"),
            Map.entry("graph.applications.get", G + "application"),
            Map.entry("graph.applications.create", G + "application"),
            Map.entry("graph.applications.update", G + "application"),
            Map.entry("graph.applications.addPassword", G + "passwordCredential"),
            Map.entry("graph.applications.addKey", G + "keyCredential"),
            Map.entry("graph.domains.list", G + "domain"),
            Map.entry("graph.domains.get", G + "domain"),
            Map.entry("graph.domains.create", G + "domain"),
            Map.entry("graph.domains.verify", G + "domain"),
            Map.entry("graph.domains.verificationDnsRecords", G + "domainDnsRecord"),
            Map.entry("graph.numbers.list", T + "numberAssignment"),
            Map.entry("graph.numbers.get", T + "numberAssignment"),
            Map.entry("graph.numbers.operation", T + "telephoneNumberLongRunningOperation"),
            Map.entry("graph.userConfigurations.list", T + "teamsUserConfiguration"),
            Map.entry("graph.userConfigurations.get", T + "teamsUserConfiguration"),
            Map.entry("graph.policies.getPolicyId", T + "policyIdentifierDetail"));

    private final CsdlSchema csdl;

    GraphAnswers(InputStream csdlXml) throws Exception {
        this.csdl = new CsdlSchema(csdlXml);
    }

    /**
     * @param e a Graph exchange
     * @return its violations; empty when it conforms; empty Optional when no description covers it (a container
     *     such as {@code $batch}, whose parts are checked one by one, or an endpoint not mapped yet)
     */
    Optional<List<String>> check(Exchange e) {
        if (e.endpoint().equals("graph.batch")) {
            return Optional.empty();
        }
        if (e.responseBody().isBlank()) {
            return Optional.of(List.of());
        }
        JsonNode body;
        try {
            body = JSON.readTree(e.responseBody());
        } catch (Exception x) {
            return Optional.of(List.of("the answer is not JSON"));
        }
        if (e.status() >= 400) {
            return Optional.of(error(body));
        }
        String type = TYPES.get(e.endpoint());
        if (type == null) {
            return Optional.empty();
        }
        return Optional.of(csdl.check(type, body));
    }

    private static List<String> error(JsonNode body) {
        List<String> out = new ArrayList<>();
        JsonNode error = body.path("error");
        if (!error.isObject()) {
            out.add("$.error must be an object");
            return out;
        }
        if (!error.path("code").isTextual()) {
            out.add("$.error.code must be a string");
        }
        if (!error.path("message").isTextual()) {
            out.add("$.error.message must be a string");
        }
        return out;
    }
}
