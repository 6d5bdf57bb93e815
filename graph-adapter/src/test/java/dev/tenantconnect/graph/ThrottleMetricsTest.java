package dev.tenantconnect.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.metrics.MetricNames;
import dev.tenantconnect.core.metrics.RecordingMetrics;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.testkit.Faults;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.RequestJournal;
import dev.tenantconnect.testkit.SimulatorExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The throttling meters count the 429s the service actually served, one by one: a burst of concurrent reads against
 * a tenant whose budget holds two requests is refused many times, and the throttled counter, the Retry-After
 * distribution and the requests counted with outcome 429 each equal the simulator's own count of 429 answers.
 */
class ThrottleMetricsTest {
    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(AuditAndMetricsTest::seed);

    @Test
    void every_429_the_service_served_is_metered_once_with_its_retry_after(MicrosoftCloudSimulator sim)
            throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();
        // a pacer kept at 50 calls/s at least (as a misconfigured one would be): it cannot slow down to the budget
        // below, so the service refuses calls whatever the machine's pace, and every refusal must be metered
        dev.tenantconnect.core.resilience.ResiliencePolicies eager = dev.tenantconnect.core.resilience
                .ResiliencePolicies.builder(java.time.Clock.systemUTC(), dev.tenantconnect.core.resilience.Sleeper
                        .system()).guards(dev.tenantconnect.core.resilience.TenantGuards.builder().defaultPacing(
                                new dev.tenantconnect.core.resilience.AdaptivePacer.Settings(50, 50, 2_000)).build())
                .build();
        GraphConnector graph = GraphConnectorTest.connector(sim).metrics(metrics).resilience(eager).build();
        ClientSecretCredential cred = GraphConnectorTest.credential(AuditAndMetricsTest.SECRET);
        TenantDirectory directory = graph.directory(AuditAndMetricsTest.TENANT, cred);
        UserRef alice = UserRef.parse("alice@contoso.onmicrosoft.com");
        directory.user(alice).orElseThrow(); // the token first, so the burst below is Graph reads only
        // two requests at once, refilled at 4 per second (Graph answers 429 with Retry-After when the bucket is empty)
        sim.faults().throttleTenant(AuditAndMetricsTest.TENANT, new Faults.Throttling(2, 4.0));
        sim.journal().clear();
        double requestsBefore = metrics.counterTotal(MetricNames.HTTP_REQUESTS);

        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> reads = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                reads.add(pool.submit(() -> {
                    go.await();
                    for (int j = 0; j < 3; j++) {
                        assertThat(directory.user(alice)).isPresent();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : reads) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        long served = sim.journal().entries(e -> e.api().equals("graph") && e.status() == 429).size();
        System.out.println("429s served by the simulator to " + callers + " concurrent callers: " + served);
        assertThat(served).as("the fault bit: the simulator refused several reads").isGreaterThanOrEqualTo(3);
        assertThat(metrics.counterTotal(MetricNames.HTTP_THROTTLED)).isEqualTo(served);
        assertThat(metrics.distribution(MetricNames.HTTP_RETRY_AFTER, "service", "graph",
                "tenant", AuditAndMetricsTest.TENANT.value())).hasSize((int) served).allSatisfy(
                        seconds -> assertThat(seconds).isPositive());
        assertThat(metrics.counter(MetricNames.HTTP_REQUESTS, "service", "graph", "method", "GET", "outcome", "429",
                "tenant", AuditAndMetricsTest.TENANT.value())).isEqualTo(served);
        assertThat(metrics.counterTotal(MetricNames.HTTP_REQUESTS) - requestsBefore).isEqualTo(
                sim.journal().entries(e -> !e.api().equals(RequestJournal.BATCHED)).size());
    }
}
