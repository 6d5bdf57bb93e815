package dev.tenantconnect.examples.programs;

import dev.tenantconnect.bulk.BulkAssignments;
import dev.tenantconnect.bulk.BulkOptions;
import dev.tenantconnect.bulk.BulkPlan;
import dev.tenantconnect.bulk.BulkReport;
import dev.tenantconnect.core.job.FileJobJournal;
import dev.tenantconnect.bulk.InvalidRows;
import dev.tenantconnect.bulk.NumberPool;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.testkit.DemoSeed;
import dev.tenantconnect.voice.TenantConnectClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;

/**
 * Bulk assignment (numbers for many users from one CSV file): validate a CSV file, plan it against the tenant, run
 * it, read the results.
 */
public final class BulkFromCsv {
    private BulkFromCsv() {
    }

    /**
     * @param cloud where to run
     * @param dir where the CSV file, its results and the job journal go
     * @param out where the story goes
     * @return the report
     * @throws IOException if the file cannot be written
     */
    public static BulkReport run(ExampleCloud cloud, Path dir, PrintWriter out) throws IOException {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        store.create(cloud.key(), cloud.customerCredential());
        InMemoryNumberInventory inventory = new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT,
                Clock.systemUTC()), Clock.systemUTC(), new SplittableRandom());
        inventory.importNumbers(DemoSeed.NUMBERS, NumberAttributes.of("SG", "656789", NumberType.OPERATOR_CONNECT,
                NumberUsage.USER), "example");
        TenantConnectClient client = cloud.client().credentials(store).inventory(inventory).build();
        // bulk lives in csv-bulk, on top of teams-voice: it takes the client's wiring (same inventory, clock, ledger)
        BulkAssignments bulk = BulkAssignments.of(client, new FileJobJournal(dir.resolve("jobs")));

        // The file an operator fills in: a number named, a number picked (license_number), a user without licence.
        Path csv = dir.resolve("users.csv");
        Files.writeString(csv, "Ext Key,Number,User,Addon license 1,Addon license 2\n"
                + "101,6567891300,user001@contoso.onmicrosoft.com,device_import_msteams_OC,call_recording\n"
                + "102,,user002@contoso.onmicrosoft.com,device_import_msteams_OC,license_number\n"
                + "105,6567891301,user005@contoso.onmicrosoft.com,device_import_msteams_OC,\n");

        out.print(bulk.validate(csv).toText());                       // no tenant needed
        BulkPlan plan = bulk.plan(csv, cloud.key(), BulkOptions.defaults()
                .withNumberPool(NumberPool.operatorConnect("SG")).withInvalidRows(InvalidRows.SKIP_ROWS));
        out.print(plan.toText());                                     // the dry run
        BulkReport report = bulk.run(plan, p -> { });                  // a progress bar would go here
        out.println(report.summary());                                // resume(report.jobId(), ...) after a crash
        return report;
    }

    /**
     * @param args none
     * @throws IOException if the files cannot be written
     */
    public static void main(String[] args) throws IOException {
        try (ExampleCloud cloud = ExampleCloud.start(50)) {
            Path dir = Files.createTempDirectory("bulk-example");
            System.exit(run(cloud, dir, new PrintWriter(System.out, true)).count(
                    dev.tenantconnect.bulk.RowStatus.DONE) == 2 ? 0 : 1);
        }
    }
}
