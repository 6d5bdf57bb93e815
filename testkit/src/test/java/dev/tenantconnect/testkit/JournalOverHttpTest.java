package dev.tenantconnect.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The request journal's summary served over HTTPS when asked for ({@code journalEndpoint(true)}, the standalone
 * simulator's {@code --journal-endpoint}), so a harness in another process counts what the simulator answered; the
 * summary requests themselves are not counted, and a simulator not asked for it has no such endpoint.
 */
class JournalOverHttpTest {

    @Test
    void the_summary_counts_requests_429s_and_tokens_per_tenant_and_is_cleared_on_request() throws Exception {
        try (MicrosoftCloudSimulator sim = MicrosoftCloudSimulator.builder().timing(Timing.FAST).journalEndpoint(true)
                .start()) {
            Seeds.contoso(sim, 3);
            sim.faults().throttlePerAppAndTenant(new Faults.Throttling(2, 0.001));
            Http http = new Http(sim);
            HttpClient plain = HttpClient.newBuilder().sslContext(sim.sslContext()).build();
            String token = http.accessToken(Seeds.TENANT);
            for (int i = 0; i < 4; i++) {
                http.get(token, "/users"); // 2 units each from a bucket of 2: the second and later are refused
            }

            JsonNode summary = Http.JSON.readTree(plain.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                    + MicrosoftCloudSimulator.JOURNAL_PATH)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(summary.get("httpRequests").asLong()).isEqualTo(5).isEqualTo(sim.journal().httpRequests());
            assertThat(summary.at("/byStatus/429").asLong()).isEqualTo(3).isEqualTo(sim.journal().countStatus(429));
            assertThat(summary.at("/tokenRequests/" + Seeds.TENANT.value()).asLong()).isEqualTo(1);

            HttpResponse<String> cleared = plain.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                    + MicrosoftCloudSimulator.JOURNAL_PATH + "/clear")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(cleared.statusCode()).isEqualTo(204);
            assertThat(sim.journal().httpRequests()).as("the summary requests are not journaled").isZero();
        }
    }

    @Test
    void without_the_option_there_is_no_journal_endpoint() throws Exception {
        try (MicrosoftCloudSimulator sim = MicrosoftCloudSimulator.builder().timing(Timing.FAST).start()) {
            HttpClient plain = HttpClient.newBuilder().sslContext(sim.sslContext()).build();
            HttpResponse<String> r = plain.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                    + MicrosoftCloudSimulator.JOURNAL_PATH)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(sim.journal().httpRequests()).as("an unknown path, journaled like any other").isEqualTo(1);
        }
    }
}
