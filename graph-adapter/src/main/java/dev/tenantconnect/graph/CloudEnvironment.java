package dev.tenantconnect.graph;

import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.error.ConfigurationException;
import java.net.URI;
import java.util.Objects;

/**
 * A Microsoft cloud: where tokens come from and where Graph lives. The {@code authorityHost} is what MSAL sees (and
 * what client assertions name as audience); {@code loginEndpoint} is where token requests are actually sent — the
 * same for Microsoft's clouds; for a {@link #custom} cloud the authority is the login endpoint's own host, so an
 * assertion sent there names that host and cannot be replayed against Microsoft's login.
 *
 * <p>A custom cloud receives every secret and assertion of the credentials it is used with. Combining one with a
 * persistent credential store (anything but the in-memory store) is refused by {@link #checkCredentialStore} — which
 * {@code TenantConnect} runs when it is built — unless explicitly allowed with {@link #allowingStoredCredentials()}.
 *
 * @param name a short name, e.g. {@code global}
 * @param authorityHost the login host MSAL uses, e.g. {@code https://login.microsoftonline.com}
 * @param loginEndpoint where token requests go
 * @param graphBaseUrl Graph's v1.0 base URL
 * @param graphScope the app-only scope, e.g. {@code https://graph.microsoft.com/.default}
 * @param instanceDiscovery whether MSAL may run instance discovery (only against Microsoft's own login hosts)
 * @param storedCredentialsAllowed for a custom cloud: whether it may be used with a persistent credential store
 */
public record CloudEnvironment(String name, URI authorityHost, URI loginEndpoint, URI graphBaseUrl, String graphScope,
        boolean instanceDiscovery, boolean storedCredentialsAllowed) {
    private static final java.util.Set<String> MICROSOFT_LOGIN_HOSTS = java.util.Set.of(
            "https://login.microsoftonline.com", "https://login.microsoftonline.us", "https://login.chinacloudapi.cn");

    /** The global (commercial) cloud. */
    public static final CloudEnvironment GLOBAL = microsoft("global", "https://login.microsoftonline.com",
            "https://graph.microsoft.com");
    /** US Government GCC High. */
    public static final CloudEnvironment GCC_HIGH = microsoft("gcc-high", "https://login.microsoftonline.us",
            "https://graph.microsoft.us");
    /** US Government DoD. */
    public static final CloudEnvironment DOD = microsoft("dod", "https://login.microsoftonline.us",
            "https://dod-graph.microsoft.us");
    /** Microsoft Azure operated by 21Vianet (China). */
    public static final CloudEnvironment CHINA = microsoft("china", "https://login.chinacloudapi.cn",
            "https://microsoftgraph.chinacloudapi.cn");

    /** Validates the URLs: HTTPS only. */
    public CloudEnvironment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(graphScope, "graphScope");
        for (URI u : new URI[] {authorityHost, loginEndpoint, graphBaseUrl}) {
            if (u == null || !"https".equalsIgnoreCase(u.getScheme())) {
                throw new ConfigurationException("cloud endpoints must be https URLs: " + u);
            }
        }
    }

    /**
     * An environment whose stored-credentials allowance is false.
     *
     * @param name a short name
     * @param authorityHost the login host MSAL uses
     * @param loginEndpoint where token requests go
     * @param graphBaseUrl Graph's v1.0 base URL
     * @param graphScope the app-only scope
     * @param instanceDiscovery whether MSAL may run instance discovery
     */
    public CloudEnvironment(String name, URI authorityHost, URI loginEndpoint, URI graphBaseUrl, String graphScope,
            boolean instanceDiscovery) {
        this(name, authorityHost, loginEndpoint, graphBaseUrl, graphScope, instanceDiscovery, false);
    }

    private static CloudEnvironment microsoft(String name, String login, String graph) {
        return new CloudEnvironment(name, URI.create(login), URI.create(login), URI.create(graph + "/v1.0"),
                graph + "/.default", true);
    }

    /**
     * A custom deployment, such as the testkit's simulator. MSAL's authority is the login endpoint's own host (scheme
     * and host, without a port, so MSAL's token cache keys stay stable), and requests go to {@code loginEndpoint}:
     * client assertions name the configured login host as their audience, never Microsoft's.
     *
     * @param loginEndpoint where token requests go, e.g. {@code https://127.0.0.1:8443}
     * @param graphBaseUrl Graph's base, e.g. {@code https://127.0.0.1:8443/v1.0}
     * @return the environment (not allowed with a persistent credential store; see {@link #allowingStoredCredentials})
     */
    public static CloudEnvironment custom(URI loginEndpoint, URI graphBaseUrl) {
        Objects.requireNonNull(loginEndpoint, "loginEndpoint");
        if (loginEndpoint.getHost() == null) {
            throw new ConfigurationException("the login URL of a custom cloud needs a host");
        }
        URI authority = URI.create("https://" + (loginEndpoint.getHost().contains(":") && !loginEndpoint.getHost()
                .startsWith("[") ? "[" + loginEndpoint.getHost() + "]" : loginEndpoint.getHost()));
        return new CloudEnvironment("custom", authority, loginEndpoint, graphBaseUrl, GLOBAL.graphScope, false,
                false);
    }

    /**
     * The named option that lets a custom cloud be used with a persistent credential store: say it only for a cloud
     * you trust with every stored secret (a sovereign deployment you operate, say), never for a simulator or a test
     * endpoint that real credentials might reach.
     *
     * @return this environment, allowed with a persistent credential store
     */
    public CloudEnvironment allowingStoredCredentials() {
        return new CloudEnvironment(name, authorityHost, loginEndpoint, graphBaseUrl, graphScope, instanceDiscovery,
                true);
    }

    /** @return whether this is one of Microsoft's clouds: a Microsoft login host, and requests sent to it */
    public boolean microsoftCloud() {
        return MICROSOFT_LOGIN_HOSTS.contains(authorityHost.toString()) && authorityHost.equals(loginEndpoint);
    }

    /**
     * Refuses a custom cloud with a persistent credential store (anything but {@link InMemoryCredentialStore}) unless
     * {@link #allowingStoredCredentials()} was said: a custom cloud receives every secret and assertion used with it.
     *
     * @param store the credential store the cloud is to be used with
     * @throws ConfigurationException naming the login host and the option, when refused
     */
    public void checkCredentialStore(CredentialStore store) {
        Objects.requireNonNull(store, "store");
        while (store instanceof dev.tenantconnect.core.audit.AuditingCredentialStore audited) {
            store = audited.delegate(); // auditing changes nothing about where the secrets live
        }
        if (!microsoftCloud() && !storedCredentialsAllowed && !(store instanceof InMemoryCredentialStore)) {
            throw new ConfigurationException("the custom cloud at " + loginEndpoint.getHost() + " would receive the "
                    + "secrets of a persistent credential store (" + store.getClass().getSimpleName() + "); use the "
                    + "in-memory store with it, or allow it explicitly with CloudEnvironment.allowingStoredCredentials() "
                    + "(CLI: --allow-custom-cloud-with-stored-credentials)");
        }
    }

    /**
     * @param name {@code global}, {@code gcc-high}, {@code dod} or {@code china}
     * @return the environment
     */
    public static CloudEnvironment named(String name) {
        return switch (name) {
            case "global" -> GLOBAL;
            case "gcc-high" -> GCC_HIGH;
            case "dod" -> DOD;
            case "china" -> CHINA;
            default -> throw new ConfigurationException("unknown cloud '" + name
                    + "': use global, gcc-high, dod or china, or a custom environment");
        };
    }
}
