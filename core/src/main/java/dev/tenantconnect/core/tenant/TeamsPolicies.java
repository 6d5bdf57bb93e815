package dev.tenantconnect.core.tenant;

import java.util.Optional;
import java.util.UUID;

/**
 * Teams policy grants in one customer tenant. A policy type the service refuses to grant is reported as
 * {@link PolicyGrantResult.Outcome#UNSUPPORTED_BY_GRAPH}, never pretended to be applied.
 */
public interface TeamsPolicies {
    /**
     * @param type a policy type, e.g. {@code TeamsCallingPolicy}
     * @param name a policy name
     * @return the policy's ID, if the tenant has it
     */
    Optional<String> policyId(String type, String name);

    /**
     * Grants a policy to a user.
     *
     * @param user the user's object ID
     * @param type the policy type
     * @param name the policy name
     * @return the outcome, with the service's words when it was not applied
     */
    PolicyGrantResult grant(UUID user, String type, String name);

    /**
     * Grants a policy to a user.
     *
     * @param user the user's object ID
     * @param policy the policy type and name
     * @return the outcome, with the service's words when it was not applied
     */
    default PolicyGrantResult grant(UUID user, TeamsPolicy policy) {
        return grant(user, policy.type(), policy.name());
    }
}
