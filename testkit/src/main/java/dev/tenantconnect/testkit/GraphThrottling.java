package dev.tenantconnect.testkit;

import dev.tenantconnect.core.model.TenantId;
import java.time.Duration;
import java.util.Optional;

/**
 * Graph's throttling as Microsoft documents it for identity and access (https://learn.microsoft.com/graph/throttling
 * and /graph/throttling-limits, "Identity and access service limits"; reference graph.md section 6.1):
 * <ul>
 * <li>each request costs resource units: 1 by default; {@code GET} of users 2, applications 2, subscribedSkus 3,
 * a service principal's appRoleAssignments 2; {@code $select} −1, {@code $expand} +1, {@code $top} below 20 −1;
 * never below 1;</li>
 * <li>budgets: per application and tenant (resource units; writes count here too unless a separate write budget
 * is set, then they count only there), per application and tenant for writes, per tenant across all applications
 * (writes), and per application across all tenants;</li>
 * <li>answers carry {@code x-ms-resource-unit} (identity endpoints) and, past 80 % of a budget,
 * {@code x-ms-throttle-limit-percentage}; a 429 carries {@code Retry-After} in seconds, {@code x-ms-throttle-scope}
 * ({@code <Tenant_Application|Tenant|Application>/<Read|Write|ReadWrite>/<appId>/<tenantId>}) and
 * {@code x-ms-throttle-information}.</li>
 * </ul>
 * The Teams endpoints ({@code /admin/teams/...}) have their own, unpublished limits; the simulator counts them in the
 * same budgets at 1 unit.
 */
final class GraphThrottling {
    /** A refused request: how long to wait and which budget ran out. */
    record Refusal(long retryAfterSeconds, String scope) {
    }

    /** An admitted request: its cost, whether it is an identity endpoint, the highest budget usage (0..1). */
    record Admission(int cost, boolean identity, double usage) {
    }

    private final Faults faults;
    private final TokenBuckets buckets;

    GraphThrottling(Faults faults, TokenBuckets buckets) {
        this.faults = faults;
        this.buckets = buckets;
    }

    /**
     * @param req the request
     * @param path the Graph path (after {@code /v1.0})
     * @param write whether it writes
     * @param appId the calling application
     * @param tenant the tenant
     * @return the refusal, or empty when admitted (then {@link #admission} tells cost and usage)
     */
    Optional<Refusal> admit(SimRequest req, String path, boolean write, String appId, TenantId tenant) {
        int cost = write ? 1 : cost(req, path);
        Faults.Throttling appTenant = faults.perAppAndTenant(tenant);
        Faults.Throttling writes = faults.writesPerAppAndTenant();
        boolean separateWrites = writes.on();
        String who = appId + "/" + tenant.value();
        if (!(write && separateWrites)) {
            Optional<Duration> wait = buckets.take(who, appTenant, cost);
            if (wait.isPresent()) {
                return refuse(wait.get(), "Tenant_Application/" + (separateWrites ? "Read" : "ReadWrite") + "/" + who);
            }
        }
        if (write && separateWrites) {
            Optional<Duration> wait = buckets.take("writes/" + who, writes, 1);
            if (wait.isPresent()) {
                return refuse(wait.get(), "Tenant_Application/Write/" + who);
            }
        }
        if (write) {
            Optional<Duration> wait = buckets.take("tenant/" + tenant.value(), faults.tenantWideWrites(), 1);
            if (wait.isPresent()) {
                return refuse(wait.get(), "Tenant/Write/" + who);
            }
        }
        return buckets.take(appId, faults.perApp(), cost).map(w -> new Refusal(seconds(w),
                "Application/ReadWrite/" + who));
    }

    private static Optional<Refusal> refuse(Duration wait, String scope) {
        return Optional.of(new Refusal(seconds(wait), scope));
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /**
     * @param req the admitted request
     * @param path its Graph path
     * @param write whether it writes
     * @param appId the application
     * @param tenant the tenant
     * @return its cost and the usage of its budgets afterwards
     */
    Admission admission(SimRequest req, String path, boolean write, String appId, TenantId tenant) {
        String who = appId + "/" + tenant.value();
        double usage = Math.max(buckets.usage(who, faults.perAppAndTenant(tenant)), buckets.usage(appId,
                faults.perApp()));
        if (write) {
            usage = Math.max(usage, Math.max(buckets.usage("writes/" + who, faults.writesPerAppAndTenant()),
                    buckets.usage("tenant/" + tenant.value(), faults.tenantWideWrites())));
        }
        return new Admission(write ? 1 : cost(req, path), !path.startsWith("/admin/teams"), usage);
    }

    /** The documented resource-unit cost of a read. */
    static int cost(SimRequest req, String path) {
        int cost = 1;
        if (path.equals("/users") || path.startsWith("/users/") || path.equals("/applications")) {
            cost = 2;
        } else if (path.equals("/subscribedSkus")) {
            cost = 3;
        } else if (path.matches("/servicePrincipals/[^/]+/appRoleAssignments")) {
            cost = 2;
        }
        if (req.query("$select").isPresent()) {
            cost -= 1;
        }
        if (req.query("$expand").isPresent()) {
            cost += 1;
        }
        Optional<Integer> top = req.query("$top").flatMap(t -> {
            try {
                return Optional.of(Integer.parseInt(t));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
        if (top.isPresent() && top.get() < 20) {
            cost -= 1;
        }
        return Math.max(1, cost);
    }
}
