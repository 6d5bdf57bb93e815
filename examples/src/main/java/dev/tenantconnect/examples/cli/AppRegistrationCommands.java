package dev.tenantconnect.examples.cli;

import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.access.PermissionProfile;
import dev.tenantconnect.core.access.RoleProfile;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.tenant.AccessToken;
import dev.tenantconnect.voice.AppRegistrationRequest;
import dev.tenantconnect.voice.AppRegistrationResult;
import dev.tenantconnect.voice.Connection;
import dev.tenantconnect.voice.TenantConnectClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code app-registration create} (the registration wizard) and {@code upgrade}. */
final class AppRegistrationCommands {
    /**
     * The delegated permissions the wizard asks the signed-in admin for, as Microsoft's permission tables require:
     * create the application and add its owner (Application.ReadWrite.All with Directory.Read.All), grant its Graph
     * permissions (AppRoleAssignment.ReadWrite.All with Directory.Read.All), and assign its directory roles
     * (RoleManagement.ReadWrite.Directory). The wizard reads nothing else with the admin's token (the tenant comes
     * from the token), so no Organization.Read.All.
     */
    static final Set<GraphPermission> WIZARD_SCOPES = Set.of(GraphPermission.APPLICATION_READWRITE_ALL,
            GraphPermission.APP_ROLE_ASSIGNMENT_READWRITE_ALL, GraphPermission.ROLE_MANAGEMENT_READWRITE_DIRECTORY,
            GraphPermission.DIRECTORY_READ_ALL);

    private AppRegistrationCommands() {
    }

    /** {@code app-registration ...}. */
    @Command(name = "app-registration", mixinStandardHelpOptions = true, description = "The operator's app "
            + "registration in a customer tenant.", subcommands = {Create.class,
                InvitationCommands.Invitations.class})
    static final class AppRegistration implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /** Creates the registration with an admin's device-code sign-in, then stores the connection. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create the app registration in a "
            + "customer tenant: a Global Administrator signs in with the code shown (device code flow); the "
            + "application, its permissions, directory roles and a client secret are created; the connection is "
            + "stored. A re-run continues where a failed run stopped. The secret is never printed.")
    static final class Create implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Mixin
        RegistrationOptions.Target target;
        @Option(names = "--stage", defaultValue = "operator-connect", description = "Directory roles to assign: "
                + "operator-connect or direct-routing-day-two. Default: ${DEFAULT-VALUE}.")
        String stage;
        @Mixin
        RegistrationOptions.AdminSignIn admin;
        @Mixin
        RegistrationOptions.Credential credential;

        @Override
        public Integer call() {
            RoleProfile roles = switch (stage) {
                case "operator-connect" -> RoleProfile.OPERATOR_CONNECT;
                case "direct-routing-day-two" -> RoleProfile.DIRECT_ROUTING_DAY_TWO;
                default -> throw new IllegalArgumentException("--stage must be operator-connect or "
                        + "direct-routing-day-two");
            };
            AppRegistrationRequest.CredentialKind kind = credential.kind();
            TenantId id = target.tenantId();
            // every input is checked before the admin is asked to sign in
            AppRegistrationRequest request = AppRegistrationRequest.builder(id, target.serviceId(),
                    target.registrationName()).features(List.of(PermissionProfile.OPERATOR_CONNECT,
                            PermissionProfile.SERVICE_PRINCIPAL_READ)).roles(roles)
                    .secretValidity(credential.validity).credentialKind(kind).build();
            admin.client();
            AccessToken token = admin.signIn(global, id, spec.commandLine().getErr());
            TenantConnectClient client = global.client();
            AppRegistrationResult r = client.appRegistrations().create(request, token);
            Connection c = client.connections().connect(new CredentialKey(id, target.serviceId()), r.credential());
            spec.commandLine().getOut().println("created app " + r.clientId() + " in "
                    + c.organization().displayName() + "; " + credential.credential + " valid until "
                    + r.credential().expiresAt().map(Object::toString).orElse("?") + "; connection stored");
            return ExitCodes.OK;
        }
    }

    /**
     * @param value the {@code --credential} value
     * @return the credential kind
     */
    static AppRegistrationRequest.CredentialKind credentialKind(String value) {
        return switch (value) {
            case "secret" -> AppRegistrationRequest.CredentialKind.SECRET;
            case "certificate" -> AppRegistrationRequest.CredentialKind.CERTIFICATE;
            default -> throw new IllegalArgumentException("--credential must be secret or certificate");
        };
    }

    /**
     * Signs the customer admin in through the operator's public client: a device code, or the browser with PKCE.
     *
     * @param global the global options (cloud)
     * @param how {@code device-code} or {@code browser}
     * @param tenant the admin's tenant
     * @param client the operator's public client
     * @param err where the prompt goes
     * @param timeout how long to wait for the admin
     * @return the admin's delegated token
     */
    static AccessToken signIn(GlobalOptions global, String how, dev.tenantconnect.core.model.TenantRef tenant,
            ClientId client, java.io.PrintWriter err, Duration timeout) {
        return switch (how) {
            case "device-code" -> global.connector().signInWithDeviceCode(tenant, client, WIZARD_SCOPES, prompt -> {
                err.println(prompt.message());
                err.flush();
            }, timeout);
            case "browser" -> global.connector().signInWithBrowser(tenant, client, WIZARD_SCOPES, url -> {
                err.println("To sign in, open this address in a browser: " + url);
                err.flush();
            }, timeout);
            default -> throw new IllegalArgumentException("--sign-in must be device-code or browser");
        };
    }

    /** Moves a stored connection to an app registration's client secret. */
    @Command(name = "upgrade", mixinStandardHelpOptions = true, description = "Upgrade a stored connection (a "
            + "password or delegated sign-in) to the app registration's client secret. The new secret is "
            + "checked first; on any failure the stored connection is untouched.")
    static final class Upgrade extends TenantCommands.ConnectionCommand {
        @Override
        public Integer call() {
            TenantConnectClient tc = client();
            if (connection.clientId.isEmpty()) {
                throw new IllegalArgumentException("give --client-id and --secret-env or --secret-file");
            }
            Connection c = tc.connections().upgrade(connection.key(), ClientSecretCredential.of(ClientId.parse(connection.clientId
                    .get()), GlobalOptions.secret(connection.secretEnv, connection.secretFile), Instant.now()
                            .plus(connection.secretExpires)));
            spec.commandLine().getOut().println("upgraded " + c.organization().displayName() + " ("
                    + connection.key().tenant() + ") to " + c.record().credential().method());
            return ExitCodes.OK;
        }
    }
}
