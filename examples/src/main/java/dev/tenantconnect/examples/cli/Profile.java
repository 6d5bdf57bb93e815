package dev.tenantconnect.examples.cli;

import dev.tenantconnect.core.error.ConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The user's data directory and profile. The data directory is {@code $TENANTCONNECT_HOME}, else
 * {@code ~/.tenantconnect}: it holds the embedded database, the store key file and {@code profile.properties}.
 * A global option left off the command line takes its value from the environment variable
 * {@code TENANTCONNECT_<OPTION>} (e.g. {@code TENANTCONNECT_PROVISIONING_SCOPE}), else from the profile key of the
 * same name (e.g. {@code provisioning-scope=...}), else from its documented default.
 */
final class Profile implements IDefaultValueProvider {
    /** The variable naming the data directory. */
    static final String HOME_ENV = "TENANTCONNECT_HOME";
    /** The profile's file name in the data directory. */
    static final String FILE = "profile.properties";
    /** The options a profile may set: long names without the dashes. */
    static final Set<String> KEYS = Set.of("cloud", "login-url", "graph-url", "trust-cert", "store", "store-key-file",
            "db-password-env", "jobs-dir", "provisioning-url", "provisioning-scope", "operator-tenant",
            "operator-client-id", "operator-secret-env", "operator-secret-file",
            "allow-custom-cloud-with-stored-credentials");

    private static final Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rwx------");

    private final Path home;
    private final Map<String, String> environment;
    private Properties properties;

    private Profile(Path home, Map<String, String> environment) {
        this.home = home;
        this.environment = environment;
    }

    /** The system property that overrides {@link #HOME_ENV} (for embedding the tool and for in-process tests). */
    static final String HOME_PROPERTY = "tenantconnect.home";

    /**
     * @return the profile of this process's user and environment
     * @throws ConfigurationException when the profile file cannot be read or has a key this tool does not know
     */
    static Profile current() {
        Map<String, String> env = System.getenv();
        String h = System.getProperty(HOME_PROPERTY, env.get(HOME_ENV));
        Path home = h != null && !h.isBlank() ? Path.of(h) : Path.of(System.getProperty("user.home"), ".tenantconnect");
        Profile p = new Profile(home.toAbsolutePath(), env);
        p.properties(); // a broken profile is reported before any command runs
        return p;
    }

    /** @return the data directory (not created by asking) */
    Path home() {
        return home;
    }

    /**
     * @return the data directory, created owner-only ({@code rwx------}) when missing, made owner-only if it is not
     * @throws ConfigurationException when it cannot be created
     */
    Path createdHome() {
        try {
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(home)) {
                if (posix) {
                    Files.createDirectories(home, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createDirectories(home);
                }
            } else if (posix && !Files.getPosixFilePermissions(home).equals(OWNER_ONLY)) {
                // made by hand (e.g. to write the profile first): the database and key go in, so close it
                Files.setPosixFilePermissions(home, OWNER_ONLY);
            }
            return home;
        } catch (IOException e) {
            throw new ConfigurationException("cannot create the data directory " + home + " (set " + HOME_ENV
                    + " to another one)", e);
        }
    }

    /**
     * @param key a profile key, e.g. {@code provisioning-scope}
     * @return the environment variable that sets it, e.g. {@code TENANTCONNECT_PROVISIONING_SCOPE}
     */
    static String variable(String key) {
        return "TENANTCONNECT_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * @param option an option such as {@code --provisioning-scope}
     * @return how a user gives it without the command line, for error messages
     */
    String howToSet(String option) {
        String key = option.replaceFirst("^--", "");
        return "give " + option + ", set " + variable(key) + ", or add '" + key + "=...' to " + home.resolve(FILE);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec o)) {
            return null;
        }
        String key = o.longestName().replaceFirst("^--", "");
        if (!KEYS.contains(key)) {
            return null;
        }
        String v = environment.get(variable(key));
        if (v != null && !v.isBlank()) {
            return v.strip();
        }
        v = properties().getProperty(key);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private Properties properties() {
        if (properties == null) {
            properties = new Properties();
            Path file = home.resolve(FILE);
            if (Files.isRegularFile(file)) {
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(r);
                } catch (IOException | IllegalArgumentException e) {
                    throw new ConfigurationException("cannot read the profile " + file + ": " + e.getMessage(), e);
                }
                for (String k : properties.stringPropertyNames()) {
                    if (!KEYS.contains(k)) {
                        throw new ConfigurationException("the profile " + file + " has a key this tool does not know "
                                + "(line with '" + (SafeText.echoable(k) ? k : "?") + "'); known keys: "
                                + new java.util.TreeSet<>(KEYS));
                    }
                }
            }
        }
        return properties;
    }
}
