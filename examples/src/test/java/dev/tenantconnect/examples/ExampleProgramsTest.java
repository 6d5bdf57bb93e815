package dev.tenantconnect.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.bulk.BulkReport;
import dev.tenantconnect.bulk.RowStatus;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.CredentialStoreContract;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.provisioning.NumberUpload;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.examples.programs.BulkFromCsv;
import dev.tenantconnect.examples.programs.ConnectAndVerify;
import dev.tenantconnect.examples.programs.CustomCredentialStore;
import dev.tenantconnect.examples.programs.EnableOneUser;
import dev.tenantconnect.examples.programs.ExampleCloud;
import dev.tenantconnect.examples.programs.OwnOperatorApi;
import dev.tenantconnect.examples.programs.ReplicateAllTenants;
import dev.tenantconnect.testkit.DemoSeed;
import dev.tenantconnect.voice.enablement.EnableResult;
import dev.tenantconnect.core.inventory.NumberUsage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example program runs against the simulated cloud and does what its comment says. */
class ExampleProgramsTest {
    /** The programs that talk to the cloud: one simulator per test. */
    @Nested
    class AgainstTheSimulator {
        private ExampleCloud cloud;
        private final StringWriter text = new StringWriter();
        private final PrintWriter out = new PrintWriter(text, true);

        @BeforeEach
        void start() {
            cloud = ExampleCloud.start(20);
        }

        @AfterEach
        void stop() {
            cloud.close();
        }

        @Test
        void connect_and_verify() {
            assertThat(ConnectAndVerify.run(cloud, out)).isTrue();
            assertThat(text.toString()).contains("connected Contoso", "PASS    directory-roles");
        }

        @Test
        void enable_one_user() {
            EnableResult r = EnableOneUser.run(cloud, out);
            assertThat(r.succeeded()).as(text.toString()).isTrue();
            assertThat(text.toString()).contains("enabled with +6567891200");
        }

        @Test
        void bulk_from_csv(@TempDir Path dir) throws Exception {
            BulkReport r = BulkFromCsv.run(cloud, dir, out);
            assertThat(r.count(RowStatus.DONE)).as(text.toString()).isEqualTo(2);
            assertThat(r.count(RowStatus.FAILED)).isEqualTo(1);
            assertThat(text.toString()).contains("3 rows, 3 valid, 0 problems", "3 rows: 2 to apply, 0 already "
                    + "done, 1 invalid");
            assertThat(dir.resolve("users.results.csv")).exists();
        }

        @Test
        void own_operator_api_applies_the_operators_quota_in_front_of_the_real_one() {
            OwnOperatorApi api = new OwnOperatorApi(cloud.provisioning(), 1);
            api.upload(DemoSeed.CUSTOMER, List.of(upload("+6567891250")));
            assertThat(api.uploadedFor(DemoSeed.CUSTOMER)).isEqualTo(1);
            assertThatThrownBy(() -> api.upload(DemoSeed.CUSTOMER, List.of(upload("+6567891251"))))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("quota of 1");
        }

        @Test
        void replicate_all_tenants() {
            List<dev.tenantconnect.voice.replication.Replicator.Outcome> outcomes = ReplicateAllTenants.run(cloud, out);
            assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.result()).isPresent());
            assertThat(text.toString()).contains("run 1: " + DemoSeed.CUSTOMER + " 22 users, 22 changed",
                    "run 2: " + DemoSeed.CUSTOMER + " 22 users, 0 changed");
        }

        private NumberUpload upload(String number) {
            return new NumberUpload(PhoneNumber.parse(number), "SG", NumberUsage.USER,
                    List.of("InboundCalling", "OutboundCalling"), Optional.empty());
        }
    }

    /** The custom store passes the same contract as the library's stores. */
    @Nested
    class CustomStoreContract extends CredentialStoreContract {
        @Override
        protected CredentialStore newStore(FakeClock clock) {
            return new CustomCredentialStore(clock);
        }
    }
}
