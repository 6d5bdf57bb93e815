package dev.tenantconnect.core.licensing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a user's {@code assignedPlans} in Microsoft Graph.
 *
 * @param plan the service plan
 * @param status its capability status
 * @param assignedAt when it was assigned, if Graph said
 * @param service Graph's {@code service} text (e.g. {@code MicrosoftCommunicationsOnline}); informational only
 */
public record AssignedPlan(ServicePlan plan, CapabilityStatus status, Optional<Instant> assignedAt, String service) {
    /** Rejects nulls. */
    public AssignedPlan {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(assignedAt, "assignedAt");
        Objects.requireNonNull(service, "service");
    }

    /**
     * @param plan the plan
     * @param status its status
     * @return an entry without time or service text
     */
    public static AssignedPlan of(ServicePlan plan, CapabilityStatus status) {
        return new AssignedPlan(plan, status, Optional.empty(), "");
    }
}
