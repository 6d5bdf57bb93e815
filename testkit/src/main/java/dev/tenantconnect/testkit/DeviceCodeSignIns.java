package dev.tenantconnect.testkit;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.testkit.internal.CloudState;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The person's side of the device-code flow: a test plays the customer admin who opens the verification page and
 * types the code. Until {@link #approve} is called the device polling gets {@code authorization_pending}.
 */
public final class DeviceCodeSignIns {
    private final CloudState state;
    private final SimulatorEngine engine;

    DeviceCodeSignIns(CloudState state, SimulatorEngine engine) {
        this.state = state;
        this.engine = engine;
    }

    /** @return the user codes waiting for a person, oldest first */
    public List<String> pendingUserCodes() {
        synchronized (state) {
            return state.deviceCodes.values().stream().filter(d -> d.status.equals("pending")).map(d -> d.userCode)
                    .toList();
        }
    }

    /**
     * Approves a sign-in as an admin of a tenant, granting the scopes the device asked for that the simulator knows.
     *
     * @param userCode the code shown to the person
     * @param tenant the admin's tenant
     * @param admin the admin's UPN
     * @param roles the admin's directory roles (carried as {@code wids})
     */
    public void approve(String userCode, TenantId tenant, UserRef.Upn admin, Set<DirectoryRole> roles) {
        synchronized (state) {
            CloudState.DeviceCode dc = find(userCode);
            CloudState.DelegatedSession s = new CloudState.DelegatedSession();
            s.tenant = tenant;
            s.userId = UUID.nameUUIDFromBytes(admin.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            s.upn = admin.value();
            s.clientId = dc.clientId;
            Arrays.stream(dc.scope.split(" ")).map(x -> x.substring(x.lastIndexOf('/') + 1))
                    .filter(PermissionRules.GRAPH_SCOPES::contains).forEach(s.scopes::add);
            s.roles.addAll(roles);
            dc.session = s;
            dc.status = "approved";
        }
    }

    /**
     * Blocks until the device has polled the token endpoint at least once for this code (so a test can approve
     * only after seeing {@code authorization_pending}).
     *
     * @param userCode the code
     * @param timeout the most to wait
     * @return whether it polled within the timeout
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitFirstPoll(String userCode, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (state) {
            while (find(userCode).polls == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                state.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** @param userCode the code the person declined */
    public void decline(String userCode) {
        synchronized (state) {
            find(userCode).status = "declined";
        }
    }

    /**
     * Revokes every refresh token of an admin (e.g. a password reset); the next refresh answers {@code invalid_grant}.
     *
     * @param admin the admin
     */
    public void revokeSessions(UserRef.Upn admin) {
        synchronized (state) {
            state.refreshTokens.values().stream().filter(s -> s.upn.equals(admin.value()))
                    .forEach(s -> s.revoked = true);
        }
    }

    /** @param interval the polling interval the device-code response tells clients (default 1 s) */
    public void pollInterval(Duration interval) {
        engine.entra().deviceCodePollInterval(interval);
    }

    /** @param lifetime how long new device codes stay valid (default 15 minutes), e.g. to test expiry */
    public void lifetime(Duration lifetime) {
        engine.entra().deviceCodeLifetime(lifetime);
    }

    private CloudState.DeviceCode find(String userCode) {
        Optional<CloudState.DeviceCode> dc = state.deviceCodes.values().stream()
                .filter(d -> d.userCode.equals(userCode)).findFirst();
        return dc.orElseThrow(() -> new IllegalArgumentException("no pending device code " + userCode));
    }
}
