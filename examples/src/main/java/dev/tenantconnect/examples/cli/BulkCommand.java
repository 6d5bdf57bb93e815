package dev.tenantconnect.examples.cli;

import dev.tenantconnect.bulk.BulkFileFormat;
import dev.tenantconnect.bulk.FileReport;
import dev.tenantconnect.bulk.RowProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tenantconnect bulk ...}: seed 001's bulk assignment file. */
@Command(name = "bulk", mixinStandardHelpOptions = true, description = "The bulk assignment file (seed 001).",
        subcommands = {BulkCommand.Template.class, BulkCommand.Validate.class, BulkRunCommands.Plan.class,
            BulkRunCommands.Run.class, BulkRunCommands.Resume.class})
public final class BulkCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Writes the sample file. */
    @Command(name = "template", mixinStandardHelpOptions = true,
            description = "Write the sample bulk file (header and example rows with the add-on codes).")
    static final class Template implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "Where to write it (default: standard output).")
        Optional<Path> file;

        @Override
        public Integer call() {
            BulkFileFormat format = BulkFileFormat.standard();
            if (file.isPresent()) {
                format.writeTemplate(file.get());
                spec.commandLine().getOut().println("wrote " + file.get());
            } else {
                spec.commandLine().getOut().print(format.template());
            }
            return ExitCodes.OK;
        }
    }

    /** Validates a file without connecting to anything. */
    @Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a bulk file without a tenant: "
            + "structure, numbers, add-on codes and rules, duplicates. Exit 1 when it has problems.")
    static final class Validate implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The CSV file.")
        Path file;

        @Option(names = "--json", description = "Print the report as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            FileReport r = BulkFileFormat.standard().validate(file);
            Optional<dev.tenantconnect.bulk.AssignmentExport.BackupCheck> backup =
                    NumbersExportCommand.backupCheck(file);
            if (json) {
                var m = new com.fasterxml.jackson.databind.ObjectMapper();
                var o = m.createObjectNode();
                o.put("rows", r.rows());
                o.put("validRows", r.validRows());
                o.put("problemCount", r.problemCount());
                backup.ifPresent(b -> o.put("checksum", b.intact() ? "matches" : b.expectedSha256().isPresent()
                        ? "mismatch" : "missing"));
                var ps = o.putArray("problems");
                for (RowProblem p : r.problems()) {
                    ps.addObject().put("line", p.line()).put("column", p.column()).put("rule", p.rule());
                }
                spec.commandLine().getOut().println(m.writerWithDefaultPrettyPrinter().writeValueAsString(o));
            } else {
                spec.commandLine().getOut().print(r.toText());
                backup.ifPresent(b -> spec.commandLine().getOut().println(b.toText()));
            }
            boolean intact = backup.map(b -> b.intact() || b.expectedSha256().isEmpty()).orElse(true);
            return r.ok() && intact ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }
}
