package dev.tenantconnect.testkit;

import static dev.tenantconnect.testkit.Seeds.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.testing.FakeClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceCodeFlowTest {
    private static final String PUBLIC_CLIENT = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
    private static final UserRef.Upn ADMIN = UserRef.Upn.parse("admin@contoso1.onmicrosoft.com");
    private final FakeClock clock = new FakeClock(Instant.now());
    private MicrosoftCloudSimulator sim;
    private HttpClient http;

    @BeforeEach
    void start() {
        sim = MicrosoftCloudSimulator.builder().clock(clock).timing(Timing.FAST).start();
        Seeds.contoso(sim, 1);
        http = HttpClient.newBuilder().sslContext(sim.sslContext()).build();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private JsonNode post(String path, String form) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return Http.JSON.readTree(r.body());
    }

    private JsonNode begin() throws Exception {
        return post("/" + TENANT.value() + "/oauth2/v2.0/devicecode", "client_id=" + PUBLIC_CLIENT + "&scope="
                + URLEncoder.encode("https://graph.microsoft.com/Application.ReadWrite.All offline_access",
                        StandardCharsets.UTF_8));
    }

    private JsonNode poll(String deviceCode) throws Exception {
        return post("/" + TENANT.value() + "/oauth2/v2.0/token", "grant_type=urn:ietf:params:oauth:grant-type:"
                + "device_code&client_id=" + PUBLIC_CLIENT + "&device_code=" + deviceCode);
    }

    @Test
    void pending_until_approved_then_tokens_with_the_admins_scopes_and_roles() throws Exception {
        JsonNode dc = begin();
        assertThat(dc.get("message").asText()).contains(dc.get("user_code").asText());
        assertThat(sim.deviceCodes().pendingUserCodes()).containsExactly(dc.get("user_code").asText());
        assertThat(poll(dc.get("device_code").asText()).get("error").asText()).isEqualTo("authorization_pending");

        sim.deviceCodes().approve(dc.get("user_code").asText(), TENANT, ADMIN,
                Set.of(DirectoryRole.APPLICATION_ADMINISTRATOR));
        JsonNode tokens = poll(dc.get("device_code").asText());

        assertThat(tokens.get("refresh_token").asText()).isNotBlank();
        var access = dev.tenantconnect.testkit.internal.Jwt.parse(tokens.get("access_token").asText()).orElseThrow();
        assertThat(access.string("scp")).contains("Application.ReadWrite.All");
        assertThat(access.claims().get("wids").toString()).contains(
                DirectoryRole.APPLICATION_ADMINISTRATOR.templateId().toString());
        assertThat(poll(dc.get("device_code").asText()).get("error").asText()).as("a code is used once")
                .isEqualTo("invalid_grant");
    }

    @Test
    void declined_and_expired_codes_end_the_flow() throws Exception {
        JsonNode declined = begin();
        sim.deviceCodes().decline(declined.get("user_code").asText());
        assertThat(poll(declined.get("device_code").asText()).get("error").asText())
                .isEqualTo("authorization_declined");

        JsonNode late = begin();
        clock.advance(Duration.ofMinutes(16));
        assertThat(poll(late.get("device_code").asText()).get("error").asText()).isEqualTo("expired_token");
    }

    @Test
    void refresh_tokens_rotate_and_revocation_ends_the_session() throws Exception {
        JsonNode dc = begin();
        sim.deviceCodes().approve(dc.get("user_code").asText(), TENANT, ADMIN, Set.of());
        String refresh = poll(dc.get("device_code").asText()).get("refresh_token").asText();

        JsonNode renewed = post("/" + TENANT.value() + "/oauth2/v2.0/token", "grant_type=refresh_token&client_id="
                + PUBLIC_CLIENT + "&refresh_token=" + refresh);
        String next = renewed.get("refresh_token").asText();
        assertThat(next).isNotEqualTo(refresh);
        assertThat(post("/" + TENANT.value() + "/oauth2/v2.0/token", "grant_type=refresh_token&client_id="
                + PUBLIC_CLIENT + "&refresh_token=" + refresh).get("error").asText()).isEqualTo("invalid_grant");

        sim.deviceCodes().revokeSessions(ADMIN);
        assertThat(post("/" + TENANT.value() + "/oauth2/v2.0/token", "grant_type=refresh_token&client_id="
                + PUBLIC_CLIENT + "&refresh_token=" + next).get("error_description").asText())
                .startsWith("AADSTS700082:");
    }
}
