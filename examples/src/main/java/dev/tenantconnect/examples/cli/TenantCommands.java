package dev.tenantconnect.examples.cli;

import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.voice.CheckStatus;
import dev.tenantconnect.voice.Connection;
import dev.tenantconnect.voice.ExpiryEntry;
import dev.tenantconnect.voice.TenantConnectClient;
import dev.tenantconnect.voice.VerificationReport;
import dev.tenantconnect.voice.VerifyOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Commands about one tenant connection: connect, verify, secrets. */
final class TenantCommands {
    private TenantCommands() {
    }

    /** Options naming a connection and its credential. */
    static final class ConnectionOptions {
        @Option(names = "--tenant", required = true, description = "The customer's tenant ID.")
        String tenant;

        @Option(names = "--service", defaultValue = "oc-main", description = "The operator's service (one secret "
                + "per service). Default: ${DEFAULT-VALUE}.")
        String service;

        @Option(names = "--client-id", description = "The app registration's client ID (to connect).")
        Optional<String> clientId;

        @Option(names = "--secret-env", description = "Name of the environment variable holding the client secret "
                + "(the secret's Value in Entra admin center > App registrations > Certificates & secrets).")
        Optional<String> secretEnv;

        @Option(names = "--secret-file", description = "File holding the client secret.")
        Optional<Path> secretFile;

        @Option(names = "--secret-expires", defaultValue = "P180D", description = "How long the secret is valid "
                + "(ISO-8601 duration). Default: ${DEFAULT-VALUE}.")
        Duration secretExpires;

        CredentialKey key() {
            return new CredentialKey(TenantId.parse(tenant), ServiceId.of(service));
        }

        /** Connects unless the store holds the connection already. */
        Optional<Connection> connectIfNeeded(TenantConnectClient client, CredentialStore store) {
            if (store.find(key()).isPresent()) {
                return Optional.empty();
            }
            if (clientId.isEmpty()) {
                throw new IllegalArgumentException("the store holds no connection for this tenant and service: give "
                        + "--client-id and --secret-env or --secret-file to connect");
            }
            return Optional.of(client.connections().connect(key(), ClientSecretCredential.of(ClientId.parse(clientId.get()),
                    GlobalOptions.secret(secretEnv, secretFile), Instant.now().plus(secretExpires))));
        }
    }

    /** What the commands about one connection share: cloud, store, connection options. */
    abstract static class ConnectionCommand implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Mixin
        ConnectionOptions connection;
        CredentialStore store;

        /** @return the root client over the chosen cloud and store */
        TenantConnectClient client() {
            store = global.credentialStore();
            return global.client();
        }
    }

    /** Connects a tenant. */
    @Command(name = "connect", mixinStandardHelpOptions = true, description = "Connect a customer tenant with the "
            + "app registration's client secret: checks the credential and the tenant, then stores it.")
    static final class Connect extends ConnectionCommand {
        @Override
        public Integer call() {
            TenantConnectClient tc = client();
            Connection c = connection.connectIfNeeded(tc, store).orElseThrow(() -> new IllegalArgumentException(
                    "already connected; use rotate-secret or upgrade to change the credential"));
            if (global.json) {
                spec.commandLine().getOut().println(new com.fasterxml.jackson.databind.ObjectMapper()
                        .createObjectNode().put("connected", true).put("tenant", connection.key().tenant().value())
                        .put("service", connection.key().service().value())
                        .put("organization", c.organization().displayName())
                        .put("grantedPermissions", c.grantedPermissions().size()).toPrettyString());
            } else {
                spec.commandLine().getOut().println("connected " + c.organization().displayName() + " ("
                        + connection.key().tenant() + "), " + c.grantedPermissions().size()
                        + " Graph permissions granted");
            }
            return ExitCodes.OK;
        }
    }

    /** Verifies a tenant. */
    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Verify a connection: roles, "
            + "permissions, licences, consent, secret expiry — every finding at once. Exit 1 when a check fails.")
    static final class Verify extends ConnectionCommand {
        @Option(names = "--profile", defaultValue = "operator-connect", description = "The deployment stage whose "
                + "directory roles are required: operator-connect, direct-routing-day-two, automatic-dns-onboarding. "
                + "Default: ${DEFAULT-VALUE}.")
        String profile;

        @Override
        public Integer call() {
            dev.tenantconnect.core.access.RoleProfile roles = switch (profile) {
                case "operator-connect" -> dev.tenantconnect.core.access.RoleProfile.OPERATOR_CONNECT;
                case "direct-routing-day-two" -> dev.tenantconnect.core.access.RoleProfile.DIRECT_ROUTING_DAY_TWO;
                case "automatic-dns-onboarding" -> dev.tenantconnect.core.access.RoleProfile.AUTOMATIC_DNS_ONBOARDING;
                default -> throw new IllegalArgumentException("--profile must be operator-connect, "
                        + "direct-routing-day-two or automatic-dns-onboarding");
            };
            TenantConnectClient tc = client();
            connection.connectIfNeeded(tc, store);
            VerificationReport r = tc.verification().verify(connection.key(), VerifyOptions.operatorConnect().withRoles(roles));
            spec.commandLine().getOut().println(global.json ? r.toJson() : r.toText());
            return r.overall() == CheckStatus.FAIL ? ExitCodes.FINDINGS : ExitCodes.OK;
        }
    }

    /** Secret expiry across every stored connection. */
    @Command(name = "secrets", mixinStandardHelpOptions = true, description = "Credential expiry of every stored "
            + "connection. Exit 1 when one has expired or expires within the warning window.")
    static final class Secrets implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;

        @Option(names = "--warn-days", defaultValue = "30", description = "Warn this many days ahead. Default: "
                + "${DEFAULT-VALUE}.")
        int warnDays;

        @Override
        public Integer call() {
            List<ExpiryEntry> entries = global.client().reports().credentialExpiry(Duration.ofDays(warnDays));
            if (global.json) {
                var arr = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
                entries.forEach(e -> {
                    var o = arr.addObject().put("tenant", e.key().tenant().value())
                            .put("service", e.key().service().value()).put("method", e.method().name())
                            .put("status", e.status().name());
                    e.expiresAt().ifPresent(at -> o.put("expiresAt", at.toString()));
                });
                spec.commandLine().getOut().println(arr.toPrettyString());
            }
            for (ExpiryEntry e : global.json ? List.<ExpiryEntry>of() : entries) {
                spec.commandLine().getOut().println(e.key().tenant() + " " + e.key().service().value() + " "
                        + e.method() + " " + e.expiresAt().map(Instant::toString).orElse("no expiry") + " "
                        + e.status());
            }
            return entries.stream().anyMatch(e -> e.status() != CheckStatus.PASS) ? ExitCodes.FINDINGS : ExitCodes.OK;
        }
    }

    /** Rotates the client secret of a connection. */
    @Command(name = "rotate-secret", mixinStandardHelpOptions = true, description = "Add a new client secret to the "
            + "app registration, wait until it works, store it (the old one stays as previous until retired). The "
            + "secret itself is never printed.")
    static final class RotateSecret extends ConnectionCommand {
        @Option(names = "--validity", defaultValue = "P180D", description = "How long the new secret is valid. "
                + "Default: ${DEFAULT-VALUE}.")
        Duration validity;

        @Override
        public Integer call() {
            TenantConnectClient tc = client();
            connection.connectIfNeeded(tc, store);
            var r = tc.credentialRotation().rotateSecret(connection.key(), validity);
            if (global.json) {
                spec.commandLine().getOut().println(new com.fasterxml.jackson.databind.ObjectMapper()
                        .createObjectNode().put("newKeyId", String.valueOf(r.newKeyId()))
                        .put("expiresAt", r.expiresAt().toString()).put("version", r.record().version())
                        .toPrettyString());
            } else {
                spec.commandLine().getOut().println("rotated: new secret key " + r.newKeyId() + " valid until "
                        + r.expiresAt() + "; stored as version " + r.record().version());
            }
            return ExitCodes.OK;
        }
    }

    /** Retires the credential a rotation replaced. */
    @Command(name = "retire-previous", mixinStandardHelpOptions = true, description = "Remove the credential the last "
            + "rotation replaced from the app registration and forget it, once the grace period after the rotation "
            + "has passed (every system still using the old secret must have the new one by then). A connection "
            + "rotates again only after this.")
    static final class RetirePrevious extends ConnectionCommand {
        @Option(names = "--grace", defaultValue = "PT1H", description = "How long after the rotation the old "
                + "credential stays valid. Default: ${DEFAULT-VALUE}.")
        Duration grace;

        @Override
        public Integer call() {
            TenantConnectClient tc = client();
            var r = tc.credentialRotation().retirePrevious(connection.key(), grace);
            if (global.json) {
                var o = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                        .put("outcome", r.outcome().name()).put("version", r.record().version());
                r.removedKeyId().ifPresent(k -> o.put("removedKeyId", k.toString()));
                r.dueAt().ifPresent(at -> o.put("dueAt", at.toString()));
                spec.commandLine().getOut().println(o.toPrettyString());
            } else {
                spec.commandLine().getOut().println(switch (r.outcome()) {
                    case RETIRED -> "retired the previous credential" + r.removedKeyId().map(k -> " (key " + k
                            + " removed from the app registration)").orElse("") + "; stored as version "
                            + r.record().version();
                    case NOT_DUE -> "not yet: the previous credential stays valid until " + r.dueAt().map(
                            Instant::toString).orElse("the grace period ends") + " (--grace)";
                    case NOTHING_TO_RETIRE -> "nothing to retire: the connection holds one credential";
                });
            }
            return r.outcome() == dev.tenantconnect.voice.RetirementResult.Outcome.NOT_DUE ? ExitCodes.FINDINGS
                    : ExitCodes.OK;
        }
    }
}
