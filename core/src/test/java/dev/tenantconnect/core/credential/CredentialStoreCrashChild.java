package dev.tenantconnect.core.credential;

import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * The process {@link CredentialStoreCrashTest} kills: rotates one connection's secret in an encrypted file store as
 * fast as it can, printing {@code WROTE n} after each replace has returned.
 */
public final class CredentialStoreCrashChild {
    static final CredentialKey KEY = new CredentialKey(TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000cc"),
            ServiceId.of("oc-main"));
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000cc");

    private CredentialStoreCrashChild() {
    }

    static ClientSecretCredential secret(long n) {
        return ClientSecretCredential.of(APP, Secret.of("rotation-" + n), Instant.parse("2030-01-01T00:00:00Z"));
    }

    /**
     * @param args the store file and the key file
     */
    public static void main(String[] args) {
        EncryptedFileCredentialStore store = new EncryptedFileCredentialStore(Path.of(args[0]),
                KeyProviders.fromFile(Path.of(args[1])), Clock.systemUTC());
        CredentialRecord r = store.find(KEY).orElseGet(() -> store.create(KEY, secret(1))); // version 1
        System.out.println("WROTE " + r.version());
        System.out.flush();
        while (true) {
            r = store.replace(KEY, r.version(), secret(r.version() + 1));
            System.out.println("WROTE " + r.version());
            System.out.flush();
        }
    }
}
