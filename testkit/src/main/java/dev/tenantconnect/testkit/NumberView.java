package dev.tenantconnect.testkit;

import java.util.Optional;
import java.util.UUID;

/**
 * A telephone number as the simulated tenant holds it, for assertions.
 *
 * @param telephoneNumber E.164 with '+'
 * @param numberType {@code operatorConnect}, {@code directRouting} or {@code callingPlan}
 * @param assignmentStatus e.g. {@code unassigned}, {@code userAssigned}
 * @param activationState e.g. {@code activated}, {@code assignmentPending}
 * @param assignmentTarget the user or resource account it is assigned to
 */
public record NumberView(String telephoneNumber, String numberType, String assignmentStatus, String activationState,
        Optional<UUID> assignmentTarget) {
}
