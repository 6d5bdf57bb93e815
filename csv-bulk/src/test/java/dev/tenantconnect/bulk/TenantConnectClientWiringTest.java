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
import dev.tenantconnect.core.job.FileJobJournal;
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
        // a fake clock that remembers every instant it showed: an instant a service records is the client's clock's
        // only if the clock showed it (the system clock's nanoseconds never coincide)
        FakeClock fake = new FakeClock(Instant.now().minus(Duration.ofMinutes(1)).plusNanos(123_456_789));
        RecordingClock clock = new RecordingClock(fake);
        Instant start = fake.instant();
        // advances the fake clock instead of waiting
        FakeSleeper sleeper = new FakeSleeper(fake);
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
        EnableResult one = client.enablement().enableUser(BulkFixture.KEY, EnableRequest.builder(UserRef.parse("user0@contoso.onmicrosoft.com"),
                new NumberChoice.Pick(AllocationRequest.lowest(
                        BulkFixture.CUSTOMER, "SG", "test"))).addonCodes(List.of("device_import_msteams_OC")).build());
        assertThat(one.succeeded()).as(one.problems().toString()).isTrue();

        // bulk: two rows, planned and run on the same wiring
        Path file = dir.resolve("users.csv");
        Files.writeString(file, "Ext Key,Number,User,Addon license 1\r\n"
                + "1001,6590000050,user1@contoso.onmicrosoft.com,device_import_msteams_OC\r\n"
                + "1002,6590000051,user2@contoso.onmicrosoft.com,device_import_msteams_OC\r\n");
        BulkPlan plan = bulk.plan(file, BulkFixture.KEY, BulkOptions.defaults());
        assertThat(plan.createdAt()).as("bulk reads the client's clock").isIn(clock.shown());
        BulkReport report = bulk.run(plan, ProgressListener.NONE);
        assertThat(report.outcomes()).extracting(RowOutcome::status).containsOnly(RowStatus.DONE);

        // the same inventory: bulk's numbers are assigned in the inventory the client was given
        assertThat(inventory.find(PhoneNumber.parse("+6590000050")).orElseThrow().status().state().name())
                .isEqualTo("ASSIGNED");
        // the same usage ledger and clock: three enabled users, each billed at a fake-clock instant
        List<UsageEvent> billed = client.usage().eventsBefore(fake.instant().plusSeconds(1));
        assertThat(billed).hasSize(3).allSatisfy(e -> assertThat(e.at()).isIn(clock.shown()));
        List<NumberTransition> history = inventory.history(PhoneNumber.parse("+6590000051"));
        assertThat(history).isNotEmpty().allSatisfy(t -> assertThat(t.at()).isIn(clock.shown()));
        // the same sleeper: the resilience defaults are built on it, so every wait went through it (none was real)
        assertThat(sleeper.sleeps()).as("enablement and bulk waited through the client's sleeper").isNotEmpty();
        assertThat(fake.instant()).as("the clock moved by the sleeper's waits only").isEqualTo(start.plus(
                sleeper.total()));

        // reports: today by the client's clock
        CapacityHistory capacity = CapacityHistory.of(List.of());
        client.reports().recordCapacity(capacity, Duration.ofDays(7));
        assertThat(capacity.snapshots()).singleElement().extracting(CapacityHistory.Snapshot::day)
                .isEqualTo(LocalDate.ofInstant(fake.instant(), ZoneOffset.UTC));
        assertThat(client.enablement()).as("one enablement, shared by every caller").isSameAs(client.enablement());
    }

    /** Delegates to a fake clock and remembers every instant it returned. */
    private static final class RecordingClock extends java.time.Clock {
        private final FakeClock delegate;
        private final java.util.Set<Instant> shown = java.util.concurrent.ConcurrentHashMap.newKeySet();

        RecordingClock(FakeClock delegate) {
            this.delegate = delegate;
        }

        java.util.Set<Instant> shown() {
            return java.util.Set.copyOf(shown);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Instant now = delegate.instant();
            shown.add(now);
            return now;
        }
    }
}
