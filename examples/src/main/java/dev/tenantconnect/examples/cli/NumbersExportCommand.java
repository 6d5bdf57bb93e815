package dev.tenantconnect.examples.cli;

import dev.tenantconnect.bulk.AssignmentExport;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tenantconnect numbers export}: a backup of a tenant's number assignments as a bulk file, with its checksum
 * beside it; restore it with {@code bulk plan} and {@code bulk run}.
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Back up a tenant's number assignments as "
        + "a bulk file (users and resource accounts, number, type, emergency location, add-ons) with FILE.sha256 "
        + "beside it. Restore with 'bulk plan FILE' then 'bulk run FILE'; check with 'bulk validate FILE'.")
final class NumbersExportCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Mixin
    GlobalOptions global;
    @Option(names = "--tenant", required = true, description = "The customer's tenant ID.")
    String tenant;
    @Option(names = "--service", defaultValue = "oc-main", description = "The operator's service. Default: "
            + "${DEFAULT-VALUE}.")
    String service;
    @Option(names = "--output", description = "Where to write the backup (default: "
            + "assignments-TENANT-TIME.csv in the current directory).")
    Optional<Path> output;
    @Option(names = "--user-principal-names", description = "Write user principal names in the User column "
            + "instead of object IDs (readable, survives re-created users; one throttled Graph request unit per user).")
    boolean upns;

    @Override
    public Integer call() {
        TenantId id = TenantId.parse(tenant);
        Path file = output.orElseGet(() -> Path.of("assignments-" + id + "-" + STAMP.format(Instant.now()) + ".csv"));
        Platform p = global.platform();
        AssignmentExport export = AssignmentExport.of(global.client(), upns);
        AssignmentExport.ExportResult r = export.export(new CredentialKey(id, ServiceId.of(service)), file);
        PrintWriter out = spec.commandLine().getOut();
        if (global.json) {
            var m = new com.fasterxml.jackson.databind.ObjectMapper();
            var o = m.createObjectNode();
            o.put("file", r.file().toString());
            o.put("sidecar", r.sidecar().toString());
            o.put("tenant", r.tenant().toString());
            o.put("exportedAt", r.exportedAt().toString());
            o.put("users", r.users());
            o.put("resourceAccounts", r.resourceAccounts());
            o.put("skipped", r.skipped());
            o.put("sha256", r.sha256());
            out.println(o.toPrettyString());
        } else {
            out.println(r.summary());
        }
        return ExitCodes.OK;
    }

    /**
     * The backup check of a file {@code bulk validate} prints: for an export, or any file with a checksum beside it.
     *
     * @param file a bulk file
     * @return the check, or empty for a plain bulk file
     */
    static Optional<AssignmentExport.BackupCheck> backupCheck(Path file) {
        if (!java.nio.file.Files.isRegularFile(AssignmentExport.sidecar(file))) {
            AssignmentExport.BackupCheck c = AssignmentExport.verify(file);
            return c.isExport() ? Optional.of(c) : Optional.empty();
        }
        return Optional.of(AssignmentExport.verify(file));
    }
}
