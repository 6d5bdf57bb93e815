package dev.tenantconnect.core.licensing;

import dev.tenantconnect.core.internal.Checks;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A Microsoft licensing service plan, identified by its <b>service plan ID</b> — the ID found in a user's
 * {@code assignedPlans}. Never detect Teams Phone by SKU name: many SKUs carry the same plan, and a SKU part number
 * can equal a plan name while their GUIDs differ.
 *
 * @param id the service plan ID
 */
public record ServicePlan(UUID id) {
    /** MCOEV: Microsoft 365 Phone System (Teams Phone). */
    public static final ServicePlan TEAMS_PHONE = of("4828c8ec-dc2e-4779-b502-87ac9ce28ab7");
    /** MCOEV_VIRTUALUSER: Teams Phone Resource Account. */
    public static final ServicePlan TEAMS_PHONE_RESOURCE_ACCOUNT = of("f47330e9-c134-43b3-9993-e7f004506889");
    /** TEAMS1: Microsoft Teams. */
    public static final ServicePlan TEAMS = of("57ff2da0-773e-42df-b2af-ffb7a2317929");
    /** MCOPSTN1: Domestic Calling Plan. */
    public static final ServicePlan CALLING_PLAN_DOMESTIC = of("4ed3ff63-69d7-4fb7-b984-5aec7f605ca8");
    /** MCOPSTN2: Domestic and International Calling Plan. */
    public static final ServicePlan CALLING_PLAN_INTERNATIONAL = of("5a10155d-f5c1-411a-a8ec-e99aae125390");
    /** MCOPSTN5: Domestic Calling Plan (120 min). */
    public static final ServicePlan CALLING_PLAN_120 = of("54a152dc-90de-4996-93d2-bc47e670fc06");
    /** MCOPSTN8: Domestic Calling Plan (120 min) at user level. */
    public static final ServicePlan CALLING_PLAN_120_USER = of("16935b20-87c0-4908-934a-22aa267d0d26");
    /** MCOPSTNC: Communications Credits. */
    public static final ServicePlan COMMUNICATIONS_CREDITS = of("505e180f-f7e0-4b65-91d4-00d670bbd18c");
    /** MCOMEETADV: Audio Conferencing. */
    public static final ServicePlan AUDIO_CONFERENCING = of("3e26ee1f-8a5f-4d52-aee2-b81ce45c8f40");
    /** MCOSTANDARD: Skype for Business Online (Plan 2). */
    public static final ServicePlan SKYPE_FOR_BUSINESS_PLAN_2 = of("0feaeb32-d00e-4d66-bd5a-43b5b83db82c");
    /** TEAMS_ADVCOMMS: Advanced Communications. */
    public static final ServicePlan ADVANCED_COMMUNICATIONS = of("604ec28a-ae18-4bc6-91b0-11da94504ba9");

    /** The calling-plan service plans (Microsoft as PSTN carrier). */
    public static final Set<ServicePlan> CALLING_PLANS =
            Set.of(CALLING_PLAN_DOMESTIC, CALLING_PLAN_INTERNATIONAL, CALLING_PLAN_120, CALLING_PLAN_120_USER);

    private record Names(String planName, String friendlyName) {
    }

    private static final Map<UUID, Names> NAMES = Map.ofEntries(
            Map.entry(TEAMS_PHONE.id, new Names("MCOEV", "Microsoft 365 Phone System (Teams Phone)")),
            Map.entry(TEAMS_PHONE_RESOURCE_ACCOUNT.id,
                    new Names("MCOEV_VIRTUALUSER", "Microsoft 365 Phone Standard Resource Account")),
            Map.entry(TEAMS.id, new Names("TEAMS1", "Microsoft Teams")),
            Map.entry(CALLING_PLAN_DOMESTIC.id, new Names("MCOPSTN1", "Domestic Calling Plan")),
            Map.entry(CALLING_PLAN_INTERNATIONAL.id,
                    new Names("MCOPSTN2", "Domestic and International Calling Plan")),
            Map.entry(CALLING_PLAN_120.id, new Names("MCOPSTN5", "Domestic Calling Plan (120 min)")),
            Map.entry(CALLING_PLAN_120_USER.id, new Names("MCOPSTN8", "Domestic Calling Plan (120 min) at user level")),
            Map.entry(COMMUNICATIONS_CREDITS.id, new Names("MCOPSTNC", "Communications Credits")),
            Map.entry(AUDIO_CONFERENCING.id, new Names("MCOMEETADV", "Audio Conferencing")),
            Map.entry(SKYPE_FOR_BUSINESS_PLAN_2.id, new Names("MCOSTANDARD", "Skype for Business Online (Plan 2)")),
            Map.entry(ADVANCED_COMMUNICATIONS.id, new Names("TEAMS_ADVCOMMS", "Advanced Communications")));

    private static final Map<String, ServicePlan> BY_NAME = NAMES.entrySet().stream().collect(
            Collectors.toUnmodifiableMap(e -> e.getValue().planName(), e -> new ServicePlan(e.getKey())));

    /** Rejects null. */
    public ServicePlan {
        Objects.requireNonNull(id, "id");
    }

    private static ServicePlan of(String id) {
        return new ServicePlan(UUID.fromString(id));
    }

    /**
     * @param servicePlanId a service plan ID as Graph returns it
     * @return the plan (known or not)
     */
    public static ServicePlan ofId(String servicePlanId) {
        return new ServicePlan(Checks.guid("servicePlanId", servicePlanId));
    }

    /**
     * @param planName a service plan name such as {@code MCOEV}
     * @return the known plan with that name
     */
    public static Optional<ServicePlan> byPlanName(String planName) {
        return Optional.ofNullable(BY_NAME.get(planName));
    }

    /** @return the plan name (e.g. {@code MCOEV}) for plans this SDK knows */
    public Optional<String> planName() {
        return Optional.ofNullable(NAMES.get(id)).map(Names::planName);
    }

    /** @return the friendly name for plans this SDK knows */
    public Optional<String> friendlyName() {
        return Optional.ofNullable(NAMES.get(id)).map(Names::friendlyName);
    }

    /** @return every plan this SDK knows */
    public static List<ServicePlan> known() {
        return NAMES.keySet().stream().map(ServicePlan::new).sorted((a, b) -> a.id.compareTo(b.id)).toList();
    }


    @Override
    public String toString() {
        return planName().orElseGet(() -> "plan " + id);
    }
}
