package dev.tenantconnect.core.tenant;

import java.util.Objects;

/**
 * What happened to one Teams policy grant through Graph.
 *
 * @param policyType the policy type, e.g. {@code TeamsCallingPolicy}
 * @param policyName the policy name
 * @param outcome applied, policy not found, or the type cannot be granted through Graph
 * @param detail what Graph said, for not-applied outcomes
 */
public record PolicyGrantResult(String policyType, String policyName, Outcome outcome, String detail) {
    /** The outcomes of a grant. */
    public enum Outcome {
        /** Graph assigned the policy. */
        APPLIED,
        /** The tenant has no policy of that type and name. */
        POLICY_NOT_FOUND,
        /** Graph does not accept this policy type: grant it another way (Teams PowerShell). */
        UNSUPPORTED_BY_GRAPH
    }

    /** Rejects nulls. */
    public PolicyGrantResult {
        Objects.requireNonNull(policyType, "policyType");
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }
}
