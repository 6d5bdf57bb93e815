package dev.tenantconnect.testkit;

import static dev.tenantconnect.testkit.Seeds.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.testing.FakeClock;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultInjectionTest {
    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> Seeds.contoso(sim, 10));

    private static final String ASSIGN = "/admin/teams/telephoneNumberManagement/numberAssignments/assignNumber";

    private static String assignBody(String user) {
        return "{\"telephoneNumber\":\"+6567891210\",\"assignmentTargetId\":\"" + user
                + "\",\"numberType\":\"operatorConnect\"}";
    }

    @Test
    void latency_is_added_to_every_response(MicrosoftCloudSimulator sim) throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        sim.faults().latency(Duration.ofMillis(200), Duration.ZERO);

        long start = System.nanoTime();
        http.get(token, "/organization");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void throttling_per_app_and_tenant_answers_429_with_retry_after_and_scope(MicrosoftCloudSimulator sim)
            throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        String other = http.accessToken(Seeds.OTHER);
        sim.faults().throttlePerAppAndTenant(new Faults.Throttling(3, 0.2));

        for (int i = 0; i < 3; i++) {
            assertThat(http.get(token, "/organization").status()).isEqualTo(200);
        }
        Http.Reply throttled = http.get(token, "/organization");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().at("/error/code").asText()).isEqualTo("TooManyRequests");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 5);
        assertThat(throttled.header("x-ms-throttle-scope"))
                .isEqualTo("Tenant_Application/ReadWrite/" + Seeds.CLIENT.value() + "/" + TENANT.value());
        assertThat(http.get(other, "/organization").status()).as("another tenant has its own bucket").isEqualTo(200);
        assertThat(sim.journal().countStatus(429)).isEqualTo(1);
    }

    @Test
    void throttling_per_app_spans_tenants(MicrosoftCloudSimulator sim) throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        String other = http.accessToken(Seeds.OTHER);
        sim.faults().throttlePerApp(new Faults.Throttling(2, 0.1));

        assertThat(http.get(token, "/organization").status()).isEqualTo(200);
        assertThat(http.get(other, "/organization").status()).isEqualTo(200);
        assertThat(http.get(other, "/organization").status()).isEqualTo(429);
    }

    @Test
    void random_server_errors_follow_the_rate_and_the_seed(MicrosoftCloudSimulator sim) throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        sim.faults().serverErrors(0.3);
        int errors = 0;
        for (int i = 0; i < 200; i++) {
            int s = http.get(token, "/organization").status();
            assertThat(s).isIn(200, 500, 502, 503, 504);
            errors += s >= 500 ? 1 : 0;
        }
        assertThat(errors).isBetween(30, 90);
        sim.faults().serverErrors(1.0);
        assertThat(http.get(token, "/organization").status()).isGreaterThanOrEqualTo(500);
    }

    @Test
    void a_connection_dropped_before_the_write_leaves_the_tenant_unchanged(MicrosoftCloudSimulator sim)
            throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        String user = http.get(token, "/users/user1@contoso.onmicrosoft.com").json().get("id").asText();
        sim.faults().dropBeforeWrite(1.0);

        assertThatThrownBy(() -> http.post(token, ASSIGN, assignBody(user))).isInstanceOf(IOException.class);

        assertThat(sim.tenant(TENANT).number(PhoneNumber.parse("+6567891210")).orElseThrow().activationState())
                .isEqualTo("activated");
        assertThat(sim.journal().countStatus(0)).isEqualTo(1);
    }

    @Test
    void a_connection_dropped_after_the_write_hides_a_change_that_happened(MicrosoftCloudSimulator sim)
            throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        String user = http.get(token, "/users/user1@contoso.onmicrosoft.com").json().get("id").asText();
        sim.faults().dropAfterWrite(1.0);

        assertThatThrownBy(() -> http.post(token, ASSIGN, assignBody(user))).isInstanceOf(IOException.class);

        sim.faults().dropAfterWrite(0);
        Http.Reply list = http.get(token, "/admin/teams/telephoneNumberManagement/numberAssignments?$filter="
                + "telephoneNumber%20eq%20'%2B6567891210'");
        assertThat(list.json().at("/value/0/assignmentStatus").asText()).isEqualTo("userAssigned");
    }

    @Test
    void chosen_numbers_fail_their_operations(MicrosoftCloudSimulator sim) throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        String user = http.get(token, "/users/user1@contoso.onmicrosoft.com").json().get("id").asText();
        sim.faults().failOperationsFor("+6567891210");

        String location = http.post(token, ASSIGN, assignBody(user)).header("Location");
        Http.Reply op = http.get(token, location);

        assertThat(op.json().get("status").asText()).isEqualTo("failed");
        assertThat(op.json().at("/numbers/0/statusDetail").asText()).contains("Assignment failed");
        NumberView n = sim.tenant(TENANT).number(PhoneNumber.parse("+6567891210")).orElseThrow();
        assertThat(n.assignmentStatus()).isEqualTo("unassigned");
        assertThat(n.activationState()).isEqualTo("assignmentFailed");
    }

    @Test
    void the_token_endpoint_can_be_down(MicrosoftCloudSimulator sim) throws Exception {
        sim.faults().tokenEndpointDown(true);
        Http.Reply r = new Http(sim).token(TENANT, Seeds.CLIENT.value(), Seeds.SECRET);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("error").asText()).isEqualTo("temporarily_unavailable");
    }

    @Test
    void the_journal_counts_by_endpoint_status_and_tenant(MicrosoftCloudSimulator sim) throws Exception {
        Http http = new Http(sim);
        String token = http.accessToken(TENANT);
        http.get(token, "/users");
        http.get(token, "/users/nobody@contoso.onmicrosoft.com");

        assertThat(sim.journal().count("graph.users.list")).isEqualTo(1);
        assertThat(sim.journal().count("graph.users.get")).isEqualTo(1);
        assertThat(sim.journal().countStatus(404)).isEqualTo(1);
        assertThat(sim.journal().countTenant(TENANT)).isEqualTo(3);
        assertThat(sim.journal().entries(e -> e.status() == 404)).singleElement()
                .satisfies(e -> assertThat(e.path()).isEqualTo("/v1.0/users/nobody@contoso.onmicrosoft.com"));
    }

    @Test
    void new_objects_are_invisible_during_the_replication_delay() throws Exception {
        FakeClock clock = new FakeClock(java.time.Instant.now());
        try (MicrosoftCloudSimulator sim = MicrosoftCloudSimulator.builder().clock(clock).timing(Timing.FAST)
                .start()) {
            Seeds.contoso(sim, 1);
            Http http = new Http(sim);
            String token = http.accessToken(TENANT);
            sim.faults().replicationDelay(Duration.ofSeconds(10));
            sim.tenant(TENANT).addUser("late@contoso.onmicrosoft.com", "Late", "SG", Sku.OFFICE_365_E5);

            assertThat(http.get(token, "/users/late@contoso.onmicrosoft.com").status()).isEqualTo(404);
            clock.advance(Duration.ofSeconds(10));
            assertThat(http.get(token, "/users/late@contoso.onmicrosoft.com").status()).isEqualTo(200);
        }
    }

    @Test
    void operations_move_from_not_started_to_running_to_succeeded_on_the_clock() throws Exception {
        FakeClock clock = new FakeClock(java.time.Instant.now());
        try (MicrosoftCloudSimulator sim = MicrosoftCloudSimulator.builder().clock(clock).timing(Timing.FAST)
                .start()) {
            Seeds.contoso(sim, 2);
            sim.faults().operationDelay(Duration.ofSeconds(4));
            Http http = new Http(sim);
            String token = http.accessToken(TENANT);
            String user = http.get(token, "/users/user1@contoso.onmicrosoft.com").json().get("id").asText();
            String location = http.post(token, ASSIGN, assignBody(user)).header("Location");

            assertThat(http.get(token, location).json().get("status").asText()).isEqualTo("notStarted");
            clock.advance(Duration.ofSeconds(2));
            assertThat(http.get(token, location).json().get("status").asText()).isEqualTo("running");
            clock.advance(Duration.ofSeconds(2));
            assertThat(http.get(token, location).json().get("status").asText()).isEqualTo("succeeded");
        }
    }
}
