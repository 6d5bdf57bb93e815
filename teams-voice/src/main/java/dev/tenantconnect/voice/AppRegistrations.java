package dev.tenantconnect.voice;

import dev.tenantconnect.core.access.PermissionProfile;
import dev.tenantconnect.core.access.RoleProfile;
import dev.tenantconnect.core.model.AppRegistrationName;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.onboarding.Invitation;
import dev.tenantconnect.graph.AccessToken;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The app-registration wizard: create the operator's app registration in a customer tenant with an admin's sign-in,
 * pending invitations to it, and the clean-up of onboarding-only access. From
 * {@link TenantConnectClient#appRegistrations()}.
 */
public final class AppRegistrations {
    private final TenantConnect tc;

    AppRegistrations(TenantConnect tc) {
        this.tc = Objects.requireNonNull(tc);
    }

    /**
     * Creates (or, re-run, finishes) the app registration: application, service principal, permissions with consent,
     * directory roles and one credential; never a second application.
     *
     * @param request what to create
     * @param adminToken the admin's delegated token
     * @return the ready registration; store it with {@link Connections#connect}
     * @throws dev.tenantconnect.core.error.ForeignApplicationException when an application with the registration's
     *     alternate key exists and is not the SDK's
     */
    public AppRegistrationResult create(AppRegistrationRequest request, AccessToken adminToken) {
        return tc.createAppRegistration(request, adminToken);
    }

    /**
     * A pending invitation whose ID the operator hands to the customer (needs an invitation store on the client).
     *
     * @param tenant the customer tenant
     * @param service the operator's service
     * @param name the app registration's name (unique per service in the tenant)
     * @return the pending invitation
     */
    public Invitation invite(TenantId tenant, ServiceId service, AppRegistrationName name) {
        return tc.invite(tenant, service, name);
    }

    /**
     * Completes an invitation with the signed-in admin's token: runs the wizard, stores the connection, marks the
     * invitation completed (or failed with the reason, ready to be completed again).
     *
     * @param invitationId the invitation
     * @param adminToken the admin's delegated token
     * @param features the features whose permissions to grant
     * @param roles the stage whose roles to assign
     * @param validity how long the credential is valid
     * @param credentialKind a client secret or a certificate
     * @return the stored connection
     */
    public Connection completeInvitation(UUID invitationId, AccessToken adminToken, List<PermissionProfile> features,
            RoleProfile roles, Duration validity, AppRegistrationRequest.CredentialKind credentialKind) {
        return tc.completeInvitation(invitationId, adminToken, features, roles, validity, credentialKind);
    }

    /**
     * Removes directory roles beyond {@code keepRoles} and Graph permissions beyond {@code keepFeatures}.
     *
     * @param tenant the tenant
     * @param appId the operator's application
     * @param adminToken an admin's delegated token
     * @param keepRoles the stage whose roles stay
     * @param keepFeatures the features whose permissions stay
     * @return what was removed
     */
    public AccessCleanup removeUnneededAccess(TenantId tenant, ClientId appId, AccessToken adminToken,
            RoleProfile keepRoles, List<PermissionProfile> keepFeatures) {
        return tc.removeUnneededAccess(tenant, appId, adminToken, keepRoles, keepFeatures);
    }
}
