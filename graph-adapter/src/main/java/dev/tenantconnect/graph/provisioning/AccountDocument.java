package dev.tenantconnect.graph.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.model.TenantId;
import java.util.List;

/**
 * The provisioning API's account as a document to merge into: what the service answered minus its read-only
 * fields (swagger {@code AccountResource}: {@code serviceProvisioningStatus}, {@code serviceProvisioningErrors},
 * and each service's {@code numberCount} are {@code readOnly}), with Operator Connect switched on.
 */
final class AccountDocument {
    private static final List<String> SERVICES = List.of("teamsOperatorConnect", "teamsPhoneMobile",
            "teamsDirectRouting", "zoomPhoneCloudPeering", "azureOperatorCallProtection");

    private AccountDocument() {
    }

    /**
     * @param answer an account as the service answered it
     * @return its writable part (a copy)
     */
    static ObjectNode writable(JsonNode answer) {
        ObjectNode doc = ((ObjectNode) answer).deepCopy();
        doc.remove(List.of("serviceProvisioningStatus", "serviceProvisioningErrors"));
        JsonNode details = doc.path("serviceDetails");
        for (String service : SERVICES) {
            if (details.path(service).isObject()) {
                ((ObjectNode) details.get(service)).remove("numberCount");
            }
        }
        return doc;
    }

    /**
     * @param doc an account's writable part
     * @param tenant the tenant it must serve
     * @param name the account name
     * @throws ConfigurationException when the account serves another tenant (never taken over)
     */
    static void requireTenant(ObjectNode doc, TenantId tenant, String name) {
        String held = doc.path("serviceDetails").path("teamsTenantId").asText("");
        if (!held.isEmpty() && !held.equalsIgnoreCase(tenant.value())) {
            throw new ConfigurationException("provisioning account " + name + " is linked to another Teams tenant; "
                    + "it is left unchanged");
        }
    }

    /**
     * @param doc an account's writable part
     * @param tenant its tenant
     * @return whether Operator Connect still has to be linked, enabled or set syncing
     */
    static boolean needsOperatorConnect(ObjectNode doc, TenantId tenant) {
        JsonNode details = doc.path("serviceDetails");
        JsonNode oc = details.path("teamsOperatorConnect");
        return !tenant.value().equalsIgnoreCase(details.path("teamsTenantId").asText(""))
                || !oc.path("enabled").asBoolean(false) || !oc.path("syncEnabled").asBoolean(false);
    }

    /**
     * Sets the name, the tenant and Operator Connect {@code enabled}/{@code syncEnabled}; everything else is kept.
     *
     * @param doc the document to change
     * @param name the account name
     * @param tenant the tenant
     */
    static void enableOperatorConnect(ObjectNode doc, String name, TenantId tenant) {
        doc.put("name", name);
        ObjectNode details = doc.path("serviceDetails").isObject() ? (ObjectNode) doc.get("serviceDetails")
                : doc.putObject("serviceDetails");
        details.put("teamsTenantId", tenant.value());
        ObjectNode oc = details.path("teamsOperatorConnect").isObject() ? (ObjectNode) details.get(
                "teamsOperatorConnect") : details.putObject("teamsOperatorConnect");
        oc.put("enabled", true).put("syncEnabled", true);
    }
}
