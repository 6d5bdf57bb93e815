package dev.tenantconnect.examples.cli;

import dev.tenantconnect.core.tenant.AccessToken;
import dev.tenantconnect.core.model.AppRegistrationName;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options the app-registration commands repeat, as picocli mixins: which registration (tenant, service, name),
 * how the customer's admin signs in, and which credential the registration gets.
 */
final class RegistrationOptions {
    private RegistrationOptions() {
    }

    /** {@code --tenant}, {@code --service}, {@code --name}: the registration an invitation or the wizard creates. */
    static final class Target {
        @Option(names = "--tenant", required = true, description = "The customer's tenant ID.")
        String tenant;
        @Option(names = "--service", defaultValue = "oc-main", description = "The operator's service. Default: "
                + "${DEFAULT-VALUE}.")
        String service;
        @Option(names = "--name", required = true, description = "The registration's name as the admin will see it "
                + "in Entra admin center > App registrations (3-15 characters; no dot, blank or \\ / : * ? \" < > |).")
        String name;

        /** @return the tenant, parsed */
        TenantId tenantId() {
            return TenantId.parse(tenant);
        }

        /** @return the service, checked */
        ServiceId serviceId() {
            return ServiceId.of(service);
        }

        /** @return the name, checked */
        AppRegistrationName registrationName() {
            return AppRegistrationName.of(name);
        }
    }

    /** {@code --public-client-id}, {@code --sign-in}, {@code --sign-in-timeout}: the customer admin's sign-in. */
    static final class AdminSignIn {
        @Option(names = "--public-client-id", required = true, description = "The operator's own public client "
                + "application the admin signs in through (register it once in the operator's tenant: multitenant, "
                + "'Allow public client flows' on, redirect URI http://127.0.0.1 (for --sign-in browser), delegated "
                + "Graph permissions "
                + "Application.ReadWrite.All, Directory.Read.All, AppRoleAssignment.ReadWrite.All, "
                + "RoleManagement.ReadWrite.Directory). The admin needs Privileged Role Administrator (or Global "
                + "Administrator). There is no default: the admin must "
                + "see the operator's name, not another vendor's.")
        String publicClient;
        @Option(names = "--sign-in", defaultValue = "device-code", description = "How the admin signs in: "
                + "device-code (a code to enter at microsoft.com/devicelogin) or browser (authorization code with "
                + "PKCE: open the URL printed; the redirect comes back to 127.0.0.1, so register http://127.0.0.1 as "
                + "a redirect URI of the public client). Default: ${DEFAULT-VALUE}.")
        String signIn;
        @Option(names = "--sign-in-timeout", defaultValue = "PT15M", description = "How long to wait for the admin. "
                + "Default: ${DEFAULT-VALUE}.")
        Duration signInTimeout;

        /** @return the operator's public client, parsed (checked before the admin is asked to sign in) */
        dev.tenantconnect.core.model.ClientId client() {
            return dev.tenantconnect.core.model.ClientId.parse(publicClient);
        }

        /**
         * Signs the admin in (see {@link AppRegistrationCommands#signIn}).
         *
         * @param global the global options (cloud)
         * @param tenant the admin's tenant
         * @param err where the prompt goes
         * @return the admin's delegated token
         */
        dev.tenantconnect.core.tenant.AccessToken signIn(GlobalOptions global, dev.tenantconnect.core.model.TenantRef tenant,
                java.io.PrintWriter err) {
            return AppRegistrationCommands.signIn(global, signIn, tenant, client(), err, signInTimeout);
        }
    }

    /** {@code --credential}, {@code --validity}: the credential the registration is created with. */
    static final class Credential {
        @Option(names = "--credential", defaultValue = "secret", description = "The credential to create: secret "
                + "or certificate (the private key is kept in the store). Default: ${DEFAULT-VALUE}.")
        String credential;
        @Option(names = {"--validity", "--secret-validity"}, defaultValue = "P180D", description = "How long the "
                + "client secret or certificate is valid. Default: ${DEFAULT-VALUE}.")
        Duration validity;

        /** @return the credential kind */
        dev.tenantconnect.voice.AppRegistrationRequest.CredentialKind kind() {
            return AppRegistrationCommands.credentialKind(credential);
        }
    }
}
