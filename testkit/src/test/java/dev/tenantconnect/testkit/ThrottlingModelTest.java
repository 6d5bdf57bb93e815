package dev.tenantconnect.testkit;

import static dev.tenantconnect.testkit.Seeds.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.ClientId;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Graph's throttling as documented: reads cost resource units, reads and writes have separate budgets per
 * application and tenant, a tenant's write budget spans its applications, and every answer says what it cost.
 */
class ThrottlingModelTest {
    static final ClientId SECOND_APP = ClientId.parse("22be0dff-4d1f-6ddf-8000-000000000002");
    static final String SECOND_SECRET = "second-app-secret-456";
    static final String UPDATE = "/admin/teams/telephoneNumberManagement/numberAssignments/updateNumber";

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> {
        Seeds.contoso(sim, 3);
        sim.tenant(TENANT).app(SECOND_APP).grant(GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
                .secret(Secret.of(SECOND_SECRET), Instant.now().plusSeconds(86_400));
    });

    private static String update(int i) {
        return "{\"telephoneNumber\":\"+656789120" + i + "\",\"locationId\":\"loc-" + i + "\"}";
    }

    @Test
    void reads_cost_resource_units_and_reads_and_writes_have_separate_budgets(MicrosoftCloudSimulator sim)
            throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        sim.faults().throttlePerAppAndTenant(new Faults.Throttling(4, 0.01))
                .throttleWritesPerAppAndTenant(new Faults.Throttling(2, 0.01));

        assertThat(http.get(token, "/users").header("x-ms-resource-unit")).isEqualTo("2");
        assertThat(http.get(token, "/users?$select=id").header("x-ms-resource-unit")).as("$select -1").isEqualTo("1");
        Http.Reply last = http.get(token, "/organization");
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.header("x-ms-throttle-limit-percentage")).as("the read budget is used up").isEqualTo("1.00");
        Http.Reply read = http.get(token, "/organization");
        assertThat(read.status()).isEqualTo(429);
        assertThat(read.header("x-ms-throttle-scope")).isEqualTo("Tenant_Application/Read/" + Seeds.CLIENT.value()
                + "/" + TENANT.value());
        assertThat(read.header("x-ms-throttle-information")).isEqualTo("ResourceUnitLimitExceeded");

        assertThat(http.post(token, UPDATE, update(1)).status()).as("writes have their own budget").isEqualTo(200);
        assertThat(http.post(token, UPDATE, update(2)).status()).isEqualTo(200);
        Http.Reply write = http.post(token, UPDATE, update(3));
        assertThat(write.status()).isEqualTo(429);
        assertThat(write.header("x-ms-throttle-scope")).startsWith("Tenant_Application/Write/");
        assertThat(Integer.parseInt(write.header("Retry-After"))).isPositive();
        assertThat(sim.journal().countStatus(429)).isEqualTo(2);
    }

    @Test
    void a_tenant_write_budget_spans_its_applications(MicrosoftCloudSimulator sim) throws Exception {
        Http http = new Http(sim);
        String first = http.accessToken(TENANT);
        String second = http.token(TENANT, SECOND_APP.value(), SECOND_SECRET).json().get("access_token").asText();
        sim.faults().throttleTenantWideWrites(new Faults.Throttling(1, 0.01));

        assertThat(http.post(first, UPDATE, update(4)).status()).isEqualTo(200);
        Http.Reply other = http.post(second, UPDATE, update(5));
        assertThat(other.status()).as("another app, the same tenant").isEqualTo(429);
        assertThat(other.header("x-ms-throttle-scope")).isEqualTo("Tenant/Write/" + SECOND_APP.value() + "/"
                + TENANT.value());
        assertThat(http.get(second, "/admin/teams/telephoneNumberManagement/numberAssignments").status())
                .as("reads are not in the tenant's write budget").isEqualTo(200);
    }
}
