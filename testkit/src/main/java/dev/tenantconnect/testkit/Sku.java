package dev.tenantconnect.testkit;

import dev.tenantconnect.core.licensing.ServicePlan;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A licence SKU to seed into a simulated tenant, with the service plans it carries (IDs from
 * https://learn.microsoft.com/en-us/entra/identity/users/licensing-service-plan-reference).
 *
 * @param skuId the SKU ID
 * @param partNumber the SKU part number
 * @param servicePlans the service plans it includes
 */
public record Sku(UUID skuId, String partNumber, List<ServicePlan> servicePlans) {
    /** Microsoft Teams Phone Standard: MCOEV. */
    public static final Sku TEAMS_PHONE_STANDARD = new Sku(UUID.fromString("e43b5b99-8dfb-405f-9987-dc307f34bcbd"),
            "MCOEV", List.of(ServicePlan.TEAMS_PHONE));
    /** Office 365 E5: Teams Phone, Teams, Audio Conferencing, Skype for Business Plan 2. */
    public static final Sku OFFICE_365_E5 = new Sku(UUID.fromString("c7df2760-2c81-4ef7-b578-5b5392b571df"),
            "ENTERPRISEPREMIUM", List.of(ServicePlan.TEAMS_PHONE, ServicePlan.TEAMS, ServicePlan.AUDIO_CONFERENCING,
                    ServicePlan.SKYPE_FOR_BUSINESS_PLAN_2));
    /** Microsoft 365 E3: Teams without Teams Phone. */
    public static final Sku M365_E3 = new Sku(UUID.fromString("05e9a617-0261-4cee-bb44-138d3ef5d965"), "SPE_E3",
            List.of(ServicePlan.TEAMS, ServicePlan.SKYPE_FOR_BUSINESS_PLAN_2));
    /** Microsoft Teams Phone Resource Account: MCOEV_VIRTUALUSER. */
    public static final Sku TEAMS_PHONE_RESOURCE_ACCOUNT = new Sku(
            UUID.fromString("440eaaa8-b3e0-484b-a8be-62870b9ba70a"), "PHONESYSTEM_VIRTUALUSER",
            List.of(ServicePlan.TEAMS_PHONE_RESOURCE_ACCOUNT));

    /** Validates and copies. */
    public Sku {
        Objects.requireNonNull(skuId, "skuId");
        Objects.requireNonNull(partNumber, "partNumber");
        servicePlans = List.copyOf(servicePlans);
    }
}
