package dev.tenantconnect.benchmarks;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.testkit.Faults;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.RequestJournal;
import dev.tenantconnect.testkit.SimulatedTenant;
import dev.tenantconnect.testkit.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/** The simulated cloud in the harness's own process: seeded per tenant as the scenarios ask. */
final class InProcessCloud implements Cloud {
    private final MicrosoftCloudSimulator sim;

    InProcessCloud(MicrosoftCloudSimulator sim) {
        this.sim = sim;
    }

    @Override
    public String baseUrl() {
        return sim.baseUrl();
    }

    @Override
    public String graphBaseUrl() {
        return sim.graphBaseUrl();
    }

    @Override
    public String provisioningBaseUrl() {
        return sim.provisioningBaseUrl();
    }

    @Override
    public SSLContext sslContext() {
        return sim.sslContext();
    }

    @Override
    public X509TrustManager trustManager() {
        return sim.trustManager();
    }

    @Override
    public void seedOperator(TenantId operator, ClientId app, Secret secret) {
        sim.tenant(operator).app(app).secret(secret, Instant.now().plus(Duration.ofDays(1)));
    }

    @Override
    public void faults(EndToEnd.Settings s) {
        sim.faults().latency(s.latency(), s.latency().dividedBy(5)).operationDelay(s.operationDelay())
                .provisioningSyncDelay(Duration.ofMillis(200))
                .throttlePerAppAndTenant(new Faults.Throttling(s.burst(), s.rate()));
    }

    @Override
    public void seedTenant(int index, int users, Secret secret) {
        TenantId id = EndToEnd.tenantId(index);
        SimulatedTenant t = sim.tenant(id).domain("t" + index + ".example.com").sku(Sku.OFFICE_365_E5, users);
        for (int i = 0; i < users; i++) {
            t.addUser(EndToEnd.upn(index, i), "User " + i, "SG", Sku.OFFICE_365_E5);
        }
        t.app(EndToEnd.APP).roles(DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR)
                .grant(GraphPermission.USER_READ_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
                .secret(secret, Instant.now().plus(Duration.ofDays(1)));
        sim.consent(id, "SG");
    }

    @Override
    public void clearJournal() {
        sim.journal().clear();
    }

    @Override
    public Counts counts() {
        RequestJournal j = sim.journal();
        return new Counts(j.httpRequests(), j.countStatus(429), j.tokenRequestsByTenant());
    }

    @Override
    public Optional<RequestJournal> journal() {
        return Optional.of(sim.journal());
    }

    @Override
    public Optional<Long> pid() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> processCpu() {
        return Optional.empty();
    }

    @Override
    public void close() {
        sim.close();
    }
}
