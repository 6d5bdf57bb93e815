package dev.tenantconnect.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's fault switches and delays. Faults are off by default and delays follow the simulator's
 * {@link Timing} profile; tests change them while the simulator runs, and {@link MicrosoftCloudSimulator#reset()}
 * returns to that baseline. Thread-safe. Random faults draw from a seeded
 * generator ({@link MicrosoftCloudSimulator.Builder#seed(long)}), so a failing run can be replayed.
 */
public final class Faults {
    private volatile Duration latency = Duration.ZERO;
    private volatile Duration latencyJitter = Duration.ZERO;
    private volatile double serverErrorRate;
    private volatile double dropBeforeWriteRate;
    private volatile double dropAfterWriteRate;
    private volatile Duration replicationDelay = Duration.ZERO;
    private volatile Duration operationDelay = Duration.ZERO;
    private volatile boolean tokenEndpointDown;
    private volatile Duration provisioningSyncDelay = Duration.ZERO;
    private volatile Duration permissionPropagationDelay = Duration.ZERO;
    private volatile Throttling provisioningRate = Throttling.OFF;
    private volatile Throttling perAppAndTenant = Throttling.OFF;
    private volatile Throttling perApp = Throttling.OFF;
    private volatile Throttling writesPerAppAndTenant = Throttling.OFF;
    private volatile Throttling tenantWideWrites = Throttling.OFF;
    private volatile int pageSizeCap;
    private volatile boolean refuseOrInNumberFilter;
    private final java.util.concurrent.atomic.AtomicInteger dropWriteAnswers =
            new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.Map<dev.tenantconnect.core.model.TenantId, Throttling> perTenant =
            new ConcurrentHashMap<>();
    private final Set<String> failingNumbers = ConcurrentHashMap.newKeySet();
    private final Set<String> failingUploads = ConcurrentHashMap.newKeySet();
    private volatile Timing baseline = Timing.FAST;

    /**
     * A token bucket: {@code capacity} requests at once, refilled at {@code perSecond}.
     *
     * @param capacity the burst size; 0 means off
     * @param perSecond the refill rate
     */
    public record Throttling(int capacity, double perSecond) {
        /** No throttling. */
        public static final Throttling OFF = new Throttling(0, 0);

        /** Validates the numbers. */
        public Throttling {
            if (capacity < 0 || perSecond < 0 || (capacity > 0 && perSecond <= 0)) {
                throw new IllegalArgumentException("capacity must be >= 0 and perSecond > 0 when on");
            }
        }

        /** @return whether throttling is on */
        public boolean on() {
            return capacity > 0;
        }
    }

    /**
     * @param timing the delays {@link #reset()} returns to
     * @return this
     */
    Faults baseline(Timing timing) {
        this.baseline = Objects.requireNonNull(timing);
        reset();
        return this;
    }

    /** @return the delays {@link #reset()} returns to */
    public Timing baseline() {
        return baseline;
    }

    /** Turns every fault off and sets the delays of the simulator's {@link Timing} profile. */
    public void reset() {
        latency = Duration.ZERO;
        latencyJitter = Duration.ZERO;
        serverErrorRate = 0;
        dropBeforeWriteRate = 0;
        dropAfterWriteRate = 0;
        Timing t = baseline;
        replicationDelay = t.replication();
        operationDelay = t.operation();
        tokenEndpointDown = false;
        provisioningSyncDelay = t.provisioningSync();
        permissionPropagationDelay = t.permissionPropagation();
        provisioningRate = t.provisioningRateLimit();
        perAppAndTenant = Throttling.OFF;
        perApp = Throttling.OFF;
        writesPerAppAndTenant = Throttling.OFF;
        tenantWideWrites = Throttling.OFF;
        pageSizeCap = 0;
        refuseOrInNumberFilter = false;
        dropWriteAnswers.set(0);
        perTenant.clear();
        failingNumbers.clear();
        failingUploads.clear();
        rewrites.clear();
    }

    /** A rewrite of the answers to matching requests: method ({@code *} for any), path pattern, new body. */
    record Rewrite(String method, java.util.regex.Pattern path, java.util.function.UnaryOperator<String> body) {
    }

    private final java.util.List<Rewrite> rewrites = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Corrupts answers, for bad-input tests: the body the simulator would send for a matching request (status and
     * headers kept) is passed through {@code body} and the result sent instead. The request itself is processed
     * as usual, so a write is applied even when its answer is mangled.
     *
     * @param method the HTTP method, or {@code *} for any
     * @param pathRegex a regular expression the whole request path must match (query excluded)
     * @param body what to send instead, given what would have been sent
     * @return this
     */
    public Faults rewriteResponses(String method, String pathRegex, java.util.function.UnaryOperator<String> body) {
        rewrites.add(new Rewrite(Objects.requireNonNull(method), java.util.regex.Pattern.compile(pathRegex),
                Objects.requireNonNull(body)));
        return this;
    }

    java.util.Optional<java.util.function.UnaryOperator<String>> rewriteFor(String method, String path) {
        for (Rewrite r : rewrites) {
            if ((r.method().equals("*") || r.method().equalsIgnoreCase(method)) && r.path().matcher(path).matches()) {
                return java.util.Optional.of(r.body());
            }
        }
        return java.util.Optional.empty();
    }

    private static double rate(double r) {
        if (r < 0 || r > 1) {
            throw new IllegalArgumentException("rate must be between 0 and 1");
        }
        return r;
    }

    /**
     * @param fixed added to every response
     * @param jitter plus a uniformly random extra of up to this
     * @return this
     */
    public Faults latency(Duration fixed, Duration jitter) {
        this.latency = Objects.requireNonNull(fixed);
        this.latencyJitter = Objects.requireNonNull(jitter);
        return this;
    }

    /**
     * @param rate share of Graph requests answered with a random 500/502/503/504
     * @return this
     */
    public Faults serverErrors(double rate) {
        this.serverErrorRate = rate(rate);
        return this;
    }

    /**
     * @param rate share of Graph writes whose connection is dropped <em>before</em> the write is applied
     * @return this
     */
    public Faults dropBeforeWrite(double rate) {
        this.dropBeforeWriteRate = rate(rate);
        return this;
    }

    /**
     * @param rate share of Graph writes whose connection is dropped <em>after</em> the write was applied — the
     *     client sees a failure although the change happened
     * @return this
     */
    public Faults dropAfterWrite(double rate) {
        this.dropAfterWriteRate = rate(rate);
        return this;
    }

    /**
     * @param delay how long a newly created object (a number operation) answers 404 before it is visible
     * @return this
     */
    public Faults replicationDelay(Duration delay) {
        this.replicationDelay = Objects.requireNonNull(delay);
        return this;
    }

    /**
     * @param delay how long a number operation takes: {@code notStarted} for the first half, {@code running} for
     *     the second, then {@code succeeded} or {@code failed}
     * @return this
     */
    public Faults operationDelay(Duration delay) {
        this.operationDelay = Objects.requireNonNull(delay);
        return this;
    }

    /**
     * @param e164 a number whose Teams assign and unassign operations will fail
     * @return this
     */
    public Faults failOperationsFor(String e164) {
        failingNumbers.add(e164);
        return this;
    }

    /**
     * @param e164 a number whose upload through the provisioning API will end {@code failed}
     * @return this
     */
    public Faults failProvisioningFor(String e164) {
        failingUploads.add(e164);
        return this;
    }

    /**
     * @param e164 a number
     * @return whether its provisioning fails
     */
    public boolean provisioningFails(String e164) {
        return failingUploads.contains(e164);
    }

    /**
     * @param down whether the token endpoint answers 503 {@code temporarily_unavailable}
     * @return this
     */
    public Faults tokenEndpointDown(boolean down) {
        this.tokenEndpointDown = down;
        return this;
    }

    /**
     * @param bucket the budget of each (application, tenant) pair in resource units: a read costs what Microsoft
     *     documents for it (1 by default, users 2, subscribedSkus 3, ...), a write 1 unless a separate
     *     {@linkplain #throttleWritesPerAppAndTenant write budget} is set
     * @return this
     */
    public Faults throttlePerAppAndTenant(Throttling bucket) {
        this.perAppAndTenant = Objects.requireNonNull(bucket);
        return this;
    }

    /**
     * @param tenant one tenant
     * @param bucket throttling of each (application, tenant) pair for this tenant only, in place of
     *     {@link #throttlePerAppAndTenant(Throttling)}
     * @return this
     */
    public Faults throttleTenant(dev.tenantconnect.core.model.TenantId tenant, Throttling bucket) {
        perTenant.put(Objects.requireNonNull(tenant), Objects.requireNonNull(bucket));
        return this;
    }

    /**
     * @param tenant a tenant
     * @return the (application, tenant) throttling that applies to it
     */
    public Throttling perAppAndTenant(dev.tenantconnect.core.model.TenantId tenant) {
        return perTenant.getOrDefault(tenant, perAppAndTenant);
    }

    /**
     * A write budget of each (application, tenant) pair, separate from its read budget: once set, writes count here
     * and no longer in {@link #throttlePerAppAndTenant(Throttling)} (Microsoft documents 3,000 writes per 2 min 30 s
     * for identity and access: {@code new Throttling(3000, 20)}).
     *
     * @param bucket the write budget
     * @return this
     */
    public Faults throttleWritesPerAppAndTenant(Throttling bucket) {
        this.writesPerAppAndTenant = Objects.requireNonNull(bucket);
        return this;
    }

    /** @return the write budget of each (application, tenant) pair */
    public Throttling writesPerAppAndTenant() {
        return writesPerAppAndTenant;
    }

    /**
     * A write budget of each tenant across all applications (Microsoft documents 18,000 writes per 5 minutes:
     * {@code new Throttling(18000, 60)}).
     *
     * @param bucket the budget
     * @return this
     */
    public Faults throttleTenantWideWrites(Throttling bucket) {
        this.tenantWideWrites = Objects.requireNonNull(bucket);
        return this;
    }

    /** @return the tenant-wide write budget */
    public Throttling tenantWideWrites() {
        return tenantWideWrites;
    }

    /**
     * @param bucket throttling of each application across all tenants
     * @return this
     */
    public Faults throttlePerApp(Throttling bucket) {
        this.perApp = Objects.requireNonNull(bucket);
        return this;
    }

    /**
     * @param delay how long a number written through the provisioning API stays {@code pending} before it is
     *     {@code synced} (and appears in the customer tenant) or {@code failed}
     * @return this
     */
    public Faults provisioningSyncDelay(Duration delay) {
        this.provisioningSyncDelay = Objects.requireNonNull(delay);
        return this;
    }

    /**
     * @param bucket the provisioning API's rate limit per calling application (the real API allows about 100
     *     requests a minute: {@code new Throttling(100, 100 / 60.0)})
     * @return this
     */
    public Faults provisioningRateLimit(Throttling bucket) {
        this.provisioningRate = Objects.requireNonNull(bucket);
        return this;
    }

    /**
     * @param delay how long after admin consent (an app role assignment made through Graph) the permission
     *     appears in newly issued tokens — until then calls needing it get 403, as right after consent in Entra
     * @return this
     */
    public Faults permissionPropagationDelay(Duration delay) {
        this.permissionPropagationDelay = Objects.requireNonNull(delay);
        return this;
    }

    /**
     * Makes Graph's server-driven pages short: Microsoft documents that a service may return fewer items per page
     * than {@code $top} asks and that clients must follow {@code @odata.nextLink} until there is none
     * (https://learn.microsoft.com/graph/paging). Applies to the collections paged that way (users, role
     * assignments, app role assignments), not to the {@code $top}/{@code $skip} number list.
     *
     * @param cap the most items per page, whatever was asked; 0 for no cap
     * @return this
     */
    public Faults pageSizeCap(int cap) {
        if (cap < 0) {
            throw new IllegalArgumentException("cap must be >= 0");
        }
        this.pageSizeCap = cap;
        return this;
    }

    /**
     * Drops the connection after the next {@code count} provisioning API writes were applied (or answered from a
     * remembered answer): the client sees a failure although the write happened — deterministic, for retry tests.
     *
     * @param count how many write answers to drop
     * @return this
     */
    public Faults dropNextProvisioningWriteAnswers(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        dropWriteAnswers.set(count);
        return this;
    }

    /** @return whether this write's answer is to be dropped (counts one down) */
    boolean takeDroppedWriteAnswer() {
        return dropWriteAnswers.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /**
     * Makes the number list answer 400 to a {@code $filter} that joins clauses with {@code or}. Microsoft's page for
     * the list documents {@code $filter} on every field but {@code id} and {@code city} and shows only single clauses
     * and {@code and} (https://learn.microsoft.com/graph/api/teamsadministration-telephonenumbermanagementroot-list-numberassignments);
     * whether the service takes {@code or} is not written there, so clients must cope with a refusal.
     *
     * @param refuse whether to refuse {@code or} in the number list's filter
     * @return this
     */
    public Faults refuseOrInNumberFilter(boolean refuse) {
        this.refuseOrInNumberFilter = refuse;
        return this;
    }

    /** @return whether the number list refuses {@code or} in its filter */
    public boolean refusesOrInNumberFilter() {
        return refuseOrInNumberFilter;
    }

    /** @return the page size cap of server-driven pages, 0 when none */
    public int pageSizeCap() {
        return pageSizeCap;
    }

    /** @return the permission propagation delay */
    public Duration permissionPropagationDelay() {
        return permissionPropagationDelay;
    }

    /** @return the provisioning sync delay */
    public Duration provisioningSyncDelay() {
        return provisioningSyncDelay;
    }

    /** @return the provisioning API rate limit */
    public Throttling provisioningRateLimit() {
        return provisioningRate;
    }

    /** @return fixed latency */
    public Duration latency() {
        return latency;
    }

    /** @return latency jitter */
    public Duration latencyJitter() {
        return latencyJitter;
    }

    /** @return 5xx rate */
    public double serverErrorRate() {
        return serverErrorRate;
    }

    /** @return drop-before-write rate */
    public double dropBeforeWriteRate() {
        return dropBeforeWriteRate;
    }

    /** @return drop-after-write rate */
    public double dropAfterWriteRate() {
        return dropAfterWriteRate;
    }

    /** @return replication delay */
    public Duration replicationDelay() {
        return replicationDelay;
    }

    /** @return operation delay */
    public Duration operationDelay() {
        return operationDelay;
    }

    /** @return whether the token endpoint is down */
    public boolean tokenEndpointDown() {
        return tokenEndpointDown;
    }

    /** @return per (app, tenant) throttling */
    public Throttling perAppAndTenant() {
        return perAppAndTenant;
    }

    /** @return per app throttling */
    public Throttling perApp() {
        return perApp;
    }

    /**
     * @param e164 a number
     * @return whether its operations fail
     */
    public boolean operationsFail(String e164) {
        return failingNumbers.contains(e164);
    }
}
