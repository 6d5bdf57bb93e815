package dev.tenantconnect.testkit;

import static dev.tenantconnect.testkit.Seeds.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.model.PhoneNumber;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The number list's {@code $filter} as Microsoft documents it: "All fields from the number assignments can be filtered
 * except id and city"
 * (https://learn.microsoft.com/graph/api/teamsadministration-telephonenumbermanagementroot-list-numberassignments).
 * The SDK looks up the number a user holds with {@code assignmentTargetId eq '<user>'}.
 */
class NumberListFilterTest {
    private static final String LIST = "/admin/teams/telephoneNumberManagement/numberAssignments?$filter=";

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> Seeds.contoso(sim, 20));

    @Test
    void a_list_filtered_by_assignment_target_holds_the_users_number_only(MicrosoftCloudSimulator sim)
            throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        UUID user = UUID.fromString(http.get(token, "/users/user5@contoso.onmicrosoft.com").json().get("id").asText());
        sim.tenant(TENANT).assignNumber(PhoneNumber.parse("+6567891205"), user, java.util.Optional.empty());

        Http.Reply mine = http.get(token, LIST + "assignmentTargetId%20eq%20'" + user + "'");
        Http.Reply nobody = http.get(token, LIST + "assignmentTargetId%20eq%20'" + UUID.randomUUID() + "'");

        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().get("value")).hasSize(1);
        assertThat(mine.json().at("/value/0/telephoneNumber").asText()).isEqualTo("+6567891205");
        assertThat(nobody.json().get("value")).isEmpty();
    }

    @Test
    void id_and_city_are_the_fields_microsoft_does_not_filter_on(MicrosoftCloudSimulator sim) throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);

        for (String field : new String[] {"id", "city"}) {
            Http.Reply r = http.get(token, LIST + field + "%20eq%20'x'");
            assertThat(r.status()).as(field).isEqualTo(400);
            assertThat(r.json().at("/error/message").asText()).as(field).contains(field);
        }
    }

    @Test
    void numbers_joined_by_or_come_back_together_and_and_binds_tighter(MicrosoftCloudSimulator sim)
            throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        UUID user = UUID.fromString(http.get(token, "/users/user3@contoso.onmicrosoft.com").json().get("id").asText());
        sim.tenant(TENANT).assignNumber(PhoneNumber.parse("+6567891203"), user, java.util.Optional.empty());

        Http.Reply three = http.get(token, LIST + "telephoneNumber%20eq%20'%2B6567891201'%20or%20"
                + "telephoneNumber%20eq%20'%2B6567891203'%20OR%20telephoneNumber%20eq%20'%2B6567891219'");
        // (assigned and +...01) or +...03: +...01 is unassigned, so only +...03 comes back
        Http.Reply bound = http.get(token, LIST + "assignmentStatus%20eq%20'userAssigned'%20and%20"
                + "telephoneNumber%20eq%20'%2B6567891201'%20or%20telephoneNumber%20eq%20'%2B6567891203'");
        // a quoted value holding " or " is one value, not two clauses
        Http.Reply quoted = http.get(token, LIST + "telephoneNumber%20eq%20'%2B6567891201%20or%20x'");

        assertThat(three.status()).isEqualTo(200);
        assertThat(three.json().findValuesAsText("telephoneNumber")).containsExactly("+6567891201", "+6567891203",
                "+6567891219");
        assertThat(bound.json().findValuesAsText("telephoneNumber")).containsExactly("+6567891203");
        assertThat(quoted.status()).isEqualTo(200);
        assertThat(quoted.json().get("value")).isEmpty();
    }

    @Test
    void a_field_that_cannot_be_filtered_is_refused_in_any_alternative(MicrosoftCloudSimulator sim) throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);

        Http.Reply r = http.get(token, LIST + "telephoneNumber%20eq%20'%2B6567891201'%20or%20city%20eq%20'x'");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText()).contains("city");
    }
}
