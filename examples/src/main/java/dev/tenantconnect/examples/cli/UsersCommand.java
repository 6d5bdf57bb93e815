package dev.tenantconnect.examples.cli;

import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.inventory.AllocationRequest;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.voice.enablement.EnableRequest;
import dev.tenantconnect.voice.enablement.EnableResult;
import dev.tenantconnect.voice.enablement.NumberChoice;
import dev.tenantconnect.voice.enablement.UserEnablement;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tenantconnect users ...}: enable and disable one user (seed 001 §2–§4). */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Enable or disable one user for Teams "
        + "calling.", subcommands = {UsersCommand.Enable.class, UsersCommand.Disable.class})
final class UsersCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What both commands need. */
    abstract static class UserCommand implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @ArgGroup(exclusive = false, heading = "Operator provisioning API (to upload Operator Connect numbers):%n")
        BulkRunCommands.OperatorApi operator;
        @Option(names = "--tenant", required = true, description = "The customer's tenant ID.")
        String tenant;
        @Option(names = "--service", defaultValue = "oc-main", description = "The operator's service. Default: "
                + "${DEFAULT-VALUE}.")
        String service;

        CredentialKey key() {
            return new CredentialKey(TenantId.parse(tenant), ServiceId.of(service));
        }

        UserEnablement enablement() {
            return BulkRunCommands.OperatorApi.enablement(global, global.connector(), operator);
        }

        int print(EnableResult r, String done) {
            PrintWriter out = spec.commandLine().getOut();
            if (r.succeeded()) {
                out.println(done + " " + r.number().map(PhoneNumber::e164).orElse("") + (r.converged()
                        ? " (already so; nothing written)" : ""));
                r.warnings().forEach(w -> out.println("warning: " + w));
                return ExitCodes.OK;
            }
            out.println("failed at " + r.failedStep().map(Enum::name).orElse("?") + ":");
            r.problems().forEach(p -> out.println("  " + p));
            return ExitCodes.FINDINGS;
        }
    }

    /** Enable. */
    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a user: a given number, or one "
            + "picked from the inventory; every preflight problem at once. Exit 1 when it failed.")
    static final class Enable extends UserCommand {
        @Option(names = "--user", required = true, description = "The user's UPN or object ID.")
        String user;
        @Option(names = "--number", description = "The number to assign.")
        Optional<String> number;
        @Option(names = "--pick-country", description = "Pick the lowest available number of this country instead.")
        Optional<String> pickCountry;
        @Option(names = "--addon", description = "An add-on code (repeat for more).", defaultValue =
                "device_import_msteams_OC")
        List<String> addons;

        @Override
        public Integer call() {
            if (number.isPresent() == pickCountry.isPresent()) {
                throw new IllegalArgumentException("give exactly one of --number or --pick-country");
            }
            NumberChoice choice = number.<NumberChoice>map(n -> new NumberChoice.Specific(PhoneNumber.parse(n)))
                    .orElseGet(() -> new NumberChoice.Pick(AllocationRequest.lowest(TenantId.parse(tenant),
                            pickCountry.orElseThrow(), "cli")));
            return print(enablement().enableUser(key(), new EnableRequest(UserRef.parse(user), choice, addons,
                    Optional.empty())), "enabled with");
        }
    }

    /** Disable. */
    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable a user: the number is "
            + "unassigned and stays in the tenant, tracked, for reuse; billing stops.")
    static final class Disable extends UserCommand {
        @Option(names = "--user-id", required = true, description = "The user's object ID.")
        String userId;
        @Option(names = "--number", required = true, description = "The user's number.")
        String number;

        @Override
        public Integer call() {
            return print(enablement().disableUser(key(), UUID.fromString(userId), PhoneNumber.parse(number),
                    dev.tenantconnect.core.addon.AddonCatalog.standard().parseSet(List.of())), "disabled; kept");
        }
    }
}
