package dev.tenantconnect.voice.replication;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.resilience.Sleeper;
import dev.tenantconnect.core.tenant.MicrosoftTenants;
import dev.tenantconnect.core.tenant.TenantDirectory;
import dev.tenantconnect.testkit.InMemoryMicrosoftTenants;
import dev.tenantconnect.testkit.Sku;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Test wiring for leased replication: tenants seeded in an in-memory cloud, their connections, and the Microsoft side
 * seen through a hook that runs whenever a pass reads a tenant's users (to hold a pass mid-read, or to watch which
 * passes overlap).
 */
final class LeasedTenants {
    static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-0000000000c9");
    private static final Secret SECRET = Secret.of("leased-replication-secret");

    private LeasedTenants() {
    }

    /**
     * @param cloud where the tenants live
     * @param store where their connections go
     * @param count how many tenants
     * @param users users per tenant
     * @return the connections
     */
    static List<CredentialKey> seed(InMemoryMicrosoftTenants cloud, CredentialStore store, int count, int users) {
        List<CredentialKey> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TenantId t = TenantId.parse(String.format("6b17bc95-fa47-49bf-8b00-%012d", 900 + i));
            var tenant = cloud.tenant(t).domain("l" + i + ".example").sku(Sku.OFFICE_365_E5, users)
                    .app(APP, GraphPermission.USER_READ_ALL, GraphPermission.TEAMS_TELEPHONE_NUMBER_READWRITE_ALL)
                    .roles(APP, DirectoryRole.TEAMS_COMMUNICATIONS_ADMINISTRATOR);
            for (int u = 0; u < users; u++) {
                tenant.addUser("u" + u + "@l" + i + ".example", "U " + u, "SG", Sku.OFFICE_365_E5);
            }
            CredentialKey key = new CredentialKey(t, ServiceId.of("oc-main"));
            store.create(key, ClientSecretCredential.of(APP, SECRET, Instant.parse("2030-01-01T00:00:00Z")));
            keys.add(key);
        }
        return keys;
    }

    /**
     * @param real the Microsoft side
     * @param onUserRead runs (on the pass's thread) before every read of a tenant's users, given the tenant
     * @param afterUserRead runs after it
     * @return the same Microsoft side with the hooks
     */
    static MicrosoftTenants hooked(MicrosoftTenants real, Consumer<TenantId> onUserRead,
            Consumer<TenantId> afterUserRead) {
        return (MicrosoftTenants) Proxy.newProxyInstance(MicrosoftTenants.class.getClassLoader(),
                new Class<?>[] {MicrosoftTenants.class}, (p, m, args) -> {
                    Object out = invoke(real, m, args);
                    if (out instanceof TenantDirectory dir) {
                        return directory(dir, onUserRead, afterUserRead);
                    }
                    return out;
                });
    }

    private static TenantDirectory directory(TenantDirectory real, Consumer<TenantId> onUserRead,
            Consumer<TenantId> afterUserRead) {
        return (TenantDirectory) Proxy.newProxyInstance(TenantDirectory.class.getClassLoader(),
                new Class<?>[] {TenantDirectory.class}, (p, m, args) -> {
                    boolean users = m.getName().equals("usersDelta") || m.getName().equals("changesAndNumbers");
                    if (users) {
                        onUserRead.accept(real.tenant());
                    }
                    try {
                        return invoke(real, m, args);
                    } finally {
                        if (users) {
                            afterUserRead.accept(real.tenant());
                        }
                    }
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** @return a sleeper whose waits end only when the waiting thread is interrupted: a heartbeat that never beats */
    static Sleeper never() {
        return d -> new CountDownLatch(1).await();
    }
}
