package dev.tenantconnect.examples.cli;

import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.EncryptedFileCredentialStore;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.KeyProvider;
import dev.tenantconnect.core.credential.KeyProviders;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.graph.CloudEnvironment;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.voice.TenantConnectClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every command that talks to Microsoft or the platform's stores shares: which cloud, which trust, which
 * store. Each can also come from the environment or the profile ({@link Profile}).
 */
public final class GlobalOptions {
    /** The environment variable that holds the store key (Base64, 32 bytes). */
    public static final String STORE_KEY_ENV = "TENANTCONNECT_STORE_KEY";
    /** The store key's file name in the data directory. */
    static final String KEY_FILE = "store.key";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

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

    @Option(names = "--store", defaultValue = "embedded", description = "Where the platform's state lives: embedded "
            + "(a database in the data directory, $" + Profile.HOME_ENV + " or ~/.tenantconnect: connections, "
            + "numbers, bulk jobs, usage, replication state); jdbc:URL (the same in jdbc:postgresql:... or "
            + "jdbc:h2:...); file:PATH (credentials only, AES-256-GCM); memory (nothing is kept). Stored secrets "
            + "are sealed with the store key. Default: ${DEFAULT-VALUE}.")
    String store;

    @Option(names = "--store-key-file", description = "File holding the store key (Base64, 32 bytes). Without it: $"
            + STORE_KEY_ENV + ", else " + KEY_FILE + " in the data directory (created on first use).")
    Optional<Path> storeKeyFile;

    @Option(names = "--db-password-env", description = "Name of the environment variable holding the database "
            + "password.")
    Optional<String> dbPasswordEnv;

    @Option(names = "--jobs-dir", defaultValue = "tenantconnect-jobs", description = "Bulk job journals for --store "
            + "memory or file:PATH. Default: ${DEFAULT-VALUE}.")
    Path jobsDir;

    @Option(names = "--json", description = "Print data as JSON instead of text.")
    boolean json;

    private Platform platform;

    /** @return where this command reports notes and progress */
    PrintWriter err() {
        return mixee.commandLine().getErr();
    }

    /** @return the user's profile and data directory */
    Profile profile() {
        CommandSpec root = mixee.root();
        return root.defaultValueProvider() instanceof Profile p ? p : Profile.current();
    }

    /** @return the platform's stores, opened once per invocation */
    Platform platform() {
        if (platform == null) {
            platform = openPlatform();
        }
        return platform;
    }

    private Platform openPlatform() {
        if (store.equals("embedded")) {
            Path home = profile().createdHome();
            KeyProvider keys = keys(true);
            Platform p;
            try {
                p = Platform.database(Platform.embedded(home), keys);
            } catch (RuntimeException e) {
                if (inUse(e)) {
                    throw new ConfigurationException("the database in " + home + " is in use by another tenantconnect "
                            + "command; one command at a time uses the data directory (or give --store jdbc:... for "
                            + "a shared database)");
                }
                throw e;
            }
            restrictDatabaseFiles(home);
            return p;
        }
        if (store.startsWith("jdbc:")) {
            return Platform.database(Platform.dataSource(store, () -> dbPasswordEnv.map(v -> SafeText.env(
                    "--db-password-env", v))), keys(false));
        }
        if (store.equals("memory")) {
            err().println("note: --store memory keeps nothing: connections, numbers and jobs end with this command");
            return Platform.transientStores(new InMemoryCredentialStore(), jobsDir);
        }
        if (store.startsWith("file:")) {
            return Platform.transientStores(new EncryptedFileCredentialStore(Path.of(store.substring(5)), keys(false),
                    Clock.systemUTC()), jobsDir);
        }
        throw new ConfigurationException("--store must be embedded, jdbc:URL, file:PATH or memory");
    }

    /** @return whether H2 refused to open the file because another process holds it (error 90020) */
    private static boolean inUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }

    private static void restrictDatabaseFiles(Path home) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (var files = Files.list(home)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith(Platform.EMBEDDED_DB + ".") && Files.isRegularFile(f)) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (IOException e) {
            throw new ConfigurationException("cannot restrict the database files in " + home + " to their owner", e);
        }
    }

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
                        "--cloud custom needs --login-url: " + profile().howToSet("--login-url"))),
                        graphUrl.orElseThrow(() -> new ConfigurationException("--cloud custom needs --graph-url: "
                                + profile().howToSet("--graph-url"))));
                custom = allowStoredCredentials ? custom.allowingStoredCredentials() : custom;
                custom.checkCredentialStore(credentialStore());
                b.cloud(custom);
            }
            default -> throw new ConfigurationException("--cloud must be global, gcc-high, dod, china or custom");
        }
        trustCert.ifPresent(b::trustCertificates);
        // the store opens when the first event is recorded, not before
        return b.audit(new dev.tenantconnect.core.audit.Auditor(event -> platform().audit().record(event),
                GlobalOptions::principal, Clock.systemUTC())).build();
    }

    /** @return the operator principal the CLI's audit events carry: {@code cli:} and the OS user */
    static String principal() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    /** @return the chosen credential store */
    public CredentialStore credentialStore() {
        return platform().credentials();
    }

    /** @return the root client over the chosen cloud and the platform's stores */
    TenantConnectClient client() {
        return client(b -> b);
    }

    /**
     * @param more further wiring (the operator provisioning API, for instance)
     * @return the root client over the chosen cloud and the platform's stores
     */
    TenantConnectClient client(java.util.function.UnaryOperator<TenantConnectClient.Builder> more) {
        Platform p = platform();
        return more.apply(TenantConnectClient.builder().connector(connector()).credentials(p.credentials())
                .inventory(p.inventory()).extensions(p.extensions()).usage(p.usage())
                .replicationState(p.replication()).invitations(p.invitations()).actor("cli").audit(p.audit())
                .principal(GlobalOptions::principal)).build();
    }

    /**
     * The store key: from {@code --store-key-file}, else {@code $TENANTCONNECT_STORE_KEY}, else the key file in the
     * data directory. Never creates one.
     *
     * @return the store key's provider
     */
    KeyProvider storeKeys() {
        return keys(false);
    }

    /**
     * The store key: from {@code --store-key-file}, else {@code $TENANTCONNECT_STORE_KEY}, else the key file in the
     * data directory — created owner-only on first use of the embedded store, and announced once.
     */
    private KeyProvider keys(boolean createInDataDir) {
        if (storeKeyFile.isPresent()) {
            return KeyProviders.fromFile(storeKeyFile.get());
        }
        String env = System.getenv(STORE_KEY_ENV);
        if (env != null && !env.isBlank()) {
            return KeyProviders.fromEnvironment(STORE_KEY_ENV);
        }
        Path file = profile().home().resolve(KEY_FILE);
        if (Files.isRegularFile(file)) {
            return KeyProviders.fromFile(file);
        }
        if (!createInDataDir) {
            throw new ConfigurationException("the store needs its key: set " + STORE_KEY_ENV + " (Base64 of 32 "
                    + "random bytes, e.g. openssl rand -base64 32), give --store-key-file, or put it in " + file);
        }
        createKeyFile(file);
        err().println("note: created the store key " + file + " (readable by you only). It seals the connections' "
                + "secrets in " + profile().home() + ": back it up apart from the data directory (e.g. in your "
                + "password manager or vault); without it the stored connections cannot be opened. To keep it "
                + "elsewhere, set " + STORE_KEY_ENV + " or give --store-key-file.");
        return KeyProviders.fromFile(file);
    }

    private static void createKeyFile(Path file) {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        byte[] encoded = Base64.getEncoder().encode(raw);
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.write(file, encoded);
        } catch (IOException e) {
            throw new ConfigurationException("cannot create the store key file " + file, e);
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
            java.util.Arrays.fill(encoded, (byte) 0);
        }
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
        return secret("--secret-env", envName, "--secret-file", file);
    }

    /**
     * As {@link #secret(Optional, Optional)}, naming the options in errors.
     *
     * @param envOption the option naming the variable
     * @param envName the variable, if given
     * @param fileOption the option naming the file
     * @param file the file, if given
     * @return the secret
     */
    static Secret secret(String envOption, Optional<String> envName, String fileOption, Optional<Path> file) {
        if (envName.isPresent() == file.isPresent()) {
            throw new ConfigurationException("give the secret with exactly one of " + envOption + " VARIABLE or "
                    + fileOption + " FILE");
        }
        if (envName.isPresent()) {
            return Secret.of(SafeText.env(envOption, envName.get()).strip());
        }
        try {
            return Secret.of(Files.readString(file.get(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the secret file " + file.get(), e);
        }
    }
}
