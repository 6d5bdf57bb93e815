package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.licensing.ServicePlan;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A SKU the tenant subscribes to, with its licence counts.
 *
 * @param skuId the SKU ID
 * @param partNumber the SKU part number
 * @param enabledUnits licences bought and enabled
 * @param consumedUnits licences assigned
 * @param servicePlans the service plans it carries
 */
public record SkuInfo(UUID skuId, String partNumber, int enabledUnits, int consumedUnits, Set<ServicePlan> servicePlans) {
    /** Validates and copies. */
    public SkuInfo {
        Objects.requireNonNull(skuId, "skuId");
        Objects.requireNonNull(partNumber, "partNumber");
        servicePlans = Set.copyOf(servicePlans);
    }

    /** @return licences still free */
    public int available() {
        return Math.max(0, enabledUnits - consumedUnits);
    }
}
