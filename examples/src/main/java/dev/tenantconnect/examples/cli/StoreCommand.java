package dev.tenantconnect.examples.cli;

import dev.tenantconnect.core.credential.CredentialScan;
import dev.tenantconnect.core.credential.EncryptedFileCredentialStore;
import dev.tenantconnect.core.error.ConfigurationException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code store doctor} and {@code store recover}: check a credential store's integrity without opening it for
 * work, and make the newest good generation of a damaged file store current. Exit code {@link ExitCodes#INTEGRITY}
 * when something is damaged.
 */
@Command(name = "store", mixinStandardHelpOptions = true, description = "Check (doctor) or recover the credential "
        + "store named by --store.", subcommands = {StoreCommand.Doctor.class, StoreCommand.Recover.class})
final class StoreCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static Path fileOf(GlobalOptions global) {
        return Path.of(global.store.substring("file:".length()));
    }

    /** Lists every generation of a file store, or every damaged record of a database store. */
    @Command(name = "doctor", mixinStandardHelpOptions = true, description = "Check every record of the embedded "
            + "or a jdbc: store, or every generation of a file: store; names what is damaged (never a secret). Exit 4 when "
            + "something is damaged.")
    static final class Doctor implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (global.store.startsWith("file:")) {
                List<EncryptedFileCredentialStore.Generation> gens = EncryptedFileCredentialStore.check(
                        fileOf(global), global.storeKeys());
                for (EncryptedFileCredentialStore.Generation g : gens) {
                    out.println((g.generation() == 0 ? "current   " : "previous " + g.generation() + " ")
                            + g.file().getFileName() + ": " + (!g.present() ? "missing" : g.usable()
                                    ? "ok, " + g.records().orElse(0) + " records" + g.keyId().map(k -> ", key " + k)
                                            .orElse("") : "DAMAGED: " + g.problem().orElse("")));
                }
                if (gens.get(0).present() && !gens.get(0).usable()) {
                    boolean recoverable = gens.stream().anyMatch(EncryptedFileCredentialStore.Generation::usable);
                    spec.commandLine().getErr().println(recoverable ? "hint: 'tenantconnect store recover' makes the "
                            + "newest good generation current (the damaged file is kept aside)" : "hint: no generation "
                            + "authenticates: restore the file and its generations from a backup, with the same key");
                    return ExitCodes.INTEGRITY;
                }
                return ExitCodes.OK;
            }
            if (global.store.startsWith("jdbc:") || global.store.equals("embedded")) {
                CredentialScan scan = global.platform().credentials().scan();
                out.println(scan.records().size() + " records readable, " + scan.damaged().size() + " damaged");
                scan.damaged().forEach(d -> out.println("DAMAGED " + d.tenant() + "/" + d.service() + ": "
                        + d.problem()));
                return scan.complete() ? ExitCodes.OK : ExitCodes.INTEGRITY;
            }
            throw new ConfigurationException("store doctor checks the embedded store, --store file:PATH or --store "
                    + "jdbc:URL; --store memory keeps nothing to check");
        }
    }

    /** Makes the newest generation that authenticates the current file. */
    @Command(name = "recover", mixinStandardHelpOptions = true, description = "Make the newest good generation of a "
            + "file: store current (run it while nothing else uses the store); the damaged file is moved aside, "
            + "never deleted. Changes written after that generation are lost.")
    static final class Recover implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;

        @Override
        public Integer call() {
            if (!global.store.startsWith("file:")) {
                throw new ConfigurationException("store recover works on --store file:PATH; for a jdbc: store, "
                        + "'store doctor' names each damaged record: connect that tenant again or restore the row "
                        + "from a database backup");
            }
            EncryptedFileCredentialStore.Generation g = EncryptedFileCredentialStore.recover(fileOf(global),
                    global.storeKeys(), Clock.systemUTC());
            spec.commandLine().getOut().println(g.generation() == 0 ? "the current file is good; nothing to recover"
                    : "recovered from previous generation " + g.generation() + " (" + g.file().getFileName() + ", "
                            + g.records().orElse(0) + " records)");
            return ExitCodes.OK;
        }
    }
}
