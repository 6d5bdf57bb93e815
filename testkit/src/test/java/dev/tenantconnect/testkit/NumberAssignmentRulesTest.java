package dev.tenantconnect.testkit;

import static dev.tenantconnect.testkit.Seeds.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.model.PhoneNumber;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simulator's assignment rules from Microsoft's documentation: a user holds one primary line (a second one is
 * refused, not silently swapped, also while the first is still being assigned), one private line, and Direct Routing
 * numbers that differ only in their extension are different numbers.
 */
class NumberAssignmentRulesTest {
    private static final String BASE = "/admin/teams/telephoneNumberManagement/numberAssignments/";

    @RegisterExtension
    final SimulatorExtension cloud = SimulatorExtension.create().seededWith(sim -> {
        Seeds.contoso(sim, 10);
        sim.tenant(TENANT).addNumber(PhoneNumber.parse("+14255551000;ext=11"),
                SimulatedTenant.NumberType.DIRECT_ROUTING);
        sim.tenant(TENANT).addNumber(PhoneNumber.parse("+14255551000;ext=12"),
                SimulatedTenant.NumberType.DIRECT_ROUTING);
    });

    private static String assign(String number, String user, String type, String category) {
        return "{\"telephoneNumber\":\"" + number + "\",\"assignmentTargetId\":\"" + user + "\",\"numberType\":\""
                + type + "\"" + (category == null ? "" : ",\"assignmentCategory\":\"" + category + "\"") + "}";
    }

    @Test
    void a_second_primary_number_is_refused_and_the_first_stays(MicrosoftCloudSimulator sim) throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        String user = http.get(token, "/users/user1@contoso.onmicrosoft.com").json().get("id").asText();
        assertThat(http.post(token, BASE + "assignNumber", assign("+6567891201", user, "operatorConnect", null))
                .status()).isEqualTo(202);

        Http.Reply second = http.post(token, BASE + "assignNumber", assign("+6567891202", user, "operatorConnect",
                "primary"));

        assertThat(second.status()).isEqualTo(400);
        assertThat(second.json().at("/error/message").asText()).contains("already has a primary telephone number");
        assertThat(sim.tenant(TENANT).number(PhoneNumber.parse("+6567891202")).orElseThrow().assignmentStatus())
                .isEqualTo("unassigned");
        assertThat(sim.tenant(TENANT).number(PhoneNumber.parse("+6567891201")).orElseThrow().assignmentTarget())
                .contains(UUID.fromString(user));
        // a private line is a different kind: one is allowed next to the primary line
        assertThat(http.post(token, BASE + "assignNumber", assign("+6567891203", user, "operatorConnect",
                "private")).status()).isEqualTo(202);
        assertThat(http.post(token, BASE + "assignNumber", assign("+6567891204", user, "operatorConnect",
                "private")).status()).isEqualTo(400);
    }

    @Test
    void an_assignment_in_progress_counts_as_held(MicrosoftCloudSimulator sim) throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        String user = http.get(token, "/users/user2@contoso.onmicrosoft.com").json().get("id").asText();
        sim.faults().operationDelay(Duration.ofHours(1));
        assertThat(http.post(token, BASE + "assignNumber", assign("+6567891205", user, "operatorConnect", null))
                .status()).isEqualTo(202);

        assertThat(http.post(token, BASE + "assignNumber", assign("+6567891206", user, "operatorConnect", null))
                .status()).isEqualTo(400);
        sim.faults().operationDelay(Duration.ZERO);
    }

    @Test
    void direct_routing_numbers_are_keyed_with_their_extension(MicrosoftCloudSimulator sim) throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        String a = http.get(token, "/users/user3@contoso.onmicrosoft.com").json().get("id").asText();
        String b = http.get(token, "/users/user4@contoso.onmicrosoft.com").json().get("id").asText();

        assertThat(http.post(token, BASE + "assignNumber", assign("+14255551000;ext=11", a, "directRouting", null))
                .status()).isEqualTo(202);
        assertThat(http.post(token, BASE + "assignNumber", assign("+14255551000;ext=12", b, "directRouting", null))
                .status()).isEqualTo(202);
        assertThat(http.get(token, BASE.substring(0, BASE.length() - 1)).json().get("value")).isNotEmpty();

        assertThat(sim.tenant(TENANT).number(PhoneNumber.parse("+14255551000;ext=11")).orElseThrow()
                .assignmentTarget()).contains(UUID.fromString(a));
        assertThat(sim.tenant(TENANT).number(PhoneNumber.parse("+14255551000;ext=12")).orElseThrow()
                .assignmentTarget()).contains(UUID.fromString(b));
        assertThat(sim.tenant(TENANT).number(PhoneNumber.parse("+14255551000"))).isEmpty();
    }
}
