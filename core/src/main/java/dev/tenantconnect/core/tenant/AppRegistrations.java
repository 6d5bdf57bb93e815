package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.credential.ClientCertificateCredential;
import dev.tenantconnect.core.model.ClientId;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes to app registrations in one customer tenant: the app-registration wizard (application, service principal,
 * permission grants, directory roles, owners) and credential rotation (secrets, certificates). Applications are found
 * by their alternate key ({@code uniqueName}), never by display name.
 */
public interface AppRegistrations {
    /**
     * @param uniqueName the alternate key
     * @return the application (created false), or empty when none has the key (or it is not replicated yet)
     */
    Optional<CreatedApplication> findByUniqueName(String uniqueName);

    /**
     * Creates the application with this alternate key unless one has it (then it is updated).
     *
     * @param uniqueName the alternate key (immutable once set)
     * @param displayName the display name
     * @param tags tags that mark the application as made by the SDK
     * @return the application; {@code created} tells whether this call created it
     */
    CreatedApplication upsert(String uniqueName, String displayName, List<String> tags);

    /**
     * @param objectId the application object ID
     * @return its tags
     */
    List<String> tags(UUID objectId);

    /**
     * @param objectId the application object ID
     * @return its owners (users and service principals)
     */
    List<ApplicationOwner> owners(UUID objectId);

    /**
     * @param objectId the application object ID
     * @param owner the object ID of the user or service principal to add as owner
     */
    void addOwner(UUID objectId, UUID owner);

    /**
     * @param appId the application
     * @return its client secrets (never their text) and certificates
     */
    List<AppCredentialInfo> credentials(ClientId appId);

    /**
     * Replaces an application's certificates: keeps every certificate except those named in {@code remove} and adds
     * {@code add} when given.
     *
     * @param objectId the application object ID
     * @param add the certificate to add, if any
     * @param displayName the added certificate's display name
     * @param remove key IDs of certificates to drop
     * @return the added certificate's key ID, if one was added
     */
    Optional<UUID> replaceCertificates(UUID objectId, Optional<X509Certificate> add, String displayName,
            Set<UUID> remove);

    /**
     * @param appId the application
     * @return its service principal's object ID, if it has one (and it is visible yet)
     */
    Optional<UUID> findServicePrincipal(ClientId appId);

    /**
     * @param appId the application
     * @return the object ID of the service principal created for it
     */
    UUID createServicePrincipal(ClientId appId);

    /** @return the Microsoft Graph service principal's object ID in this tenant */
    UUID graphServicePrincipal();

    /**
     * @param servicePrincipal a service principal
     * @return its Graph permission grants, by permission, with the grant IDs
     */
    Map<GraphPermission, String> grants(UUID servicePrincipal);

    /**
     * Grants a Graph application permission (admin consent through an app role assignment).
     *
     * @param servicePrincipal the client's service principal
     * @param graphServicePrincipal Microsoft Graph's service principal
     * @param permission the permission
     */
    void grant(UUID servicePrincipal, UUID graphServicePrincipal, GraphPermission permission);

    /**
     * @param servicePrincipal the client's service principal
     * @param grantId the app role assignment to remove
     */
    void revoke(UUID servicePrincipal, String grantId);

    /**
     * @param servicePrincipal a principal
     * @return its directory role assignments (role to assignment ID)
     */
    Map<DirectoryRole, String> roleAssignments(UUID servicePrincipal);

    /**
     * @param servicePrincipal the principal
     * @param role the directory role to assign at directory scope
     */
    void assignRole(UUID servicePrincipal, DirectoryRole role);

    /** @param assignmentId a role assignment to remove */
    void removeRoleAssignment(String assignmentId);

    /**
     * @param appId the application (client) ID
     * @return the application's object ID
     */
    UUID objectId(ClientId appId);

    /**
     * Adds a client secret.
     *
     * @param appId the application
     * @param displayName the secret's description
     * @param expiresAt its end date
     * @return the new secret, the only time its text is available
     */
    NewSecret addPassword(ClientId appId, String displayName, Instant expiresAt);

    /**
     * Adds a certificate to an application, proving possession of one it already trusts.
     *
     * @param appId the application
     * @param certificate the new certificate
     * @param signer a certificate credential the application already trusts
     * @return the new key credential's ID
     */
    UUID addCertificate(ClientId appId, X509Certificate certificate, ClientCertificateCredential signer);

    /**
     * Removes a certificate from an application, proving possession of a certificate it trusts.
     *
     * @param appId the application
     * @param keyId the key credential to remove
     * @param signer a certificate credential the application trusts
     */
    void removeCertificate(ClientId appId, UUID keyId, ClientCertificateCredential signer);

    /**
     * @param appId the application
     * @return the key IDs of its certificates by SHA-1 thumbprint (upper-case hex)
     */
    Map<String, UUID> certificateKeyIds(ClientId appId);

    /**
     * @param appId the application
     * @param keyId the password credential to remove
     */
    void removePassword(ClientId appId, UUID keyId);
}
