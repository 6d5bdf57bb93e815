package dev.tenantconnect.testkit;

import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * What the simulator was asked and what it answered, for assertions and benchmarks: the most recent entries
 * (bounded) and counters that never lose a request. Thread-safe.
 */
public final class RequestJournal {
    private static final int MAX_ENTRIES = 100_000;
    /** The {@link Entry#api()} of a request inside a JSON batch. */
    public static final String BATCHED = "graph-batched";

    /**
     * One request.
     *
     * @param at when it arrived
     * @param api {@code entra}, {@code graph}, {@code graph-batched} (a request inside a JSON batch: throttled and
     *     answered on its own, but carried by the batch's one HTTP request) or {@code provisioning}
     * @param method HTTP method
     * @param path the path without query
     * @param endpoint a stable endpoint family name, one of the {@link JournalEndpoints} constants
     * @param tenant the tenant it was for, if known
     * @param clientId the calling application, if known
     * @param status the HTTP status answered (0 for a dropped connection)
     */
    public record Entry(Instant at, String api, String method, String path, String endpoint, Optional<TenantId> tenant,
            Optional<String> clientId, int status) {
        /** Rejects nulls. */
        public Entry {
            Objects.requireNonNull(at);
            Objects.requireNonNull(api);
            Objects.requireNonNull(method);
            Objects.requireNonNull(path);
            Objects.requireNonNull(endpoint);
            Objects.requireNonNull(tenant);
            Objects.requireNonNull(clientId);
        }
    }

    private final ConcurrentLinkedDeque<Entry> entries = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Map<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<TenantId, LongAdder> byTenant = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> tokenRequestsByTenant = new ConcurrentHashMap<>();
    private final Map<TenantId, LongAdder> unitsByTenant = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();
    private final LongAdder batched = new LongAdder();

    void record(Entry e) {
        entries.addLast(e);
        if (size.incrementAndGet() > MAX_ENTRIES) {
            entries.pollFirst();
            size.decrementAndGet();
        }
        total.increment();
        if (e.api().equals(BATCHED)) {
            batched.increment();
        }
        byEndpoint.computeIfAbsent(e.endpoint(), k -> new LongAdder()).increment();
        byStatus.computeIfAbsent(e.status(), k -> new LongAdder()).increment();
        e.tenant().ifPresent(t -> byTenant.computeIfAbsent(t, k -> new LongAdder()).increment());
        if (e.endpoint().equals(JournalEndpoints.ENTRA_TOKEN)) {
            tokenRequestsByTenant.computeIfAbsent(e.tenant().map(TenantId::value).orElse("?"),
                    k -> new LongAdder()).increment();
        }
    }

    /** Forgets everything. */
    public void clear() {
        entries.clear();
        size.set(0);
        byEndpoint.clear();
        byStatus.clear();
        byTenant.clear();
        tokenRequestsByTenant.clear();
        unitsByTenant.clear();
        total.reset();
        batched.reset();
    }

    /** @return requests answered per HTTP status since the last clear (0 = dropped connection) */
    public Map<Integer, Long> byStatus() {
        Map<Integer, Long> out = new java.util.TreeMap<>();
        byStatus.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** @return token requests per tenant ID since the last clear ({@code ?} where the tenant was not known) */
    public Map<String, Long> tokenRequestsByTenant() {
        Map<String, Long> out = new java.util.TreeMap<>();
        tokenRequestsByTenant.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** @return the most recent entries (at most 100,000), oldest first */
    public List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    /**
     * @param filter which entries
     * @return matching recent entries, oldest first
     */
    public List<Entry> entries(Predicate<Entry> filter) {
        return entries.stream().filter(filter).toList();
    }

    /** @return every request answered since the last clear, the requests inside JSON batches included */
    public long total() {
        return total.sum();
    }

    /** @return HTTP requests answered since the last clear: a JSON batch counts once, its inner requests not */
    public long httpRequests() {
        return total.sum() - batched.sum();
    }

    /**
     * @param endpoint an endpoint family, one of the {@link JournalEndpoints} constants, e.g.
     *     {@link JournalEndpoints#GRAPH_NUMBERS_ASSIGN}
     * @return requests to it
     */
    public long count(String endpoint) {
        LongAdder a = byEndpoint.get(endpoint);
        return a == null ? 0 : a.sum();
    }

    /**
     * @param status an HTTP status (0 = dropped connection)
     * @return requests answered with it
     */
    public long countStatus(int status) {
        LongAdder a = byStatus.get(status);
        return a == null ? 0 : a.sum();
    }

    /**
     * @param tenant a tenant
     * @return requests for it, all APIs
     */
    public long countTenant(TenantId tenant) {
        LongAdder a = byTenant.get(tenant);
        return a == null ? 0 : a.sum();
    }

    /**
     * @param tenant a tenant
     * @return token requests for it
     */
    public long tokenRequests(TenantId tenant) {
        LongAdder a = tokenRequestsByTenant.get(tenant.value());
        return a == null ? 0 : a.sum();
    }

    /** Counts the resource units an admitted Graph request cost (see {@code GraphThrottling#cost}). */
    void recordUnits(TenantId tenant, int units) {
        unitsByTenant.computeIfAbsent(tenant, k -> new LongAdder()).add(units);
    }

    /**
     * What the per-(application, tenant) throttling budgets were charged: the resource units of the Graph requests
     * admitted for the tenant since the last clear (a {@code GET} of users costs 2, a write 1, ...; requests answered
     * 429 cost nothing), all applications together. With a separate write budget set, writes count here too.
     *
     * @param tenant a tenant
     * @return resource units admitted for it
     */
    public long unitsAdmitted(TenantId tenant) {
        LongAdder a = unitsByTenant.get(tenant);
        return a == null ? 0 : a.sum();
    }
}
