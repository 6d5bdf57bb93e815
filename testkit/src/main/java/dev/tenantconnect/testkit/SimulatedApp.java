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
     * Grants Graph application permissions by name, as Microsoft names them (e.g. {@code LicenseAssignment.Read.All}),
     * including ones the SDK does not know; the app role ID is Microsoft's where it is published.
     *
     * @param names permission names to grant (admin consent)
     * @return this
     */
    public SimulatedApp grantPermissions(String... names) {
        synchronized (state) {
            for (String name : names) {
                String id = PermissionRules.GRAPH_APP_ROLES.get(name);
                app.grant(name, id != null ? UUID.fromString(id)
                        : UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)), Instant.EPOCH);
            }
        }
        return this;
    }

    /**
     * Sets the app roles the app holds on the operator number-provisioning API ({@code ProvisioningAPI.Read},
     * {@code .Write}, {@code .Delete}, {@code .Admin}; by default Read, Write and Delete).
     *
     * @param roles the roles its provisioning tokens carry
     * @return this
     */
    public SimulatedApp provisioningRoles(String... roles) {
        synchronized (state) {
            app.provisioningRoles.clear();
            app.provisioningRoles.addAll(List.of(roles));
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

    /**
     * @param name the application's display name
     * @return this
     */
    public SimulatedApp displayName(String name) {
        synchronized (state) {
            app.displayName = name;
        }
        return this;
    }

    /**
     * @param uniqueName the application's alternate key (as if set when it was created)
     * @return this
     */
    public SimulatedApp uniqueName(String uniqueName) {
        synchronized (state) {
            app.uniqueName = uniqueName;
        }
        return this;
    }

    /**
     * @param tags the application's tags
     * @return this
     */
    public SimulatedApp tags(String... tags) {
        synchronized (state) {
            app.tags.clear();
            app.tags.addAll(List.of(tags));
        }
        return this;
    }

    /**
     * @param owner the object ID of a user or service principal to add as owner
     * @return this
     */
    public SimulatedApp owner(UUID owner) {
        synchronized (state) {
            if (!app.owners.contains(owner)) {
                app.owners.add(owner);
            }
        }
        return this;
    }

    /** @return this, with its own service principal as an owner (what {@code Application.ReadWrite.OwnedBy} needs) */
    public SimulatedApp ownedByItself() {
        return owner(app.servicePrincipalId);
    }

    /** @return the owners' object IDs */
    public List<UUID> owners() {
        synchronized (state) {
            return List.copyOf(app.owners);
        }
    }

    /** @return the key IDs of the client secrets with their descriptions ("" when none was given) */
    public java.util.Map<UUID, String> secrets() {
        synchronized (state) {
            java.util.Map<UUID, String> out = new java.util.LinkedHashMap<>();
            app.secrets.forEach(s -> out.put(s.keyId(), app.secretNames.getOrDefault(s.keyId(), "")));
            return out;
        }
    }

    /** @return the key IDs of the certificates with their display names ("" when none was given) */
    public java.util.Map<UUID, String> certificates() {
        synchronized (state) {
            java.util.Map<UUID, String> out = new java.util.LinkedHashMap<>();
            app.certificateKeyIds.forEach(k -> out.put(k, app.certificateNames.getOrDefault(k, "")));
            return out;
        }
    }

    /** @return the Graph permissions granted to its service principal */
    public java.util.Set<GraphPermission> granted() {
        synchronized (state) {
            return java.util.Set.copyOf(app.granted);
        }
    }
}
