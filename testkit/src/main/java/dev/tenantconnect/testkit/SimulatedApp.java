package dev.tenantconnect.testkit;

import dev.tenantconnect.testkit.internal.LeakHook;
import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.testkit.internal.CloudState;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Seeds and inspects one app registration (and its service principal) in a simulated tenant. */
public final class SimulatedApp {
    private final CloudState state;
    private final CloudState.App app;

    SimulatedApp(CloudState state, CloudState.App app) {
        this.state = state;
        this.app = app;
    }

    /**
     * @param secret a client secret the app accepts
     * @param expiresAt when it stops being accepted
     * @return the secret's key ID
     */
    public UUID secret(Secret secret, Instant expiresAt) {
        UUID keyId = UUID.randomUUID();
        LeakHook.secret("client secret seeded in the simulator", secret.revealAsString());
        synchronized (state) {
            app.secrets.add(new CloudState.PasswordCredential(keyId, secret.revealAsString(), expiresAt));
        }
        return keyId;
    }

    /**
     * @param certificate a certificate whose key may sign client assertions
     * @return this
     */
    public SimulatedApp certificate(X509Certificate certificate) {
        synchronized (state) {
            app.certificates.add(certificate);
            app.certificateKeyIds.add(UUID.randomUUID());
        }
        return this;
    }

    /**
     * @param permissions Graph application permissions to grant (admin consent)
     * @return this
     */
    public SimulatedApp grant(GraphPermission... permissions) {
        synchronized (state) {
            app.granted.addAll(List.of(permissions));
        }
        return this;
    }

    /**
     * @param permissions permissions to take away
     * @return this
     */
    public SimulatedApp revoke(GraphPermission... permissions) {
        synchronized (state) {
            List.of(permissions).forEach(app.granted::remove);
        }
        return this;
    }

    /**
     * @param roles directory roles to give the service principal
     * @return this
     */
    public SimulatedApp roles(DirectoryRole... roles) {
        synchronized (state) {
            app.roles.addAll(List.of(roles));
        }
        return this;
    }

    /**
     * @param enabled whether sign-in is allowed
     * @return this
     */
    public SimulatedApp enabled(boolean enabled) {
        synchronized (state) {
            app.enabled = enabled;
        }
        return this;
    }

    /** @return the service principal's object ID */
    public UUID servicePrincipalId() {
        return app.servicePrincipalId;
    }
}
