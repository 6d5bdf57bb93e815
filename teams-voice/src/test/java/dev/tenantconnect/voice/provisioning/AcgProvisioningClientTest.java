package dev.tenantconnect.voice.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.provisioning.NumberUpload;
import dev.tenantconnect.core.provisioning.SyncStatus;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.resilience.RetryingTransportPolicy;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.testkit.Faults;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AcgProvisioningClientTest {
    static final TenantId CUSTOMER = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");
    static final TenantId OPERATOR = TenantId.parse("75f9fed4-d8e9-4c90-bc28-523cfdb83244");
    static final ClientId OPERATOR_APP = ClientId.parse("75f9fed4-0000-4000-8000-0000000000a1");
    static final Secret SECRET = Secret.of("operator-secret");

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> {
        sim.tenant(CUSTOMER).displayName("Contoso");
        sim.tenant(OPERATOR).displayName("Operator").app(OPERATOR_APP)
                .secret(SECRET, Instant.now().plus(Duration.ofDays(30)));
        sim.consent(CUSTOMER, "SG");
    });

    private AcgProvisioningClient acg;

    @BeforeEach
    void wire() throws Exception {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        GraphConnector graph = dev.tenantconnect.voice.SimulatedConnector.forSimulator(sim, ResiliencePolicies.builder(Clock.systemUTC(), Sleeper.system())
                        .transport(RetryingTransportPolicy.builder().maxAttempts(6).baseDelay(Duration.ofMillis(50))
                                .build()).build());
        acg = AcgProvisioningClient.builder().connector(graph)
                .endpoint(URI.create(sim.provisioningBaseUrl()), MicrosoftCloudSimulator.PROVISIONING_SCOPE)
                .operator(OPERATOR, ClientSecretCredential.of(OPERATOR_APP, SECRET, Instant.now().plusSeconds(3600)))
                .build();
    }

    private static List<NumberUpload> uploads(String range, String country) {
        List<NumberUpload> out = new ArrayList<>();
        for (PhoneNumber n : PhoneNumberRange.parse(range)) {
            out.add(new NumberUpload(n, country, NumberUsage.USER, List.of("InboundCalling", "OutboundCalling"),
                    Optional.empty()));
        }
        return out;
    }

    @Test
    void consents_say_which_tenants_chose_the_operator_for_which_countries() {
        assertThat(acg.consents()).singleElement().satisfies(c -> {
            assertThat(c.tenant()).isEqualTo(CUSTOMER);
            assertThat(c.allows("SG")).isTrue();
            assertThat(c.allows("GB")).isFalse();
        });
    }

    @Test
    void uploads_are_batched_by_100_and_sync_into_the_customer_tenant() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        List<SyncStatus> uploaded = acg.upload(CUSTOMER, uploads("+6567891200..+6567891349", "SG"));

        assertThat(uploaded).hasSize(150).allMatch(s -> s.state() == SyncStatus.State.PENDING
                || s.state() == SyncStatus.State.SYNCED);
        assertThat(sim.journal().count("provisioning.accounts.createOrUpdateNumbers")).isEqualTo(2);
        assertThat(acg.status(CUSTOMER, PhoneNumber.parse("+6567891349")).state()).isEqualTo(SyncStatus.State.SYNCED);
        assertThat(sim.tenant(CUSTOMER).number(PhoneNumber.parse("+6567891300")).orElseThrow().numberType())
                .isEqualTo("operatorConnect");

        acg.release(CUSTOMER, List.of(PhoneNumber.parse("+6567891300")));
        assertThat(sim.tenant(CUSTOMER).number(PhoneNumber.parse("+6567891300"))).isEmpty();
    }

    @Test
    void numbers_of_a_country_without_consent_are_refused_before_any_call() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        List<NumberUpload> mixed = new ArrayList<>(uploads("+6567891200..+6567891201", "SG"));
        mixed.addAll(uploads("+442079460000..+442079460001", "GB"));

        assertThatThrownBy(() -> acg.upload(CUSTOMER, mixed)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("(GB)").hasMessageNotContaining("2079460000");
        assertThat(sim.journal().count("provisioning.accounts.createOrUpdateNumbers")).isZero();
    }

    @Test
    void a_rejected_number_reports_its_errors_and_throttling_is_retried() {
        MicrosoftCloudSimulator sim = CLOUD.simulator();
        sim.faults().failProvisioningFor("+6567891205");
        sim.faults().provisioningRateLimit(new Faults.Throttling(3, 3.0));

        acg.upload(CUSTOMER, uploads("+6567891204..+6567891205", "SG"));
        SyncStatus failed = acg.status(CUSTOMER, PhoneNumber.parse("+6567891205"));
        SyncStatus ok = acg.status(CUSTOMER, PhoneNumber.parse("+6567891204"));

        assertThat(failed.state()).isEqualTo(SyncStatus.State.FAILED);
        assertThat(failed.errors()).singleElement().satisfies(e -> assertThat(e).contains("rejected"));
        assertThat(ok.state()).isEqualTo(SyncStatus.State.SYNCED);
        assertThat(sim.journal().countStatus(429)).isPositive();
    }
}
