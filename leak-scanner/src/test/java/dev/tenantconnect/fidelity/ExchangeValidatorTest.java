package dev.tenantconnect.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The validator catches what breaks Microsoft's descriptions, and passes what follows them. Each test takes its
 * violations, so this class itself ends clean.
 */
class ExchangeValidatorTest {
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @AfterEach
    void clean() {
        ExchangeValidator.takeViolations();
    }

    private static Exchange graph(String endpoint, int status, String body) {
        return new Exchange("graph", endpoint, "GET", "/v1.0/x", Map.of(), Map.of(), "", status, JSON, body);
    }

    @Test
    void a_graph_answer_with_an_unknown_property_a_wrong_enum_member_or_format_is_a_violation() {
        long before = ExchangeValidator.graphValidated();
        ExchangeValidator.validate(graph("graph.numbers.list", 200, "{\"value\":[{\"telephoneNumber\":\"+12065550100\","
                + "\"numberType\":\"OperatorConnect\",\"phoneNumber\":\"x\",\"capabilities\":[\"userAssignment\","
                + "\"fax\"],\"assignmentTargetId\":7}]}"));
        ExchangeValidator.validate(graph("graph.users.get", 200, "{\"id\":\"u\",\"accountEnabled\":true,"
                + "\"createdDateTime\":\"2026-12-06T03:04:05.123456789Z\"}"));
        ExchangeValidator.validate(graph("graph.users.get", 404, "{\"message\":\"no error object\"}"));

        assertThat(ExchangeValidator.graphValidated() - before).isEqualTo(3);
        assertThat(ExchangeValidator.takeViolations()).satisfiesExactly(
                v -> assertThat(v).contains("'OperatorConnect' is not a member").contains("phoneNumber is not a "
                        + "property").contains("'fax' is not a member").contains("assignmentTargetId must be a string"),
                v -> assertThat(v).contains("createdDateTime must be an ISO 8601 date-time").contains("7 fractional"),
                v -> assertThat(v).contains("$.error must be an object"));
    }

    @Test
    void a_conforming_graph_answer_and_a_derived_type_pass() {
        ExchangeValidator.validate(graph("graph.domains.verificationDnsRecords", 200, "{\"value\":[{\"@odata.type\":"
                + "\"#microsoft.graph.domainDnsMxRecord\",\"id\":\"a\",\"isOptional\":false,\"label\":\"c.com\","
                + "\"recordType\":\"Mx\",\"supportedService\":\"Email\",\"ttl\":3600,\"mailExchange\":"
                + "\"ms1.msv1.invalid\",\"preference\":32767}]}"));
        assertThat(ExchangeValidator.takeViolations()).isEmpty();
    }

    @Test
    void a_provisioning_answer_missing_a_required_field_is_a_violation_and_a_refused_request_is_not() {
        long before = ExchangeValidator.provisioningValidated();
        ExchangeValidator.validate(new Exchange("provisioning", "provisioning.numbers.list", "GET",
                "/provisioning/numbers", Map.of("api-version", "2024-02-29-preview"), Map.of(), "", 200, JSON,
                "{\"value\":[{\"telephoneNumber\":\"+6590000001\",\"accountName\":\"contoso\"}]}"));
        assertThat(ExchangeValidator.takeViolations()).singleElement().satisfies(v -> assertThat(v)
                .contains("serviceDetails"));

        ExchangeValidator.validate(new Exchange("provisioning", "provisioning.accounts.createOrUpdateNumbers", "POST",
                "/provisioning/accounts/contoso:createOrUpdateNumbers", Map.of("api-version", "2024-02-29-preview"),
                JSON, "{\"numbers\":\"not an array\"}", 400, Map.of("Content-Type", "application/json",
                        "x-ms-error-code", "InvalidInput"), "{\"error\":{\"code\":\"InvalidInput\",\"message\":\"no\"}}"));
        assertThat(ExchangeValidator.takeViolations()).as("a refused bad request: only its answer is checked")
                .isEmpty();
        assertThat(ExchangeValidator.provisioningValidated() - before).isEqualTo(2);
    }
}
