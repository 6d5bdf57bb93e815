package dev.tenantconnect.graph;

import dev.tenantconnect.core.error.ConfigurationException;
import java.net.URI;
import java.util.Objects;

/**
 * A Microsoft cloud: where tokens come from and where Graph lives. The {@code authorityHost} is what MSAL sees (and
 * what client assertions name as audience); {@code loginEndpoint} is where token requests are actually sent — the
 * same for Microsoft's clouds, the simulator's address for {@link #custom}.
 *
 * @param name a short name, e.g. {@code global}
 * @param authorityHost the login host MSAL uses, e.g. {@code https://login.microsoftonline.com}
 * @param loginEndpoint where token requests go
 * @param graphBaseUrl Graph's v1.0 base URL
 * @param graphScope the app-only scope, e.g. {@code https://graph.microsoft.com/.default}
 * @param instanceDiscovery whether MSAL may run instance discovery (only against Microsoft's own login hosts)
 */
public record CloudEnvironment(String name, URI authorityHost, URI loginEndpoint, URI graphBaseUrl, String graphScope,
        boolean instanceDiscovery) {

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

    private static CloudEnvironment microsoft(String name, String login, String graph) {
        return new CloudEnvironment(name, URI.create(login), URI.create(login), URI.create(graph + "/v1.0"),
                graph + "/.default", true);
    }

    /**
     * A custom deployment, such as the testkit's simulator: MSAL keeps the global authority (so its caches and the
     * assertion audience behave as in production) while requests go to {@code loginEndpoint}.
     *
     * @param loginEndpoint where token requests go, e.g. {@code https://127.0.0.1:8443}
     * @param graphBaseUrl Graph's base, e.g. {@code https://127.0.0.1:8443/v1.0}
     * @return the environment
     */
    public static CloudEnvironment custom(URI loginEndpoint, URI graphBaseUrl) {
        return new CloudEnvironment("custom", GLOBAL.authorityHost, loginEndpoint, graphBaseUrl,
                GLOBAL.graphScope, false);
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
