package dev.tenantconnect.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.graph.models.odataerrors.MainError;
import com.microsoft.graph.models.odataerrors.ODataError;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.error.MissingPrivilegesException;
import dev.tenantconnect.core.error.ResourceNotFoundException;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.error.TenantConnectException;
import dev.tenantconnect.core.model.TenantId;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The translation of Graph's refusals: status to type, and Graph's own words escaped before they reach a message. */
class GraphErrorsTest {
    private static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000032");

    private static ODataError error(int status, String code, String message) {
        MainError main = new MainError();
        main.setCode(code);
        main.setMessage(message);
        ODataError e = new ODataError() {
            private static final long serialVersionUID = 1L;

            {
                setResponseStatusCode(status); // what the SDK's parser sets from the response
            }
        };
        e.setError(main);
        return e;
    }

    @Test
    void graphs_message_is_escaped_so_it_cannot_forge_a_log_line() {
        TenantConnectException t = GraphErrors.translate(GraphOperation.ASSIGN_NUMBER, TENANT,
                error(403, "Authorization_RequestDenied", "Denied.\nINFO forged line\u202e"), Clock.systemUTC(),
                () -> Set.of(GraphPermission.TEAMS_TELEPHONE_NUMBER_READ_ALL));

        assertThat(t).isInstanceOf(MissingPrivilegesException.class);
        assertThat(t.getMessage()).doesNotContain("\n").doesNotContain("\u202e")
                .contains("Denied.\\u000aINFO forged line\\u202e")
                .contains("missing one of: TeamsTelephoneNumber.ReadWrite.All");
        assertThat(((MissingPrivilegesException) t).evaluation().held())
                .isEqualTo(Set.of(GraphPermission.TEAMS_TELEPHONE_NUMBER_READ_ALL));
    }

    @Test
    void a_token_that_cannot_be_had_on_a_403_leaves_what_was_held_unknown_not_the_call_failing() {
        GraphCalls calls = new GraphCalls(TENANT, Clock.systemUTC(), () -> {
            throw new IllegalStateException("token endpoint down");
        });

        TenantConnectException t = calls.translate(GraphOperation.LIST_NUMBERS, error(403, "Forbidden", "no"));

        assertThat(t).isInstanceOfSatisfying(MissingPrivilegesException.class,
                e -> assertThat(e.evaluation().held()).isEmpty());
    }

    @Test
    void statuses_map_to_their_types() {
        assertThat(GraphErrors.translate(GraphOperation.READ_DOMAIN, TENANT, error(404, "Request_ResourceNotFound",
                "gone"), Clock.systemUTC(), Set::of)).isInstanceOf(ResourceNotFoundException.class);
        TenantConnectException other = GraphErrors.translate(GraphOperation.READ_DOMAIN, TENANT,
                error(409, "Conflict", "busy"), Clock.systemUTC(), Set::of);
        assertThat(other).isExactlyInstanceOf(ServiceException.class);
    }
}
