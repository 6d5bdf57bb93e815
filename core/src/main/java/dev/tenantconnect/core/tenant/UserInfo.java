package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.licensing.AssignedPlan;
import dev.tenantconnect.core.model.UserRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A user (or resource account) as the enablement pipeline needs it. The UPN is personal data: not in
 * {@code toString}.
 *
 * @param id the object ID
 * @param userPrincipalName the UPN; empty when the answer did not carry it (a delta reports only what changed) or
 *     carried one that is not a well-formed UPN
 * @param usageLocation the two-letter usage location, if set
 * @param assignedPlans the service plans assigned, with status
 */
public record UserInfo(UUID id, Optional<UserRef.Upn> userPrincipalName, Optional<String> usageLocation,
        List<AssignedPlan> assignedPlans) {
    /** Validates and copies. */
    public UserInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userPrincipalName, "userPrincipalName");
        Objects.requireNonNull(usageLocation, "usageLocation");
        assignedPlans = List.copyOf(assignedPlans);
    }

    @Override
    public String toString() {
        return "UserInfo[" + id + ", plans=" + assignedPlans.size() + "]";
    }
}
