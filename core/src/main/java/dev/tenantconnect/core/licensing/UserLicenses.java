package dev.tenantconnect.core.licensing;

import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.error.LicenseException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The licence facts of one user, evaluated from the user's assigned plans by service plan ID. When a plan
 * appears several times (several SKUs carry it), the most usable status wins.
 */
public final class UserLicenses {
    private final Map<ServicePlan, CapabilityStatus> best;

    private UserLicenses(Map<ServicePlan, CapabilityStatus> best) {
        this.best = Map.copyOf(best);
    }

    /**
     * @param assignedPlans the user's {@code assignedPlans}
     * @return the evaluation
     */
    public static UserLicenses of(Collection<AssignedPlan> assignedPlans) {
        Map<ServicePlan, CapabilityStatus> best = new HashMap<>();
        for (AssignedPlan p : assignedPlans) {
            best.merge(p.plan(), p.status(), (a, b) -> a.ordinal() <= b.ordinal() ? a : b);
        }
        return new UserLicenses(best);
    }

    /**
     * @param plan a service plan
     * @return the best status of that plan, empty when the user has never had it
     */
    public Optional<CapabilityStatus> status(ServicePlan plan) {
        return Optional.ofNullable(best.get(plan));
    }

    /** @return whether Teams Phone (MCOEV) is usable: enabled, or in its grace period */
    public boolean hasTeamsPhone() {
        return usable(ServicePlan.TEAMS_PHONE);
    }

    /** @return whether the Teams Phone Resource Account plan is usable (for auto attendants and call queues) */
    public boolean hasResourceAccountLicense() {
        return usable(ServicePlan.TEAMS_PHONE_RESOURCE_ACCOUNT);
    }

    /** @return whether any Microsoft calling plan is usable */
    public boolean hasCallingPlan() {
        return ServicePlan.CALLING_PLANS.stream().anyMatch(this::usable);
    }

    /** @return whether Teams itself is usable */
    public boolean hasTeams() {
        return usable(ServicePlan.TEAMS);
    }

    /** @return how many plans of each status the user holds, for reports */
    public Map<CapabilityStatus, Integer> countByStatus() {
        Map<CapabilityStatus, Integer> m = new EnumMap<>(CapabilityStatus.class);
        best.values().forEach(s -> m.merge(s, 1, Integer::sum));
        return m;
    }

    private boolean usable(ServicePlan plan) {
        return status(plan).map(CapabilityStatus::usable).orElse(false);
    }

    /**
     * Explains why a user cannot be voice-enabled, or nothing when they can.
     *
     * @param resourceAccount whether the target is a resource account (needs MCOEV_VIRTUALUSER instead of MCOEV)
     * @return the problem in words, if any
     */
    public Optional<String> voiceProblem(boolean resourceAccount) {
        ServicePlan plan = resourceAccount ? ServicePlan.TEAMS_PHONE_RESOURCE_ACCOUNT : ServicePlan.TEAMS_PHONE;
        Optional<CapabilityStatus> s = status(plan);
        if (s.isEmpty()) {
            return Optional.of("no " + plan + " (" + plan.friendlyName().orElse("") + ") service plan assigned");
        }
        if (!s.get().usable()) {
            return Optional.of(plan + " service plan is " + s.get().name().toLowerCase(java.util.Locale.ROOT));
        }
        return Optional.empty();
    }

    /**
     * @param resourceAccount whether the target is a resource account
     * @param context where the check happened, for the exception
     * @throws LicenseException when the user cannot be voice-enabled
     */
    public void requireVoice(boolean resourceAccount, ErrorContext context) {
        voiceProblem(resourceAccount).ifPresent(p -> {
            throw new LicenseException(p, context);
        });
    }

    /** @return the plans held, with their best status */
    public Map<ServicePlan, CapabilityStatus> plans() {
        return best;
    }

    @Override
    public String toString() {
        return "UserLicenses" + List.copyOf(best.entrySet());
    }
}
