package dev.tenantconnect.graph;

import dev.tenantconnect.core.tenant.CreatedApplication;
import dev.tenantconnect.core.tenant.ApplicationOwner;
import dev.tenantconnect.core.tenant.AppCredentialInfo;
import dev.tenantconnect.core.tenant.NewSecret;
import com.microsoft.graph.applications.item.addpassword.AddPasswordPostRequestBody;
import com.microsoft.graph.applications.item.removepassword.RemovePasswordPostRequestBody;
import com.microsoft.graph.models.Application;
import com.microsoft.graph.models.PasswordCredential;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.graph.internal.GraphCalls;
import dev.tenantconnect.graph.internal.GraphOperation;
import dev.tenantconnect.graph.internal.Pages;
import dev.tenantconnect.graph.internal.Responses;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import com.microsoft.graph.models.AppRoleAssignment;
import com.microsoft.graph.models.ServicePrincipal;
import com.microsoft.graph.models.UnifiedRoleAssignment;
import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes to app registrations in one tenant: secrets for rotation (and, with the wizard, creation). Needs
 * {@code Application.ReadWrite.OwnedBy} (own app) or {@code Application.ReadWrite.All}.
 */
public final class GraphAppRegistrations implements dev.tenantconnect.core.tenant.AppRegistrations {
    private final TenantId tenant;
    private final GraphServiceClient graph;
    private final Clock clock;
    private final GraphCalls calls;

    GraphAppRegistrations(TenantId tenant, GraphServiceClient graph, Clock clock,
            java.util.function.Supplier<java.util.Set<dev.tenantconnect.core.access.GraphPermission>> held) {
        this.tenant = Objects.requireNonNull(tenant);
        this.graph = Objects.requireNonNull(graph);
        this.clock = Objects.requireNonNull(clock);
        this.calls = new GraphCalls(tenant, clock, held);
    }


    /**
     * Reads the application that carries this alternate key ({@code uniqueName}), never by display name.
     *
     * @param uniqueName the alternate key
     * @return the application (created false), or empty when none has the key (or it is not replicated yet)
     */
    @Override
    public Optional<CreatedApplication> findByUniqueName(String uniqueName) {
        return calls.unlessNotFound(GraphOperation.READ_APPLICATION, () -> {
            Application a = graph.applicationsWithUniqueName(uniqueName).get();
            return new CreatedApplication(UUID.fromString(a.getId()), ClientId.parse(a.getAppId()),
                    a.getDisplayName(), false);
        });
    }

    /**
     * Creates the application with this alternate key unless one has it ({@code PATCH /applications(uniqueName=…)}
     * with {@code Prefer: create-if-missing}). When one exists, Graph updates it instead (204): callers that have not
     * proved the application theirs call {@link #findByUniqueName} first and create only when it answers empty; the
     * answer's {@code created} tells whether this call created it.
     *
     * @param uniqueName the alternate key (immutable once set)
     * @param displayName the display name
     * @param tags tags that mark the application as made by the SDK
     * @return the application
     */
    @Override
    public CreatedApplication upsert(String uniqueName, String displayName, List<String> tags) {
        return calls.run(GraphOperation.UPSERT_APPLICATION, () -> {
            Application app = new Application();
            app.setDisplayName(displayName);
            app.setSignInAudience("AzureADMyOrg");
            app.setTags(new java.util.ArrayList<>(tags));
            Application a = graph.applicationsWithUniqueName(uniqueName).patch(app,
                    rc -> rc.headers.add("Prefer", "create-if-missing"));
            if (a != null && a.getId() != null) {
                return new CreatedApplication(UUID.fromString(a.getId()), ClientId.parse(a.getAppId()),
                        a.getDisplayName(), true);
            }
            Application existing = graph.applicationsWithUniqueName(uniqueName).get();
            return new CreatedApplication(UUID.fromString(existing.getId()), ClientId.parse(existing.getAppId()),
                    existing.getDisplayName(), false);
        });
    }

    /**
     * @param objectId the application object ID
     * @return its tags
     */
    @Override
    public List<String> tags(UUID objectId) {
        return calls.run(GraphOperation.READ_APPLICATION, () -> {
            Application a = graph.applications().byApplicationId(objectId.toString()).get();
            return a.getTags() == null ? List.of() : List.copyOf(a.getTags());
        });
    }

    private String base() {
        return graph.getRequestAdapter().getBaseUrl();
    }

    /**
     * @param objectId the application object ID
     * @return its owners (users and service principals), every page
     */
    @Override
    public List<ApplicationOwner> owners(UUID objectId) {
        return calls.run(GraphOperation.READ_APPLICATION_OWNERS, () -> {
            List<ApplicationOwner> out = new java.util.ArrayList<>();
            var builder = graph.applications().byApplicationId(objectId.toString()).owners();
            java.util.function.Function<com.microsoft.graph.models.DirectoryObjectCollectionResponse,
                    Pages.Page<com.microsoft.graph.models.DirectoryObject>> page = r -> Pages.Page.of(
                            Responses.required(Responses.required(r, "body").getValue(), "$.value"),
                            r.getOdataNextLink());
            for (com.microsoft.graph.models.DirectoryObject o : Pages.followNextLinks(base(),
                    page.apply(builder.get()), link -> page.apply(builder.withUrl(link).get()))) {
                if (o instanceof com.microsoft.graph.models.User u) {
                    out.add(new ApplicationOwner(UUID.fromString(u.getId()), ApplicationOwner.Kind.USER,
                            Objects.requireNonNullElse(u.getUserPrincipalName(),
                                    Objects.requireNonNullElse(u.getDisplayName(), u.getId()))));
                } else if (o instanceof ServicePrincipal sp) {
                    out.add(new ApplicationOwner(UUID.fromString(sp.getId()),
                            ApplicationOwner.Kind.SERVICE_PRINCIPAL,
                            Objects.requireNonNullElse(sp.getDisplayName(), sp.getId())));
                } else if (o.getId() != null) {
                    out.add(new ApplicationOwner(UUID.fromString(o.getId()), ApplicationOwner.Kind.OTHER,
                            o.getId()));
                }
            }
            return out;
        });
    }

    /**
     * Adds an owner to an application ({@code POST /applications/{id}/owners/$ref}); the application's own service
     * principal as owner is what lets it manage its credentials with {@code Application.ReadWrite.OwnedBy}.
     *
     * @param objectId the application object ID
     * @param owner the object ID of the user or service principal
     */
    @Override
    public void addOwner(UUID objectId, UUID owner) {
        calls.run(GraphOperation.ADD_APPLICATION_OWNER, () -> {
            com.microsoft.graph.models.ReferenceCreate ref = new com.microsoft.graph.models.ReferenceCreate();
            ref.setOdataId(graph.getRequestAdapter().getBaseUrl() + "/directoryObjects/" + owner);
            graph.applications().byApplicationId(objectId.toString()).owners().ref().post(ref);
            return null;
        });
    }

    /**
     * @param appId the application
     * @return its client secrets (never their text) and certificates, by kind
     */
    @Override
    public List<AppCredentialInfo> credentials(ClientId appId) {
        return calls.run(GraphOperation.READ_APPLICATION, () -> {
            Application app = graph.applicationsWithAppId(appId.value()).get();
            List<AppCredentialInfo> out = new java.util.ArrayList<>();
            if (app.getPasswordCredentials() != null) {
                for (PasswordCredential p : app.getPasswordCredentials()) {
                    out.add(new AppCredentialInfo(p.getKeyId(), AppCredentialInfo.Kind.SECRET,
                            Objects.requireNonNullElse(p.getDisplayName(), ""), Optional.ofNullable(
                                    p.getEndDateTime()).map(OffsetDateTime::toInstant)));
                }
            }
            if (app.getKeyCredentials() != null) {
                for (com.microsoft.graph.models.KeyCredential k : app.getKeyCredentials()) {
                    out.add(new AppCredentialInfo(k.getKeyId(), AppCredentialInfo.Kind.CERTIFICATE,
                            Objects.requireNonNullElse(k.getDisplayName(), ""), Optional.ofNullable(
                                    k.getEndDateTime()).map(OffsetDateTime::toInstant)));
                }
            }
            return out;
        });
    }

    /**
     * Replaces an application's certificates with a PATCH of {@code keyCredentials}: keeps every certificate except
     * those named in {@code remove} (their keys read with {@code $select=keyCredentials}, as Graph asks) and adds
     * {@code add} when given. Needs no existing certificate (unlike {@link #addCertificate}).
     *
     * @param objectId the application object ID
     * @param add the certificate to add, if any
     * @param displayName the added certificate's display name
     * @param remove key IDs of certificates to drop
     * @return the added certificate's key ID, if one was added
     */
    @Override
    public Optional<UUID> replaceCertificates(UUID objectId, Optional<java.security.cert.X509Certificate> add,
            String displayName, java.util.Set<UUID> remove) {
        return calls.run(GraphOperation.UPDATE_CERTIFICATES, () -> {
            Application current = graph.applications().byApplicationId(objectId.toString()).get(rc ->
                    rc.queryParameters.select = new String[] {"keyCredentials"});
            List<com.microsoft.graph.models.KeyCredential> keys = new java.util.ArrayList<>();
            if (current.getKeyCredentials() != null) {
                for (com.microsoft.graph.models.KeyCredential k : current.getKeyCredentials()) {
                    if (!remove.contains(k.getKeyId())) {
                        com.microsoft.graph.models.KeyCredential kept = new com.microsoft.graph.models.KeyCredential();
                        kept.setKeyId(k.getKeyId());
                        kept.setType(k.getType());
                        kept.setUsage(k.getUsage());
                        kept.setKey(k.getKey());
                        kept.setDisplayName(k.getDisplayName());
                        keys.add(kept);
                    }
                }
            }
            Optional<UUID> added = Optional.empty();
            if (add.isPresent()) {
                com.microsoft.graph.models.KeyCredential k = new com.microsoft.graph.models.KeyCredential();
                UUID keyId = UUID.randomUUID();
                k.setKeyId(keyId);
                k.setType("AsymmetricX509Cert");
                k.setUsage("Verify");
                k.setDisplayName(displayName);
                try {
                    k.setKey(add.get().getEncoded());
                } catch (java.security.cert.CertificateEncodingException e) {
                    throw new IllegalArgumentException("certificate cannot be encoded", e);
                }
                keys.add(k);
                added = Optional.of(keyId);
            }
            Application patch = new Application();
            patch.setKeyCredentials(keys);
            graph.applications().byApplicationId(objectId.toString()).patch(patch);
            return added;
        });
    }

    /**
     * @param appId the application
     * @return its service principal's object ID, if it has one (and it is visible yet)
     */
    @Override
    public Optional<UUID> findServicePrincipal(ClientId appId) {
        return calls.unlessNotFound(GraphOperation.READ_SERVICE_PRINCIPAL, () -> UUID.fromString(
                graph.servicePrincipalsWithAppId(appId.value()).get().getId()));
    }

    /**
     * Creates the service principal of an application (its identity in this tenant).
     *
     * @param appId the application
     * @return the service principal's object ID
     */
    @Override
    public UUID createServicePrincipal(ClientId appId) {
        return calls.run(GraphOperation.CREATE_SERVICE_PRINCIPAL, () -> {
            ServicePrincipal sp = new ServicePrincipal();
            sp.setAppId(appId.value());
            return UUID.fromString(graph.servicePrincipals().post(sp).getId());
        });
    }

    /** @return the Microsoft Graph service principal's object ID in this tenant */
    @Override
    public UUID graphServicePrincipal() {
        return calls.run(GraphOperation.READ_SERVICE_PRINCIPAL, () -> UUID.fromString(graph
                .servicePrincipalsWithAppId(dev.tenantconnect.core.access.GraphPermission.GRAPH_APP_ID.toString())
                .get().getId()));
    }

    /**
     * @param servicePrincipal a service principal
     * @return its Graph permission grants, by permission, with the grant IDs
     */
    @Override
    public Map<GraphPermission, String> grants(UUID servicePrincipal) {
        return calls.run(GraphOperation.READ_APP_ROLE_ASSIGNMENTS, () -> {
            Map<GraphPermission, String> out = new LinkedHashMap<>();
            var builder = graph.servicePrincipals().byServicePrincipalId(servicePrincipal.toString())
                    .appRoleAssignments();
            java.util.function.Function<com.microsoft.graph.models.AppRoleAssignmentCollectionResponse,
                    Pages.Page<AppRoleAssignment>> page = r -> Pages.Page.of(Responses.required(Responses
                            .required(r, "body").getValue(), "$.value"), r.getOdataNextLink());
            for (AppRoleAssignment a : Pages.followNextLinks(base(), page.apply(builder.get()),
                    link -> page.apply(builder.withUrl(link).get()))) {
                if (a.getAppRoleId() != null) {
                    GraphPermission.byAppRoleId(a.getAppRoleId()).ifPresent(p -> out.put(p, a.getId()));
                }
            }
            return out;
        });
    }

    /**
     * Grants a Graph application permission (admin consent through an app role assignment).
     *
     * @param servicePrincipal the client's service principal
     * @param graphServicePrincipal Microsoft Graph's service principal
     * @param permission the permission
     */
    @Override
    public void grant(UUID servicePrincipal, UUID graphServicePrincipal, GraphPermission permission) {
        calls.run(GraphOperation.GRANT_PERMISSION, () -> {
            AppRoleAssignment a = new AppRoleAssignment();
            a.setPrincipalId(servicePrincipal);
            a.setResourceId(graphServicePrincipal);
            a.setAppRoleId(permission.appRoleId());
            return graph.servicePrincipals().byServicePrincipalId(servicePrincipal.toString()).appRoleAssignments()
                    .post(a);
        });
    }

    /**
     * @param servicePrincipal the client's service principal
     * @param grantId the app role assignment to remove
     */
    @Override
    public void revoke(UUID servicePrincipal, String grantId) {
        calls.run(GraphOperation.REVOKE_PERMISSION, () -> {
            graph.servicePrincipals().byServicePrincipalId(servicePrincipal.toString()).appRoleAssignments()
                    .byAppRoleAssignmentId(grantId).delete();
            return null;
        });
    }

    /**
     * @param servicePrincipal a principal
     * @return its directory role assignments (role to assignment ID)
     */
    @Override
    public Map<DirectoryRole, String> roleAssignments(UUID servicePrincipal) {
        return calls.run(GraphOperation.READ_ROLE_ASSIGNMENTS, () -> {
            Map<DirectoryRole, String> out = new LinkedHashMap<>();
            var builder = graph.roleManagement().directory().roleAssignments();
            java.util.function.Function<com.microsoft.graph.models.UnifiedRoleAssignmentCollectionResponse,
                    Pages.Page<UnifiedRoleAssignment>> page = r -> Pages.Page.of(Responses.required(Responses
                            .required(r, "body").getValue(), "$.value"), r.getOdataNextLink());
            for (UnifiedRoleAssignment a : Pages.followNextLinks(base(), page.apply(builder.get(rc ->
                    rc.queryParameters.filter = "principalId eq '" + servicePrincipal + "'")),
                    link -> page.apply(builder.withUrl(link).get()))) {
                out.put(DirectoryRole.ofTemplateId(a.getRoleDefinitionId()), a.getId());
            }
            return out;
        });
    }

    /**
     * @param servicePrincipal the principal
     * @param role the directory role to assign at directory scope
     */
    @Override
    public void assignRole(UUID servicePrincipal, DirectoryRole role) {
        calls.run(GraphOperation.ASSIGN_ROLE, () -> {
            UnifiedRoleAssignment a = new UnifiedRoleAssignment();
            a.setPrincipalId(servicePrincipal.toString());
            a.setRoleDefinitionId(role.templateId().toString());
            a.setDirectoryScopeId("/");
            return graph.roleManagement().directory().roleAssignments().post(a);
        });
    }

    /** @param assignmentId a role assignment to remove */
    @Override
    public void removeRoleAssignment(String assignmentId) {
        calls.run(GraphOperation.REMOVE_ROLE_ASSIGNMENT, () -> {
            graph.roleManagement().directory().roleAssignments().byUnifiedRoleAssignmentId(assignmentId).delete();
            return null;
        });
    }

    /**
     * @param appId the application (client) ID
     * @return the application's object ID
     */
    @Override
    public UUID objectId(ClientId appId) {
        return calls.run(GraphOperation.READ_APPLICATION, () -> {
            Application app = graph.applicationsWithAppId(appId.value()).get();
            return UUID.fromString(app.getId());
        });
    }

    /**
     * Adds a client secret (the wizard makes one secret per service).
     *
     * @param appId the application
     * @param displayName the secret's description, e.g. the service name
     * @param expiresAt its end date
     * @return the new secret, the only time its text is available
     */
    @Override
    public NewSecret addPassword(ClientId appId, String displayName, Instant expiresAt) {
        UUID objectId = objectId(appId);
        return calls.run(GraphOperation.ADD_PASSWORD, () -> {
            PasswordCredential pc = new PasswordCredential();
            pc.setDisplayName(displayName);
            pc.setEndDateTime(OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
            AddPasswordPostRequestBody body = new AddPasswordPostRequestBody();
            body.setPasswordCredential(pc);
            PasswordCredential created = graph.applications().byApplicationId(objectId.toString()).addPassword()
                    .post(body);
            return new NewSecret(created.getKeyId(), Secret.of(created.getSecretText()),
                    created.getEndDateTime() == null ? expiresAt : created.getEndDateTime().toInstant());
        });
    }

    /**
     * Adds a certificate to an application, proving possession of one it already trusts ({@code addKey}).
     *
     * @param appId the application
     * @param certificate the new certificate
     * @param signer a certificate credential the application already trusts
     * @return the new key credential's ID
     */
    @Override
    public UUID addCertificate(ClientId appId, java.security.cert.X509Certificate certificate,
            dev.tenantconnect.core.credential.ClientCertificateCredential signer) {
        UUID objectId = objectId(appId);
        return calls.run(GraphOperation.ADD_CERTIFICATE, () -> {
            com.microsoft.graph.models.KeyCredential key = new com.microsoft.graph.models.KeyCredential();
            key.setType("AsymmetricX509Cert");
            key.setUsage("Verify");
            try {
                key.setKey(certificate.getEncoded());
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalArgumentException("certificate cannot be encoded", e);
            }
            com.microsoft.graph.applications.item.addkey.AddKeyPostRequestBody body =
                    new com.microsoft.graph.applications.item.addkey.AddKeyPostRequestBody();
            body.setKeyCredential(key);
            body.setProof(proof(objectId, signer));
            return graph.applications().byApplicationId(objectId.toString()).addKey().post(body).getKeyId();
        });
    }

    /**
     * Removes a certificate from an application ({@code removeKey}), proving possession of a certificate it trusts.
     *
     * @param appId the application
     * @param keyId the key credential to remove
     * @param signer a certificate credential the application trusts (normally the new current one)
     */
    @Override
    public void removeCertificate(ClientId appId, UUID keyId,
            dev.tenantconnect.core.credential.ClientCertificateCredential signer) {
        UUID objectId = objectId(appId);
        calls.run(GraphOperation.REMOVE_CERTIFICATE, () -> {
            com.microsoft.graph.applications.item.removekey.RemoveKeyPostRequestBody body =
                    new com.microsoft.graph.applications.item.removekey.RemoveKeyPostRequestBody();
            body.setKeyId(keyId);
            body.setProof(proof(objectId, signer));
            graph.applications().byApplicationId(objectId.toString()).removeKey().post(body);
            return null;
        });
    }

    /**
     * @param appId the application
     * @return the key IDs of its certificates by SHA-1 thumbprint (upper-case hex, as the portal shows it), for the
     *     certificates whose custom key identifier Graph reports
     */
    @Override
    public Map<String, UUID> certificateKeyIds(ClientId appId) {
        return calls.run(GraphOperation.READ_APPLICATION, () -> {
            Application app = graph.applicationsWithAppId(appId.value()).get();
            Map<String, UUID> out = new LinkedHashMap<>();
            if (app.getKeyCredentials() != null) {
                for (com.microsoft.graph.models.KeyCredential k : app.getKeyCredentials()) {
                    if (k.getCustomKeyIdentifier() != null && k.getKeyId() != null) {
                        out.put(java.util.HexFormat.of().withUpperCase().formatHex(k.getCustomKeyIdentifier()),
                                k.getKeyId());
                    }
                }
            }
            return out;
        });
    }

    /** The self-signed proof-of-possession JWT Graph asks for (aud 00000002-…, iss the application, 10 minutes). */
    private String proof(UUID objectId, dev.tenantconnect.core.credential.ClientCertificateCredential signer) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
            String x5t = b64.encodeToString(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(signer.leaf().getEncoded()));
            long now = clock.instant().getEpochSecond();
            String header = b64.encodeToString(json.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT",
                    "x5t", x5t)));
            String payload = b64.encodeToString(json.writeValueAsBytes(Map.of("aud",
                    "00000002-0000-0000-c000-000000000000", "iss", objectId.toString(), "nbf", now,
                    "exp", now + 600)));
            java.security.Signature sig = java.security.Signature.getInstance("SHA256withRSA");
            sig.initSign(signer.privateKey());
            sig.update((header + "." + payload).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64.encodeToString(sig.sign());
        } catch (Exception e) {
            throw new dev.tenantconnect.core.error.ConfigurationException("could not sign the proof of possession: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * @param appId the application
     * @param keyId the password credential to remove
     */
    @Override
    public void removePassword(ClientId appId, UUID keyId) {
        UUID objectId = objectId(appId);
        calls.run(GraphOperation.REMOVE_PASSWORD, () -> {
            RemovePasswordPostRequestBody body = new RemovePasswordPostRequestBody();
            body.setKeyId(keyId);
            graph.applications().byApplicationId(objectId.toString()).removePassword().post(body);
            return null;
        });
    }
}
