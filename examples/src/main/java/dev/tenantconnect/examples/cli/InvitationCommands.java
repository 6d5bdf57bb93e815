package dev.tenantconnect.examples.cli;

import dev.tenantconnect.core.access.PermissionProfile;
import dev.tenantconnect.core.access.RoleProfile;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.model.AppRegistrationName;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.onboarding.Invitation;
import dev.tenantconnect.core.onboarding.InvitationStore;
import dev.tenantconnect.voice.AppRegistrationRequest;
import dev.tenantconnect.voice.Connection;
import java.io.PrintWriter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code app-registration invitations create|list|show|complete}: pending app-registration invitations (the
 * operator hands the ID to the customer's admin, who completes the registration), kept in the database so that they survive the process and every instance sees them.
 */
final class InvitationCommands {
    private InvitationCommands() {
    }

    /** {@code app-registration invitations ...}. */
    @Command(name = "invitations", mixinStandardHelpOptions = true, description = "Pending app-registration "
            + "invitations, kept in the store's database (the embedded default or --store jdbc:).", subcommands = {Create.class, ListCommand.class,
                Show.class, Complete.class})
    static final class Invitations implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /**
     * The platform's invitation store: the embedded database by default, or the {@code --store jdbc:} database.
     * {@code --store memory} is refused: the invitation would be gone when the command ends.
     */
    static InvitationStore store(GlobalOptions global) {
        Platform platform = global.platform();
        if (!platform.persistent()) {
            throw new ConfigurationException("invitations must outlive this command: use the embedded default "
                    + "store or --store jdbc:URL, not --store " + global.store);
        }
        return platform.invitations();
    }

    private static void print(PrintWriter out, Invitation i) {
        out.println(i.id() + "  " + i.tenant() + "  " + i.service() + "  " + i.name() + "  " + i.status()
                + i.applicationId().map(a -> "  app " + a).orElse("") + "  updated " + i.updatedAt());
    }

    /** Creates a pending invitation. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a pending invitation; give its "
            + "ID to the customer's admin. The name belongs to one service per tenant.")
    static final class Create implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Mixin
        RegistrationOptions.Target target;

        @Override
        public Integer call() {
            TenantId id = target.tenantId();
            ServiceId s = target.serviceId();
            AppRegistrationName n = target.registrationName();
            store(global); // refuses --store memory before anything is written
            Invitation created = global.client().appRegistrations().invite(id, s, n);
            print(spec.commandLine().getOut(), created);
            return ExitCodes.OK;
        }
    }

    /** Lists a tenant's invitations. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a tenant's invitations, oldest "
            + "first.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Option(names = "--tenant", required = true, description = "The customer's tenant ID.")
        String tenant;

        @Override
        public Integer call() {
            List<Invitation> all = store(global).listByTenant(TenantId.parse(tenant));
            PrintWriter out = spec.commandLine().getOut();
            all.forEach(i -> print(out, i));
            out.println(all.size() + " invitations");
            return ExitCodes.OK;
        }
    }

    /** Shows one invitation. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one invitation, with why its last "
            + "attempt failed.")
    static final class Show implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Option(names = "--id", required = true, description = "The invitation ID.")
        UUID id;

        @Override
        public Integer call() {
            Invitation i = store(global).find(id).orElseThrow(() -> new ConfigurationException("no invitation "
                    + id));
            PrintWriter out = spec.commandLine().getOut();
            out.println("invitation   " + i.id());
            out.println("tenant       " + i.tenant());
            out.println("service      " + i.service());
            out.println("name         " + i.name());
            out.println("status       " + i.status());
            out.println("application  " + i.applicationId().map(Object::toString).orElse("-")
                    + i.applicationObjectId().map(o -> " (object " + o + ")").orElse(""));
            out.println("failure      " + i.failure().orElse("-"));
            out.println("created      " + i.createdAt());
            out.println("updated      " + i.updatedAt());
            return ExitCodes.OK;
        }
    }

    /** Completes an invitation with the customer admin's sign-in. */
    @Command(name = "complete", mixinStandardHelpOptions = true, description = "Complete an invitation: the "
            + "customer's admin signs in with the code shown (device code flow, through the operator's own public "
            + "client); the wizard creates the registration and the connection is stored. A failed attempt is "
            + "recorded and can be completed again.")
    static final class Complete implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Option(names = "--id", required = true, description = "The invitation ID.")
        UUID id;
        @Mixin
        RegistrationOptions.AdminSignIn admin;
        @Mixin
        RegistrationOptions.Credential credential;

        @Override
        public Integer call() {
            AppRegistrationRequest.CredentialKind kind = credential.kind();
            admin.client();
            InvitationStore invitations = store(global);
            Invitation invitation = invitations.find(id).orElseThrow(() -> new ConfigurationException(
                    "no invitation " + id));
            var token = admin.signIn(global, invitation.tenant(), spec.commandLine().getErr());
            Connection c = global.client().appRegistrations().completeInvitation( // the same invitation store
                    id, token, List.of(PermissionProfile.OPERATOR_CONNECT,
                    PermissionProfile.SERVICE_PRINCIPAL_READ), RoleProfile.OPERATOR_CONNECT,
                    credential.validity, kind);
            spec.commandLine().getOut().println("completed invitation " + id + ": " + c.organization().displayName()
                    + " connected for service " + invitation.service() + "; connection stored");
            return ExitCodes.OK;
        }
    }
}
