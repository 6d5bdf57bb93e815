package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.error.ConfigurationException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Where a Microsoft-compatible cloud other than Microsoft's own lives — the testkit's simulator, say — and the
 * certificates to trust for it: the login (token) endpoint, Graph's v1.0 base, the operator provisioning API. Hand it
 * to {@code GraphConnector.builder().endpoints(...)}: one call points the SDK at it. Certificate and host-name checks
 * stay on; only these certificates are trusted, no public CA.
 *
 * @param loginEndpoint where token requests go, e.g. {@code https://127.0.0.1:8443}
 * @param graphBaseUrl Graph's v1.0 base, e.g. {@code https://127.0.0.1:8443/v1.0}
 * @param provisioningBaseUrl the operator provisioning API's base URL
 * @param provisioningScope the provisioning API's {@code .default} token scope
 * @param trustedCertificates the TLS certificates to trust for these endpoints (at least one)
 */
public record CloudEndpoints(URI loginEndpoint, URI graphBaseUrl, URI provisioningBaseUrl, String provisioningScope,
        List<X509Certificate> trustedCertificates) {
    /** Validates: HTTPS URLs, at least one certificate. */
    public CloudEndpoints {
        for (URI u : new URI[] {loginEndpoint, graphBaseUrl, provisioningBaseUrl}) {
            if (u == null || !"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
                throw new ConfigurationException("cloud endpoints must be https URLs with a host: " + u);
            }
        }
        Objects.requireNonNull(provisioningScope, "provisioningScope");
        trustedCertificates = List.copyOf(trustedCertificates);
        if (trustedCertificates.isEmpty()) {
            throw new ConfigurationException("custom cloud endpoints need the certificate to trust for them");
        }
    }

    @Override
    public String toString() {
        return "CloudEndpoints[login=" + loginEndpoint + ", graph=" + graphBaseUrl + ", provisioning="
                + provisioningBaseUrl + ", " + trustedCertificates.size() + " trusted certificate(s)]";
    }
}
