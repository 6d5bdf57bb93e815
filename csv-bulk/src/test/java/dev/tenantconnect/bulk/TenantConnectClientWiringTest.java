package dev.tenantconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.billing.UsageEvent;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.inventory.AllocationRequest;
import dev.tenantconnect.core.inventory.CapacityHistory;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.NumberTransition;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.testing.FakeSleeper;
import dev.tenantconnect.graph.CloudEnvironment;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import dev.tenantconnect.voice.TenantConnectClient;
import dev.tenantconnect.voice.enablement.EnableRequest;
import dev.tenantconnect.voice.enablement.EnableResult;
import dev.tenantconnect.voice.enablement.NumberChoice;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root client takes the shared wiring once: a fake clock and sleeper set on its builder are the ones enablement,
 * bulk (obtained with {@code BulkAssignments.of(client, journal)}), the resilience defaults and the reports use, and
 * bulk writes into the client's inventory and usage ledger.
 */
class TenantConnectClientWiringTest {
    @RegisterExtension
    final SimulatorExtension cloud = SimulatorExtension.create().seededWith(sim -> BulkFixture.seed(sim, 30));

    @TempDir
    Path dir;

    @Test
    void a_clock_and_sleeper_set_once_are_seen_by_enablement_bulk_and_reports() throws IOException {
        MicrosoftCloudSimulator sim = cloud.simulator();
        // a minute behind the system clock (the provisioning API accepts a first-sent time up to 5 minutes old) and
        // standing still: every instant a service records is exactly this one when it reads the client's clock
        Instant start = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        FakeClock clock = new FakeClock(start);
        // records each wait and returns at once (it moves a clock of its own, not the services' clock)
        FakeSleeper sleeper = new FakeSleeper(new FakeClock(start));
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        store.create(BulkFixture.KEY, ClientSecretCredential.of(BulkFixture.APP, BulkFixture.SECRET,
                Instant.now().plus(Duration.ofDays(30))));
        InMemoryNumberInventory inventory = new InMemoryNumberInventory(
                new NumberLifecycle(QuarantinePolicy.DEFAULT, clock), clock, new SplittableRandom(1));
        inventory.importNumbers(PhoneNumberRange.parse("+6590000000..+6590000099"),
                NumberAttributes.of("SG", "659000", NumberType.OPERATOR_CONNECT, NumberUsage.USER), "test");

        TenantConnectClient client = TenantConnectClient.builder()
                .cloud(CloudEnvironment.custom(URI.create(sim.baseUrl()), URI.create(sim.graphBaseUrl())))
                .connectorOptions(g -> g.trust(sim.sslContext(), sim.trustManager()))
                .credentials(store).inventory(inventory)
                .acgProvisioning(URI.create(sim.provisioningBaseUrl()), MicrosoftCloudSimulator.PROVISIONING_SCOPE,
                        BulkFixture.OPERATOR, ClientSecretCredential.of(BulkFixture.OPERATOR_APP, BulkFixture.SECRET,
                                Instant.now().plusSeconds(3600)))
                .clock(clock).sleeper(sleeper).build();
        BulkAssignments bulk = BulkAssignments.of(client, new FileJobJournal(dir.resolve("jobs")));

        // enablement: one user, a picked number
        EnableResult one = client.enablement().enableUser(BulkFixture.KEY, new EnableRequest(
                UserRef.parse("user0@contoso.onmicrosoft.com"), new NumberChoice.Pick(AllocationRequest.lowest(
                        BulkFixture.CUSTOMER, "SG", "test")), List.of("device_import_msteams_OC"), Optional.empty()));
        assertThat(one.succeeded()).as(one.problems().toString()).isTrue();

        // bulk: two rows, planned and run on the same wiring
        Path file = dir.resolve("users.csv");
        Files.writeString(file, "Ext Key,Number,User,Addon license 1\r\n"
                + "1001,6590000050,user1@contoso.onmicrosoft.com,device_import_msteams_OC\r\n"
                + "1002,6590000051,user2@contoso.onmicrosoft.com,device_import_msteams_OC\r\n");
        BulkPlan plan = bulk.plan(file, BulkFixture.KEY, BulkOptions.defaults());
        assertThat(plan.createdAt()).as("bulk reads the client's clock").isEqualTo(start);
        BulkReport report = bulk.run(plan, ProgressListener.NONE);
        assertThat(report.outcomes()).extracting(RowOutcome::status).containsOnly(RowStatus.DONE);

        // the same inventory: bulk's numbers are assigned in the inventory the client was given
        assertThat(inventory.find(PhoneNumber.parse("+6590000050")).orElseThrow().status().state().name())
                .isEqualTo("ASSIGNED");
        // the same usage ledger and clock: three enabled users, each billed at a fake-clock instant
        List<UsageEvent> billed = client.usage().eventsBefore(clock.instant().plusSeconds(1));
        assertThat(billed).hasSize(3).allSatisfy(e -> assertThat(e.at()).isEqualTo(start));
        List<NumberTransition> history = inventory.history(PhoneNumber.parse("+6590000051"));
        assertThat(history).isNotEmpty().allSatisfy(t -> assertThat(t.at()).isEqualTo(start));
        // the same sleeper: the resilience defaults are built on it, so every wait went through it (none was real)
        assertThat(sleeper.sleeps()).as("enablement and bulk waited through the client's sleeper").isNotEmpty();

        // reports: today by the client's clock
        CapacityHistory capacity = CapacityHistory.of(List.of());
        client.reports().recordCapacity(capacity, Duration.ofDays(7));
        assertThat(capacity.snapshots()).singleElement().extracting(CapacityHistory.Snapshot::day)
                .isEqualTo(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        assertThat(client.enablement()).as("one enablement, shared by every caller").isSameAs(client.enablement());
    }
}
