package dev.tenantconnect.examples.cli;

import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.EncryptedFileCredentialStore;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.KeyProviders;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.graph.CloudEnvironment;
import dev.tenantconnect.graph.GraphConnector;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command that talks to Microsoft shares: which cloud, which trust, which credential store. */
public final class GlobalOptions {
    /** The environment variable that holds the file store's key (base64, 32 bytes). */
    public static final String STORE_KEY_ENV = "TENANTCONNECT_STORE_KEY";

    @Option(names = "--cloud", defaultValue = "global", description = "global, gcc-high, dod, china or custom "
            + "(then --login-url and --graph-url). Default: ${DEFAULT-VALUE}.")
    String cloud;

    @Option(names = "--login-url", description = "Entra login base URL of a custom cloud (e.g. the simulator).")
    Optional<URI> loginUrl;

    @Option(names = "--graph-url", description = "Microsoft Graph base URL of a custom cloud.")
    Optional<URI> graphUrl;

    @Option(names = "--allow-custom-cloud-with-stored-credentials", description = "Let a custom cloud receive the "
            + "credentials of a persistent --store (refused otherwise: it gets every stored secret).")
    boolean allowStoredCredentials;

    @Option(names = "--trust-cert", description = "PEM file with the only certificates to trust for a custom "
            + "cloud (the simulator prints where it wrote its certificate).")
    Optional<Path> trustCert;

    @Option(names = "--store", defaultValue = "memory", description = "Where the platform's state lives: memory; "
            + "file:PATH (credentials only, AES-256-GCM); or jdbc:URL (jdbc:postgresql:... or jdbc:h2:...: credentials, "
            + "numbers, bulk jobs, extensions). Stored secrets are sealed with the key in $" + STORE_KEY_ENV
            + ". Default: ${DEFAULT-VALUE}.")
    String store;

    @Option(names = "--store-key-file", description = "File holding the store key (Base64, 32 bytes) instead of $"
            + STORE_KEY_ENV + ".")
    Optional<Path> storeKeyFile;

    @Option(names = "--db-password-env", description = "Environment variable holding the database password.")
    Optional<String> dbPasswordEnv;

    @Option(names = "--jobs-dir", defaultValue = "tenantconnect-jobs", description = "Bulk job journals when the "
            + "store is not jdbc:. Default: ${DEFAULT-VALUE}.")
    Path jobsDir;

    private Platform platform;

    /** @return the platform's stores, opened once per invocation */
    Platform platform() {
        if (platform == null) {
            platform = Platform.open(store, dbPasswordEnv, store.startsWith("jdbc:") ? null : credentialStore(),
                    jobsDir, this::keys);
        }
        return platform;
    }

    @Option(names = "--json", description = "Print data as JSON instead of text.")
    boolean json;

    /** @return the connector for the chosen cloud */
    public GraphConnector connector() {
        GraphConnector.Builder b = GraphConnector.builder();
        switch (cloud.toLowerCase(Locale.ROOT)) {
            case "global" -> b.cloud(CloudEnvironment.GLOBAL);
            case "gcc-high" -> b.cloud(CloudEnvironment.GCC_HIGH);
            case "dod" -> b.cloud(CloudEnvironment.DOD);
            case "china" -> b.cloud(CloudEnvironment.CHINA);
            case "custom" -> {
                CloudEnvironment custom = CloudEnvironment.custom(loginUrl.orElseThrow(() -> new ConfigurationException(
                        "--cloud custom needs --login-url")), graphUrl.orElseThrow(() -> new ConfigurationException(
                                "--cloud custom needs --graph-url")));
                custom = allowStoredCredentials ? custom.allowingStoredCredentials() : custom;
                if (!store.equals("memory")) {
                    custom.checkCredentialStore(credentialStore());
                }
                b.cloud(custom);
            }
            default -> throw new ConfigurationException("--cloud must be global, gcc-high, dod, china or custom");
        }
        trustCert.ifPresent(b::trustCertificates);
        return b.build();
    }

    /** @return the chosen credential store */
    public CredentialStore credentialStore() {
        if (platform != null) {
            return platform.credentials();
        }
        if (store.startsWith("jdbc:")) {
            return platform().credentials();
        }
        if (store.equals("memory")) {
            return new InMemoryCredentialStore();
        }
        if (store.startsWith("file:")) {
            return new EncryptedFileCredentialStore(Path.of(store.substring(5)), keys(), Clock.systemUTC());
        }
        throw new ConfigurationException("--store must be memory, file:PATH or jdbc:URL");
    }

    /** @return the store key: from --store-key-file, else from $TENANTCONNECT_STORE_KEY */
    dev.tenantconnect.core.credential.KeyProvider keys() {
        return storeKeyFile.map(KeyProviders::fromFile).orElseGet(() -> KeyProviders.fromEnvironment(STORE_KEY_ENV));
    }

    /**
     * Reads a secret from an environment variable or a file — never from the command line, where it would land in
     * shell history and process lists.
     *
     * @param envName the variable, if given
     * @param file the file, if given
     * @return the secret
     */
    public static Secret secret(Optional<String> envName, Optional<Path> file) {
        if (envName.isPresent() == file.isPresent()) {
            throw new ConfigurationException("give the client secret with exactly one of --secret-env VARIABLE or "
                    + "--secret-file FILE");
        }
        if (envName.isPresent()) {
            String v = System.getenv(envName.get());
            if (v == null || v.isBlank()) {
                throw new ConfigurationException("environment variable " + envName.get() + " is not set");
            }
            return Secret.of(v.strip());
        }
        try {
            return Secret.of(Files.readString(file.get(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the secret file " + file.get(), e);
        }
    }
}
