package dev.tenantconnect.benchmarks;

import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.testkit.RequestJournal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/**
 * The simulated cloud as {@link EndToEnd} uses it: in the harness's process ({@link InProcessCloud}) or in its own
 * ({@link OwnProcessCloud}), so that the SDK's CPU per user can be measured alone.
 */
interface Cloud extends AutoCloseable {
    /**
     * What the simulator answered since the journal was last cleared.
     *
     * @param httpRequests HTTP requests (a JSON batch counts once)
     * @param throttled requests answered 429
     * @param tokenRequests token requests per tenant ID
     */
    record Counts(long httpRequests, long throttled, Map<String, Long> tokenRequests) {
        long tokenRequests(TenantId tenant) {
            return tokenRequests.getOrDefault(tenant.value(), 0L);
        }
    }

    String baseUrl();

    default String graphBaseUrl() {
        return baseUrl() + "/v1.0";
    }

    String provisioningBaseUrl();

    SSLContext sslContext();

    X509TrustManager trustManager();

    /** The operator's tenant and app, whose secret signs in to the provisioning API. */
    void seedOperator(TenantId operator, ClientId app, Secret secret);

    /** The latency, throttle and delays of the settings. */
    void faults(EndToEnd.Settings s);

    /**
     * The {@code index}-th customer tenant: {@code users} licensed users in SG ({@link EndToEnd#upn}), the app with
     * its role, permissions and secret, the consent for SG.
     */
    void seedTenant(int index, int users, Secret secret);

    void clearJournal();

    Counts counts();

    /** @return the journal's entries, where they are in this process */
    Optional<RequestJournal> journal();

    /** @return the simulator's process, when it has its own */
    Optional<Long> pid();

    /** @return the CPU time of the simulator's own process so far, when it has one */
    Optional<Duration> processCpu();

    @Override
    void close();
}
