package dev.tenantconnect.voice;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.access.PermissionProfile;
import dev.tenantconnect.core.access.Requirement;
import dev.tenantconnect.core.access.RoleProfile;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.model.AppRegistrationName;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.onboarding.Invitation;
import dev.tenantconnect.core.tenant.AccessToken;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The app-registration wizard: create the operator's app registration in a customer tenant with an admin's sign-in,
 * pending invitations to it, and the clean-up of onboarding-only access. From
 * {@link TenantConnectClient#appRegistrations()}. (Named apart from the {@code AppRegistrations} port of
 * {@code dev.tenantconnect.core.tenant}, which it writes through.) Thread-safe.
 */
public final class AppRegistrationService {
    private final ServiceWiring wiring;
    private final Connections connections;

    AppRegistrationService(ServiceWiring wiring, Connections connections) {
        this.wiring = Objects.requireNonNull(wiring);
        this.connections = Objects.requireNonNull(connections);
    }

    /**
     * Creates the operator's app registration in a customer tenant with a signed-in admin's token (what the admin would
     * otherwise click through in the Microsoft Entra admin center under App registrations): application (found or
     * created by its alternate key {@code uniqueName}, never by display name, and tagged), service principal (made an
     * owner of the application), Graph permission grants including {@code Application.ReadWrite.OwnedBy} (so the
     * connection can rotate its own credentials), directory roles, and one credential for the service (a client secret
     * or a certificate) — then waits until a fresh app token works and carries the permissions, and removes the
     * credentials earlier runs made for the service. A re-run after a failure continues where it stopped and never
     * creates a second application.
     *
     * @param request what to create
     * @param adminToken the admin's delegated token (the graph-adapter's {@code GraphConnector.signInWithDeviceCode}
     *     or {@code signInWithBrowser}; the testkit's {@code InMemoryMicrosoftTenants.adminToken} in unit tests)
     * @return the ready registration; store it with {@link Connections#connect}
     * @throws dev.tenantconnect.core.error.ForeignApplicationException when an application with the registration's
     *     alternate key exists and is not the SDK's (nothing is granted to it)
     */
    public AppRegistrationResult create(AppRegistrationRequest request, AccessToken adminToken) {
        return wizard().run(request, adminToken, Optional.empty(), app -> {
        });
    }

    private AppRegistrationWizard wizard() {
        return new AppRegistrationWizard(wiring.microsoft(), wiring.policies(),
                wiring.clock());
    }

    /**
     * Creates a pending invitation to the app-registration wizard: the operator's onboarding flow hands its ID to the
     * customer and completes it when the admin signs in.
     *
     * @param tenant the customer tenant
     * @param service the operator's service
     * @param name the app registration's name (unique per service in the tenant)
     * @return the pending invitation
     */
    public Invitation invite(TenantId tenant, ServiceId service, AppRegistrationName name) {
        Instant now = wiring.clock().instant();
        return wiring.invitations().create(Invitation.pending(UUID.randomUUID(), tenant, service, name, now));
    }

    /**
     * Completes an invitation with the signed-in admin's token: runs the wizard, stores the connection, and marks
     * the invitation completed — or failed with the reason, ready to be completed again.
     *
     * @param invitationId the invitation
     * @param adminToken the admin's delegated token
     * @param features the features whose permissions to grant
     * @param roles the stage whose roles to assign
     * @param secretValidity how long the client secret is valid
     * @return the stored connection
     */
    public Connection completeInvitation(UUID invitationId, AccessToken adminToken,
            List<PermissionProfile> features, RoleProfile roles, Duration secretValidity) {
        return completeInvitation(invitationId, adminToken, features, roles, secretValidity,
                AppRegistrationRequest.CredentialKind.SECRET);
    }

    /**
     * As {@link #completeInvitation(UUID, AccessToken, List, RoleProfile,
     * Duration)}, with a choice of credential.
     *
     * @param invitationId the invitation
     * @param adminToken the admin's delegated token
     * @param features the features whose permissions to grant
     * @param roles the stage whose roles to assign
     * @param validity how long the credential is valid
     * @param credentialKind a client secret or a certificate
     * @return the stored connection
     */
    public Connection completeInvitation(UUID invitationId, AccessToken adminToken,
            List<PermissionProfile> features, RoleProfile roles, Duration validity,
            AppRegistrationRequest.CredentialKind credentialKind) {
        Duration secretValidity = validity;
        var invitation = wiring.invitations().find(invitationId).orElseThrow(() -> new ConfigurationException(
                "no invitation " + invitationId));
        if (invitation.status() == dev.tenantconnect.core.onboarding.InvitationStatus.COMPLETED) {
            throw new ConfigurationException("invitation " + invitationId + " was completed already");
        }
        // the application's IDs are recorded in the invitation before any further step: a re-run resumes by ID
        var current = new java.util.concurrent.atomic.AtomicReference<>(invitation);
        try {
            AppRegistrationResult result = wizard().run(
                    AppRegistrationRequest.builder(invitation.tenant(), invitation.service(), invitation.name())
                            .features(features).roles(roles).secretValidity(secretValidity)
                            .credentialKind(credentialKind).build(), adminToken,
                    invitation.applicationObjectId(), app -> {
                        if (!current.get().applicationObjectId().equals(Optional.of(app.objectId()))) {
                            current.set(wiring.invitations().update(current.get().withApplication(app.appId(),
                                    app.objectId(), wiring.clock().instant())));
                        }
                    });
            CredentialKey key = new CredentialKey(invitation.tenant(), invitation.service());
            Connection connection = connections.storeFromWizard(key, result.credential(), result.permissions());
            wiring.invitations().update(current.get().completed(result.clientId(), wiring.clock().instant()));
            return connection;
        } catch (RuntimeException e) {
            wiring.invitations().update(current.get().failed(e.getClass().getSimpleName() + ": " + e.getMessage(),
                    wiring.clock().instant()));
            throw e;
        }
    }

    /**
     * Removes what onboarding needed and day two does not (the wizard's final clean-up; onboarding-only roles such as
     * the Direct Routing automatic-DNS ones):
     * directory roles beyond {@code keepRoles} and Graph permissions beyond {@code keepFeatures}.
     *
     * @param tenant the tenant
     * @param appId the operator's application
     * @param adminToken an admin's delegated token
     * @param keepRoles the stage whose roles stay
     * @param keepFeatures the features whose permissions stay
     * @return what was removed
     */
    public AccessCleanup removeUnneededAccess(TenantId tenant, ClientId appId,
            AccessToken adminToken, RoleProfile keepRoles,
            List<PermissionProfile> keepFeatures) {
        var apps = wiring.microsoft().appRegistrations(tenant, adminToken);
        UUID sp = apps.findServicePrincipal(appId).orElseThrow(() -> new ConfigurationException(
                "application " + appId + " has no service principal in tenant " + tenant));
        Map<DirectoryRole, String> roles = apps.roleAssignments(sp);
        Set<DirectoryRole> removedRoles = new LinkedHashSet<>();
        for (DirectoryRole r : keepRoles.evaluate(roles.keySet()).excess()) {
            apps.removeRoleAssignment(roles.get(r));
            removedRoles.add(r);
        }
        Map<GraphPermission, String> grants = apps.grants(sp);
        @SuppressWarnings("unchecked")
        Requirement<GraphPermission>[] parts = keepFeatures.stream().map(PermissionProfile::requirement)
                .toArray(Requirement[]::new);
        Set<GraphPermission> removedPermissions = new LinkedHashSet<>();
        for (GraphPermission p : Verification.excess(Requirement.allOf(parts).evaluate(grants.keySet()))) {
            apps.revoke(sp, grants.get(p));
            removedPermissions.add(p);
        }
        return new AccessCleanup(removedRoles, removedPermissions);
    }
}
