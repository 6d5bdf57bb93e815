package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.model.PhoneNumber;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A telephone number in the customer tenant's Teams inventory, as Graph reports it. Enum texts are Graph's
 * (camelCase) so that values Graph adds later are kept, not lost.
 *
 * @param number the number
 * @param numberType how the number reaches Teams, as Graph says it (a member Graph added later is kept)
 * @param assignmentStatus {@code unassigned}, {@code userAssigned}, {@code voiceApplicationAssigned}, ...
 * @param activationState {@code activated}, {@code assignmentPending}, {@code assignmentFailed}, ...
 * @param assignmentTarget the user or resource account it is assigned to
 * @param capabilities what it may be assigned to ({@code userAssignment}, {@code voiceApplicationAssignment}, ...)
 * @param isoCountryCode its country
 * @param locationId the emergency location, if set
 */
public record TenantNumber(PhoneNumber number, TeamsNumberType numberType, String assignmentStatus, String activationState,
        Optional<UUID> assignmentTarget, List<String> capabilities, String isoCountryCode, Optional<String> locationId) {
    /** Validates and copies. */
    public TenantNumber {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(numberType, "numberType");
        Objects.requireNonNull(assignmentStatus, "assignmentStatus");
        Objects.requireNonNull(activationState, "activationState");
        Objects.requireNonNull(assignmentTarget, "assignmentTarget");
        capabilities = List.copyOf(capabilities);
        Objects.requireNonNull(isoCountryCode, "isoCountryCode");
        Objects.requireNonNull(locationId, "locationId");
    }

    /** @return whether nobody holds it */
    public boolean unassigned() {
        return assignmentStatus.equals("unassigned");
    }

    @Override
    public String toString() {
        return "TenantNumber[" + number.redacted() + ", " + numberType + ", " + assignmentStatus + ", "
                + activationState + "]";
    }
}
