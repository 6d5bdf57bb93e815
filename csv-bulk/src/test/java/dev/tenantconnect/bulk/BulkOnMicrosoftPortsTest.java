package dev.tenantconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.job.FileJobJournal;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.tenant.TeamsPolicy;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.testing.FakeSleeper;
import dev.tenantconnect.testkit.InMemoryMicrosoftTenants;
import dev.tenantconnect.testkit.Sku;
import dev.tenantconnect.voice.TenantConnectClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk depends on the Microsoft ports, not on the Graph adapter: a root client built on the testkit's in-memory
 * ports alone ({@code builder().microsoft(fake)}, no HTTPS simulator, no {@code GraphConnector}) plans a bulk file,
 * runs it, writes its results and exports the tenant's assignments.
 */
class BulkOnMicrosoftPortsTest {
    private static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000c1");
    private static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000c1");
    private static final CredentialKey KEY = new CredentialKey(TENANT, ServiceId.of("oc-bulk"));
    private static final PhoneNumber FIRST = PhoneNumber.parse("+12065550101");
    private static final PhoneNumber SECOND = PhoneNumber.parse("+12065550102");
    private static final PhoneNumber THIRD = PhoneNumber.parse("+12065550103");

    @TempDir
    Path dir;

    @Test
    void a_client_on_the_ports_alone_plans_runs_reports_and_exports_a_bulk_file() throws IOException {
        FakeClock clock = new FakeClock(Instant.parse("2026-03-01T08:00:00Z"));
        InMemoryMicrosoftTenants microsoft = new InMemoryMicrosoftTenants(clock);
        microsoft.tenant(TENANT).displayName("Contoso").domain("contoso.example")
                .sku(Sku.TEAMS_PHONE_STANDARD, 5).sku(Sku.OFFICE_365_E5, 5)
                .app(APP, GraphPermission.ORGANIZATION_READ_ALL, GraphPermission.USER_READ_ALL,
                        GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
                .roles(APP, DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR);
        UUID alice = microsoft.tenant(TENANT).addUser("alice@contoso.example", "Alice", "US", Sku.OFFICE_365_E5);
        UUID bob = microsoft.tenant(TENANT).addUser("bob@contoso.example", "Bob", "US", Sku.OFFICE_365_E5);
        String callingPolicy = microsoft.tenant(TENANT).policy("TeamsCallingPolicy", "AllowCalling", true);
        for (PhoneNumber n : List.of(FIRST, SECOND, THIRD)) {
            microsoft.tenant(TENANT).addNumber(n, NumberType.DIRECT_ROUTING);
        }
        InMemoryCredentialStore store = new InMemoryCredentialStore(clock);
        store.create(KEY, ClientSecretCredential.of(APP, Secret.of("bulk-ports-secret"),
                Instant.parse("2026-06-01T00:00:00Z")));
        InMemoryNumberInventory inventory = new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT,
                clock), clock, new SplittableRandom(1));
        inventory.importNumbers(List.of(FIRST, SECOND, THIRD), NumberAttributes.of("US", "1206",
                NumberType.DIRECT_ROUTING, NumberUsage.USER), "test");
        TenantConnectClient client = TenantConnectClient.builder().microsoft(microsoft).credentials(store)
                .inventory(inventory).clock(clock).sleeper(new FakeSleeper(clock)).build();
        assertThatThrownBy(client::connector).as("no Graph connector exists to fall back on")
                .isInstanceOf(ConfigurationException.class);
        BulkAssignments bulk = BulkAssignments.of(client, new FileJobJournal(dir.resolve("jobs")));
        Path file = dir.resolve("users.csv");
        Files.writeString(file, "Ext Key,Number,User,Addon license 1\r\n"
                + "2001,12065550101,alice@contoso.example,device_import_msteams_OC\r\n"
                + "2002,12065550102," + bob + ",device_import_msteams_OC\r\n"
                + "2003,12065550103,nobody@contoso.example,device_import_msteams_OC\r\n");
        BulkOptions options = BulkOptions.builder().invalidRows(InvalidRows.SKIP_ROWS)
                .resultsFile(dir.resolve("results.csv"))
                .policies(Set.of(TeamsPolicy.of("TeamsCallingPolicy", "AllowCalling"))).build();

        BulkPlan plan = bulk.plan(file, KEY, options);
        BulkReport report = bulk.run(plan, ProgressListener.NONE);

        assertThat(plan.problems()).as("the plan looked the users up through the ports").singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("line 4", "no such user in the tenant"));
        assertThat(report.outcomes()).extracting(RowOutcome::status)
                .containsExactly(RowStatus.DONE, RowStatus.DONE, RowStatus.FAILED);
        assertThat(microsoft.tenant(TENANT).holder(FIRST)).as(Files.readString(report.resultsFile())).contains(alice);
        assertThat(microsoft.tenant(TENANT).holder(SECOND)).contains(bob);
        assertThat(microsoft.tenant(TENANT).holder(THIRD)).isEmpty();
        assertThat(microsoft.tenant(TENANT).policyAssignments(alice))
                .containsEntry("TeamsCallingPolicy", callingPolicy);
        assertThat(inventory.find(FIRST).orElseThrow().status().state()).isEqualTo(NumberState.ASSIGNED);
        assertThat(inventory.find(THIRD).orElseThrow().status().state()).isNotEqualTo(NumberState.ASSIGNED);
        assertThat(Files.readAllLines(report.resultsFile())).as("header and one line per row").hasSize(4);
        assertThat(report.count(RowStatus.PENDING)).as("nothing left for a resume").isZero();

        AssignmentExport.ExportResult exported = AssignmentExport.of(client, true).export(KEY,
                dir.resolve("backup.csv"));
        assertThat(exported.users()).as("the export read the tenant's numbers through the ports").isEqualTo(2);
        assertThat(Files.readString(exported.file())).contains("alice@contoso.example", "bob@contoso.example");
    }
}
