package dev.tenantconnect.core.metrics;

/** The names of what the SDK measures and observes, with their tags. */
public final class MetricNames {
    /** Counter: HTTP attempts, tags {@code service} (graph, entra, provisioning), {@code method}, {@code outcome}. */
    public static final String HTTP_REQUESTS = "tenantconnect.http.requests";
    /** Counter: 429 answers, tag {@code service}. */
    public static final String HTTP_THROTTLED = "tenantconnect.http.throttled";
    /** Distribution: seconds of {@code Retry-After} asked for by throttled answers, tag {@code service}. */
    public static final String HTTP_RETRY_AFTER = "tenantconnect.http.retry.after";
    /** Counter: attempts beyond the first of one request, tag {@code service}. */
    public static final String HTTP_RETRIES = "tenantconnect.http.retries";
    /**
     * Gauge: a tenant's pacer's current rate (requests per second), tag {@code tenant}; with the tenant tag off, one
     * gauge: the lowest current rate among the tenants' pacers.
     */
    public static final String PACER_RATE = "tenantconnect.pacer.rate";
    /** Counter: app tokens handed out, tag {@code source} ({@code entra}: acquired, {@code cache}: cache hit). */
    public static final String TOKENS = "tenantconnect.tokens";
    /** Timer: single-user enablements, tag {@code outcome}. */
    public static final String ENABLEMENT = "tenantconnect.enablement";
    /** Counter: bulk rows recorded in the job journal, tag {@code outcome} (the journal entry kind). */
    public static final String BULK_ROWS = "tenantconnect.bulk.rows";
    /** Timer: number allocations from the inventory, tags {@code operation}, {@code outcome}. */
    public static final String ALLOCATION = "tenantconnect.allocation";
    /** Counter: replication passes over a tenant, tag {@code outcome}. */
    public static final String REPLICATION_PASSES = "tenantconnect.replication.passes";
    /** Counter: drift findings of replication, tag {@code kind}. */
    public static final String REPLICATION_DRIFT = "tenantconnect.replication.drift";

    /** Observation: connecting a tenant. */
    public static final String OP_CONNECT = "tenantconnect.connect";
    /** Observation: verifying a connection. */
    public static final String OP_VERIFY = "tenantconnect.verify";
    /** Observation: enabling a user. */
    public static final String OP_ENABLE = "tenantconnect.enable";
    /** Observation: one bulk row. */
    public static final String OP_BULK_ROW = "tenantconnect.bulk.row";
    /** Observation: one replication pass over a tenant. */
    public static final String OP_REPLICATE = "tenantconnect.replicate";

    /** Observation attribute: the last Graph {@code client-request-id} sent within the operation. */
    public static final String ATTR_CLIENT_REQUEST_ID = "graph.client-request-id";
    /** Observation attribute: the last Graph {@code request-id} answered within the operation. */
    public static final String ATTR_REQUEST_ID = "graph.request-id";

    /** Observation attribute: the bulk row (its line in the file, or the batch item's ID). */
    public static final String ATTR_ROW = "tenantconnect.row";

    private MetricNames() {
    }
}
