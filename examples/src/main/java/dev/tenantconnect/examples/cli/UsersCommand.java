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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tenantconnect users ...}: enable and disable one user, change a user's number. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Enable or disable one user for Teams "
        + "calling, or change a user's number.", subcommands = {UsersCommand.Enable.class, UsersCommand.Disable.class,
            UsersCommand.ChangeNumber.class})
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
        @Mixin
        BulkRunCommands.OperatorApi operator;
        @Option(names = "--tenant", required = true, description = "The customer's tenant ID.")
        String tenant;
        @Option(names = "--service", defaultValue = "oc-main", description = "The operator's service. Default: "
                + "${DEFAULT-VALUE}.")
        String service;

        CredentialKey key() {
            return new CredentialKey(TenantId.parse(tenant), ServiceId.of(service));
        }

        /** A given number, or the lowest available one of a country; exactly one of the two. */
        NumberChoice choice(Optional<String> number, Optional<String> pickCountry) {
            if (number.isPresent() == pickCountry.isPresent()) {
                throw new IllegalArgumentException("give exactly one of --number or --pick-country");
            }
            return number.<NumberChoice>map(n -> new NumberChoice.Specific(PhoneNumber.parse(n)))
                    .orElseGet(() -> new NumberChoice.Pick(AllocationRequest.lowest(TenantId.parse(tenant),
                            pickCountry.orElseThrow(), "cli")));
        }

        /** @return whether this command cannot work without the operator provisioning API */
        boolean needsOperatorApi() {
            return false;
        }

        UserEnablement enablement() {
            operator.require(global.profile(), needsOperatorApi());
            return BulkRunCommands.OperatorApi.client(global, operator).enablement();
        }

        int print(EnableResult r, String done) {
            PrintWriter out = spec.commandLine().getOut();
            if (global.json) {
                var m = new com.fasterxml.jackson.databind.ObjectMapper();
                var o = m.createObjectNode();
                o.put("succeeded", r.succeeded());
                r.failedStep().ifPresent(st -> o.put("failedStep", st.name()));
                r.user().ifPresent(u -> o.put("user", u.toString()));
                r.number().ifPresent(n -> o.put("number", n.e164()));
                r.operationId().ifPresent(id -> o.put("operationId", id));
                o.put("converged", r.converged());
                var problems = o.putArray("problems");
                r.problems().forEach(p -> problems.addObject().put("code", p.code().name()).put("field", p.field())
                        .put("message", p.message()));
                r.warnings().forEach(o.putArray("warnings")::add);
                out.println(o.toPrettyString());
                return r.succeeded() ? ExitCodes.OK : ExitCodes.FINDINGS;
            }
            if (r.succeeded()) {
                out.println(done + " " + r.number().map(PhoneNumber::e164).orElse("") + (r.converged()
                        ? " (already so; nothing written)" : ""));
                r.warnings().forEach(w -> out.println("warning: " + w));
                return ExitCodes.OK;
            }
            out.println("failed at " + r.failedStep().map(Enum::name).orElse("?") + ":");
            r.problems().forEach(p -> out.println("  " + p.message() + " [" + p.code() + "]"));
            return ExitCodes.FINDINGS;
        }
    }

    /** What enabling and changing a number share: the user, the number to give and the add-ons. */
    abstract static class NumberGivingCommand extends UserCommand {
        @Option(names = "--user", required = true, description = "The user's UPN or object ID.")
        String user;
        @Option(names = "--number", description = "The number to assign.")
        Optional<String> number;
        @Option(names = "--pick-country", description = "Pick the lowest available number of this country instead.")
        Optional<String> pickCountry;
        @Option(names = "--addon", description = "An add-on code (repeat for more).", defaultValue =
                "device_import_msteams_OC")
        List<String> addons;

        /** @return the request for the user and the number to give */
        EnableRequest request() {
            return EnableRequest.builder(UserRef.parse(user), choice(number, pickCountry)).addonCodes(addons).build();
        }
    }

    /** Enable. */
    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a user: a given number, or one "
            + "picked from the inventory; every preflight problem at once. Exit 1 when it failed.")
    static final class Enable extends NumberGivingCommand {
        @Override
        public Integer call() {
            return print(enablement().enableUser(key(), request()), "enabled with");
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
            return print(enablement().disableUser(key(), UserRef.parse(userId), PhoneNumber.parse(number),
                    dev.tenantconnect.core.addon.AddonCatalog.standard().parseSet(List.of())), "disabled; kept");
        }
    }

    /** Change number. */
    @Command(name = "change-number", mixinStandardHelpOptions = true, description = "Give a user a new number in "
            + "one operation: the old one goes back to the tenant pool (tracked), the new one is assigned; if that "
            + "fails the old one is assigned back. Exit 1 when it failed.")
    static final class ChangeNumber extends NumberGivingCommand {
        @Option(names = "--old-number", required = true, description = "The user's current number.")
        String oldNumber;

        @Override
        public Integer call() {
            return print(enablement().changeNumber(key(), UserRef.parse(user), PhoneNumber.parse(oldNumber),
                    request()), "now has");
        }
    }
}
