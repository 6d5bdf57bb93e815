package dev.tenantconnect.graph;

import dev.tenantconnect.core.tenant.PolicyGrantResult;
import com.microsoft.graph.admin.teams.policy.userassignments.microsoftgraphteamsadministrationassign.AssignPostRequestBody;
import com.microsoft.graph.models.teamsadministration.TeamsPolicyUserAssignment;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.graph.internal.GraphCalls;
import dev.tenantconnect.graph.internal.GraphOperation;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Teams policy grants through Graph's generic policy assignment ({@code TeamsPolicyUserAssign.ReadWrite.All}).
 * Graph does not document which voice policy types it accepts; a type it refuses is reported as
 * {@link PolicyGrantResult.Outcome#UNSUPPORTED_BY_GRAPH}, never pretended to be applied.
 */
public final class TeamsPolicies implements dev.tenantconnect.core.tenant.TeamsPolicies {
    private final TenantId tenant;
    private final GraphServiceClient graph;
    private final Clock clock;
    private final GraphCalls calls;

    TeamsPolicies(TenantId tenant, GraphServiceClient graph, Clock clock,
            java.util.function.Supplier<java.util.Set<dev.tenantconnect.core.access.GraphPermission>> held) {
        this.tenant = Objects.requireNonNull(tenant);
        this.graph = Objects.requireNonNull(graph);
        this.clock = Objects.requireNonNull(clock);
        this.calls = new GraphCalls(tenant, clock, held);
    }

    /**
     * @param type a policy type
     * @param name a policy name
     * @return the policy's ID, if the tenant has it
     */
    @Override
    public Optional<String> policyId(String type, String name) {
        // the generated builder takes the name first, then the type (checked against the request it sends)
        var found = calls.run(GraphOperation.FIND_POLICY, () -> graph.admin().teams().policy()
                .microsoftGraphTeamsAdministrationGetPolicyIdWithTypeWithName(name, type).get().getValue());
        return found == null ? Optional.empty() : found.stream().findFirst().map(d -> d.getPolicyId());
    }

    /**
     * Grants a policy to a user.
     *
     * @param user the user's object ID
     * @param type the policy type
     * @param name the policy name
     * @return the outcome, with Graph's words when it was not applied
     */
    @Override
    public PolicyGrantResult grant(UUID user, String type, String name) {
        Optional<String> id = policyId(type, name);
        if (id.isEmpty()) {
            return new PolicyGrantResult(type, name, PolicyGrantResult.Outcome.POLICY_NOT_FOUND,
                    "the tenant has no " + type + " named " + name);
        }
        try {
            TeamsPolicyUserAssignment a = new TeamsPolicyUserAssignment();
            a.setUserId(user.toString());
            a.setPolicyType(type);
            a.setPolicyId(id.get());
            AssignPostRequestBody body = new AssignPostRequestBody();
            body.setValue(List.of(a));
            graph.admin().teams().policy().userAssignments().microsoftGraphTeamsAdministrationAssign().post(body);
            return new PolicyGrantResult(type, name, PolicyGrantResult.Outcome.APPLIED, "");
        } catch (RuntimeException e) {
            var t = calls.translate(GraphOperation.GRANT_POLICY, e);
            if (t instanceof ServiceException se && se.status() == 400) {
                return new PolicyGrantResult(type, name, PolicyGrantResult.Outcome.UNSUPPORTED_BY_GRAPH,
                        "Graph refused the policy type (" + se.context().serviceErrorCode().orElse("BadRequest")
                                + "); grant it with Teams PowerShell (Grant-Cs" + type + ")");
            }
            throw t;
        }
    }
}
