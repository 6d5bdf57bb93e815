package dev.tenantconnect.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tenantconnect.core.resilience.AdaptivePacer;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.testing.FakeSleeper;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * What a Graph answer costs the tenant's budget reaches the pacer: Graph's {@code x-ms-resource-unit} (a list of users
 * costs 2 units, https://learn.microsoft.com/graph/throttling-limits) counts in what the pacer learns the budget's
 * refill rate from, so reads that cost double are not mistaken for room.
 */
class ResourceUnitsTest {

    private static Response answer(Optional<String> units) {
        Response.Builder b = new Response.Builder().request(new Request.Builder().url("https://graph.example/v1.0/users")
                .build()).protocol(Protocol.HTTP_1_1).code(200).message("OK")
                .header("x-ms-throttle-limit-percentage", "0.90");
        units.ifPresent(u -> b.header("x-ms-resource-unit", u));
        return b.build();
    }

    /** 51 answers 20 ms apart with the usage holding at 90 %: what the service accepted per second is the refill. */
    private static AdaptivePacer paced(Optional<String> units) {
        FakeClock clock = FakeClock.atEpoch2026();
        AdaptivePacer pacer = new AdaptivePacer(new AdaptivePacer.Settings(50, 1, 1_000), clock,
                new FakeSleeper(clock));
        for (int i = 0; i < 51; i++) {
            clock.advance(Duration.ofMillis(20));
            TransportPolicyInterceptor.report(pacer, answer(units), Duration.ofMillis(50), clock, 1);
        }
        return pacer;
    }

    @Test
    void answers_that_cost_two_units_count_twice_in_the_learned_refill_rate() {
        assertThat(paced(Optional.of("2")).learnedRate()).as("50 answers a second of 2 units each")
                .hasValueCloseTo(100.0, within(1e-6));
        assertThat(paced(Optional.empty()).learnedRate()).as("no header: 1 unit each").hasValueCloseTo(50.0,
                within(1e-6));
    }

    @Test
    void a_missing_or_unreadable_header_costs_what_the_request_was_known_to_cost() {
        assertThat(TransportPolicyInterceptor.units(null, 1)).isEqualTo(1);
        assertThat(TransportPolicyInterceptor.units(" 3 ", 1)).isEqualTo(3);
        assertThat(TransportPolicyInterceptor.units("0", 1)).isEqualTo(1);
        assertThat(TransportPolicyInterceptor.units("-2", 1)).isEqualTo(1);
        assertThat(TransportPolicyInterceptor.units("two", 1)).isEqualTo(1);
        assertThat(TransportPolicyInterceptor.units(null, 20)).as("a JSON batch of 20 requests").isEqualTo(20);
    }

    private static Request post(String url, String json) {
        return new Request.Builder().url(url).post(okhttp3.RequestBody.create(json, okhttp3.MediaType.get(
                "application/json"))).build();
    }

    @Test
    void a_json_batch_costs_as_many_units_as_it_holds_requests_any_other_request_one() {
        StringBuilder twenty = new StringBuilder("{\"requests\":[");
        for (int i = 1; i <= 20; i++) {
            twenty.append(i > 1 ? "," : "").append("{\"id\":\"").append(i)
                    .append("\",\"method\":\"GET\",\"url\":\"/users/u").append(i).append("\"}");
        }
        twenty.append("]}");
        assertThat(TransportPolicyInterceptor.units(post("https://graph.example/v1.0/$batch", twenty.toString())))
                .isEqualTo(20);
        assertThat(TransportPolicyInterceptor.units(post("https://graph.example/v1.0/%24batch", twenty.toString())))
                .as("the path escaped").isEqualTo(20);
        okio.Buffer gzipped = new okio.Buffer();
        try (okio.BufferedSink sink = okio.Okio.buffer(new okio.GzipSink(gzipped))) {
            sink.writeUtf8(twenty.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(TransportPolicyInterceptor.units(new Request.Builder().url("https://graph.example/v1.0/$batch")
                .header("Content-Encoding", "gzip").post(okhttp3.RequestBody.create(gzipped.readByteArray(),
                        okhttp3.MediaType.get("application/json"))).build())).as("gzipped by the SDK").isEqualTo(20);
        assertThat(TransportPolicyInterceptor.units(post("https://graph.example/v1.0/users", twenty.toString())))
                .as("not a batch").isEqualTo(1);
        assertThat(TransportPolicyInterceptor.units(post("https://graph.example/v1.0/$batch", "{\"requests\":")))
                .as("unreadable: at least one").isEqualTo(1);
        assertThat(TransportPolicyInterceptor.units(new Request.Builder().url("https://graph.example/v1.0/$batch")
                .build())).as("a GET").isEqualTo(1);
    }

    @Test
    void a_429_is_reported_as_throttled_not_as_accepted_units() {
        FakeClock clock = FakeClock.atEpoch2026();
        AdaptivePacer pacer = new AdaptivePacer(AdaptivePacer.Settings.DEFAULT, clock, new FakeSleeper(clock));
        Response refused = new Response.Builder().request(new Request.Builder().url("https://graph.example/v1.0/users")
                .build()).protocol(Protocol.HTTP_1_1).code(429).message("Too Many Requests")
                .header("Retry-After", "2").header("x-ms-resource-unit", "2").build();
        TransportPolicyInterceptor.report(pacer, refused, Duration.ofMillis(50), clock, 1);
        assertThat(pacer.throttledCount()).isEqualTo(1);
        assertThat(pacer.pressureCount()).isZero();
    }
}
