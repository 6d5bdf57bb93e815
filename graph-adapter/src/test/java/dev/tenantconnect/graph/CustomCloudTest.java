package dev.tenantconnect.graph;

import dev.tenantconnect.core.tenant.GeneratedCertificate;
import dev.tenantconnect.core.tenant.AccessToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.EncryptedFileCredentialStore;
import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.core.credential.KeyProviders;
import dev.tenantconnect.core.credential.StoreKey;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.testkit.MicrosoftCloudSimulator;
import dev.tenantconnect.testkit.SimulatorExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A custom cloud is its own audience and never silently receives stored credentials. The simulator accepts a client
 * assertion only when its {@code aud} is its own token endpoint (Microsoft: "aud: the token endpoint", see
 * https://learn.microsoft.com/entra/identity-platform/certificate-credentials), so an assertion naming Microsoft's
 * login host — replayable there — is refused.
 */
class CustomCloudTest {
    static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000c0c01");
    static final ClientId APP = ClientId.parse("11ae0dff-7a0e-4a44-9e2c-0000000c0c01");

    @RegisterExtension
    static final SimulatorExtension CLOUD = SimulatorExtension.create().seededWith(sim -> sim.tenant(TENANT)
            .displayName("Contoso").domain("contoso.onmicrosoft.com").app(APP)
            .grant(GraphPermission.ORGANIZATION_READ_ALL));

    @TempDir
    Path dir;

    @Test
    void the_assertion_audience_is_the_configured_login_host_not_microsofts(MicrosoftCloudSimulator sim)
            throws Exception {
        CloudEnvironment custom = CloudEnvironment.custom(URI.create(sim.baseUrl()), URI.create(sim.graphBaseUrl()));
        assertThat(custom.authorityHost()).isEqualTo(URI.create("https://127.0.0.1"));
        assertThat(custom.microsoftCloud()).isFalse();
        GraphConnector graph = GraphConnector.builder().cloud(custom).trust(sim.sslContext(), sim.trustManager())
                .build();
        GeneratedCertificate cert = graph.generateCertificate(APP, "custom-cloud", Duration.ofDays(30));
        sim.tenant(TENANT).app(APP).certificate(cert.credential().leaf());

        AccessToken token = graph.freshAppToken(TENANT, cert.credential());

        assertThat(token.tenant()).as("the simulator accepted an assertion addressed to its own host").isEqualTo(TENANT);
    }

    @Test
    void a_custom_cloud_with_a_persistent_store_is_refused_unless_allowed_by_name() {
        CloudEnvironment custom = CloudEnvironment.custom(URI.create("https://login.example.test:8443"),
                URI.create("https://graph.example.test/v1.0"));
        EncryptedFileCredentialStore file = new EncryptedFileCredentialStore(dir.resolve("c.bin"),
                KeyProviders.fixed(StoreKey.generate()), Clock.systemUTC());

        assertThatThrownBy(() -> custom.checkCredentialStore(file)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("login.example.test").hasMessageContaining("allowingStoredCredentials()")
                .hasMessageContaining("--allow-custom-cloud-with-stored-credentials");
        custom.checkCredentialStore(new InMemoryCredentialStore());
        custom.allowingStoredCredentials().checkCredentialStore(file);
        for (CloudEnvironment microsoft : new CloudEnvironment[] {CloudEnvironment.GLOBAL, CloudEnvironment.GCC_HIGH,
            CloudEnvironment.DOD, CloudEnvironment.CHINA}) {
            assertThat(microsoft.microsoftCloud()).isTrue();
            microsoft.checkCredentialStore(file);
        }
    }

    @Test
    void a_cloud_that_sends_microsofts_login_host_elsewhere_is_custom() {
        CloudEnvironment redirected = new CloudEnvironment("x", URI.create("https://login.microsoftonline.com"),
                URI.create("https://evil.example.test"), URI.create("https://graph.microsoft.com/v1.0"),
                "https://graph.microsoft.com/.default", false);

        assertThat(redirected.microsoftCloud()).isFalse();
        assertThatThrownBy(() -> redirected.checkCredentialStore(new EncryptedFileCredentialStore(
                dir.resolve("d.bin"), KeyProviders.fixed(StoreKey.generate()), Clock.systemUTC())))
                .isInstanceOf(ConfigurationException.class);
    }
}
