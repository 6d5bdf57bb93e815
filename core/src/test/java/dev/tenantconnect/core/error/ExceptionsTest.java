package dev.tenantconnect.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.RoleProfile;
import dev.tenantconnect.core.model.TenantId;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExceptionsTest {
    private static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");

    @Test
    void no_message_can_forge_a_log_line_or_hide_text_whatever_it_quotes() {
        String quoted = "x\r\n2026-12-06 12:00:00 INFO forged: all good\u202eevil\u0007";
        ConfigurationException e = new ConfigurationException("the server said: " + quoted);
        assertThat(e.getMessage()).doesNotContain("\r", "\n", "\u202e", "\u0007")
                .contains("\\u000d\\u000a2026-12-06 12:00:00 INFO forged", "\\u202eevil\\u0007");
        assertThat(new ConfigurationException("plain text stays as it is").getMessage())
                .isEqualTo("plain text stays as it is");
    }

    @Test
    void validation_errors_name_field_rule_and_line() {
        ValidationException e = new ValidationException("Number", "must not contain letters").atLine(12);
        assertThat(e).hasMessage("line 12, Number: must not contain letters");
        assertThat(e.line()).hasValue(12);
        assertThat(e.field()).isEqualTo("Number");
        assertThat(new ValidationException("x", "y").line()).isEmpty();
    }

    @Test
    void service_errors_carry_status_code_request_id_and_tenant() {
        ServiceException e = new ServiceException("assign number failed",
                ErrorContext.http(403, "Authorization_RequestDenied", "req-42").withTenant(TENANT)
                        .withClientRequestId("cli-7"), Optional.empty(), null);
        assertThat(e.status()).isEqualTo(403);
        assertThat(e).hasMessage("assign number failed [tenant " + TENANT.value()
                + ", status 403, code Authorization_RequestDenied, request-id req-42, client-request-id cli-7]");
        assertThat(e).isInstanceOf(TenantConnectException.class);
    }

    @Test
    void throttling_carries_the_demanded_wait() {
        ThrottledException e = new ThrottledException("slow down", ErrorContext.http(429, "TooManyRequests", "r"),
                Optional.of(Duration.ofSeconds(10)), null);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(10));
        assertThat(e).isInstanceOf(ServiceException.class);
    }

    @Test
    void missing_privileges_list_what_would_fix_it() {
        MissingPrivilegesException e = new MissingPrivilegesException("cannot manage Direct Routing",
                ErrorContext.forTenant(TENANT),
                RoleProfile.DIRECT_ROUTING_DAY_TWO.evaluate(Set.of(DirectoryRole.SKYPE_FOR_BUSINESS_ADMINISTRATOR)));
        assertThat(e).hasMessageStartingWith("cannot manage Direct Routing; missing one of: "
                + "Teams Administrator | Teams Telephony Administrator");
        assertThat(e.evaluation().satisfied()).isFalse();
    }

    @Test
    void a_malformed_answer_names_the_field_and_the_rule_and_is_a_service_error_without_a_status() {
        MalformedResponseException e = new MalformedResponseException("list numbers", "$.value[].telephoneNumber",
                "is missing", ErrorContext.none(), null);
        assertThat(e).isInstanceOf(ServiceException.class);
        assertThat(e.field()).isEqualTo("$.value[].telephoneNumber");
        assertThat(e.rule()).isEqualTo("is missing");
        assertThat(e.status()).as("not an HTTP refusal, so no retry policy repeats it").isEqualTo(-1);
        assertThat(e).hasMessageStartingWith("list numbers: the service's answer could not be read: "
                + "$.value[].telephoneNumber is missing");
    }

    @Test
    void client_side_and_service_side_errors_are_distinct_branches() {
        assertThat(new ConfigurationException("x")).isNotInstanceOf(ServiceException.class);
        assertThat(new StoreIntegrityException("x", null)).isInstanceOf(StoreException.class)
                .isNotInstanceOf(ServiceException.class);
        assertThat(new NumberConflictException("taken", ErrorContext.none())).isInstanceOf(ServiceException.class);
        assertThat(new NotFoundMaybeReplicatingException("app", ErrorContext.none(), 3, Duration.ofSeconds(1)))
                .hasMessage("app (not visible after 3 attempts, 1000 ms)");
    }
}
