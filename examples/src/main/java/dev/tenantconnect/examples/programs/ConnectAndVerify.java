package dev.tenantconnect.examples.programs;

import dev.tenantconnect.core.credential.InMemoryCredentialStore;
import dev.tenantconnect.voice.Connection;
import dev.tenantconnect.voice.TenantConnectClient;
import dev.tenantconnect.voice.VerificationReport;
import dev.tenantconnect.voice.VerifyOptions;
import java.io.PrintWriter;

/** Connect a customer tenant with the app registration's secret, then verify it: every finding at once. */
public final class ConnectAndVerify {
    private ConnectAndVerify() {
    }

    /**
     * @param cloud where to run
     * @param out where the report goes
     * @return whether the connection is usable
     */
    public static boolean run(ExampleCloud cloud, PrintWriter out) {
        // 1. The store holds the customer's credential (use EncryptedFileCredentialStore or JdbcCredentialStore).
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        // One root client takes the wiring once and hands out every service.
        TenantConnectClient client = cloud.client().credentials(store).build();

        // 2. connect() checks that Entra accepts the secret and that it belongs to this tenant, then stores it.
        Connection c = client.connections().connect(cloud.key(), cloud.customerCredential());
        out.println("connected " + c.organization().displayName());

        // 3. verify() runs every check — token, roles, permissions, licences, expiry — and hides none.
        VerificationReport report = client.verification().verify(cloud.key(), VerifyOptions.operatorConnect());
        out.println(report.toText());
        return report.usable();
    }

    /**
     * @param args none
     */
    public static void main(String[] args) {
        try (ExampleCloud cloud = ExampleCloud.start(50)) {
            PrintWriter out = new PrintWriter(System.out, true);
            System.exit(run(cloud, out) ? 0 : 1);
        }
    }
}
