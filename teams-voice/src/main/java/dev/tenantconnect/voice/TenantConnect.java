package dev.tenantconnect.voice;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.Evaluation;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.access.PermissionProfile;
import dev.tenantconnect.core.access.Requirement;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.error.TenantConnectException;
import dev.tenantconnect.core.error.TenantMismatchException;
import dev.tenantconnect.core.licensing.ServicePlan;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.graph.AccessToken;
import dev.tenantconnect.graph.GraphConnector;
import dev.tenantconnect.core.tenant.ServicePrincipalInfo;
import dev.tenantconnect.core.tenant.SkuInfo;
import dev.tenantconnect.graph.TenantDirectory;
import dev.tenantconnect.core.tenant.TenantInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point operators embed: connect customer tenants, verify their setup, report credential expiry.
 * Wiring is explicit — a {@link CredentialStore} and a {@link GraphConnector} are chosen by the caller. Thread-safe.
 *
 * <pre>{@code
 * TenantConnect tc = TenantConnect.builder().store(store).graph(GraphConnector.builder().build()).build();
 * Connection c = tc.connect(new CredentialKey(tenant, ServiceId.of("oc-main")), credential);
 * VerificationReport report = tc.verify(c.record().key(), VerifyOptions.operatorConnect());
 * System.out.println(report.toText());
 * }</pre>
 */
public final class TenantConnect {
    private static final Logger LOG = LoggerFactory.getLogger(TenantConnect.class);
    private static final Set<GraphPermission> MAILBOX = Set.of(GraphPermission.CALENDARS_READ,
            GraphPermission.MAIL_SEND, GraphPermission.CONTACTS_READ);

    private final CredentialStore store;
    private final GraphConnector graph;
    private final Clock clock;
    private final dev.tenantconnect.core.resilience.ResiliencePolicies policies;
    private final dev.tenantconnect.core.onboarding.InvitationStore invitations;

    private TenantConnect(Builder b) {
        this.store = b.store;
        this.graph = b.graph;
        this.clock = b.clock;
        this.policies = b.policies;
        this.invitations = b.invitations;
    }

    /** @return a builder; the store and the Graph connector are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects a tenant manually with an app registration's client secret or certificate: validates the credential by
     * acquiring a token and reading the organization, checks that both name the tenant asked for, and only then stores
     * it.
     *
     * @param key the tenant and the operator's service
     * @param credential the app registration's client secret or certificate
     * @return the stored connection
     * @throws dev.tenantconnect.core.error.AuthenticationFailedException when Entra refuses the credential
     * @throws TenantMismatchException when the credential belongs to another tenant
     * @throws dev.tenantconnect.core.error.ConcurrentUpdateException when the service is already connected (use
     *     rotation or upgrade instead)
     */
    public Connection connect(CredentialKey key, TenantCredential credential) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(credential, "credential");
        Optional<CredentialRecord> existing = store.find(key);
        if (existing.isPresent()) {
            throw new dev.tenantconnect.core.error.ConcurrentUpdateException("credential " + key
                    + " exists already; rotate or upgrade it instead", 0, existing.get().version());
        }
        AccessToken token = graph.appToken(key.tenant(), credential);
        if (!token.tenant().equals(key.tenant())) {
            throw new TenantMismatchException(key.tenant(), token.tenant());
        }
        TenantInfo org = graph.directory(key.tenant(), credential).organization();
        if (!org.id().equals(key.tenant())) {
            throw new TenantMismatchException(key.tenant(), org.id());
        }
        CredentialRecord record = store.create(key, credential);
        LOG.info("connected tenant {} service {} ({} permissions granted)", key.tenant(), key.service(),
                token.roles().size());
        return new Connection(record, org, token.roles());
    }

    /**
     * Verifies a stored connection: every check at once, none hiding another.
     *
     * @param key which connection
     * @param options the role profile, features and expiry threshold to check against
     * @return the report
     * @throws ConfigurationException when nothing is stored for the key
     */
    public VerificationReport verify(CredentialKey key, VerifyOptions options) {
        CredentialRecord record = stored(key);
        TenantCredential credential = record.credential();
        List<Check> checks = new ArrayList<>();
        Optional<AccessToken> token = Optional.empty();
        try {
            token = Optional.of(graph.appToken(key.tenant(), credential));
            checks.add(new Check(Check.TOKEN, CheckStatus.PASS, "app-only token acquired for client "
                    + token.get().clientId(), ""));
        } catch (TenantConnectException e) {
            checks.add(new Check(Check.TOKEN, CheckStatus.FAIL, "no token: " + e.getMessage(),
                    "check the tenant ID, the client ID and the secret or certificate in the app registration "
                            + "(Entra admin center > App registrations > Certificates & secrets)"));
        }
        if (token.isPresent() && !token.get().tenant().equals(key.tenant())) {
            checks.add(new Check(Check.TENANT, CheckStatus.FAIL, "token issued by tenant " + token.get().tenant(),
                    "the credential belongs to another tenant: correct the tenant ID"));
        } else {
            checks.add(token.isPresent() ? new Check(Check.TENANT, CheckStatus.PASS, "token tenant matches", "")
                    : skipped(Check.TENANT));
        }
        TenantDirectory dir = token.isPresent() ? graph.directory(key.tenant(), credential) : null;
        Optional<ServicePrincipalInfo> sp = Optional.empty();
        if (dir != null) {
            try {
                sp = dir.servicePrincipal(clientId(credential));
                checks.add(sp.isPresent() ? new Check(Check.SERVICE_PRINCIPAL, CheckStatus.PASS, "service principal "
                        + sp.get().id() + " (" + sp.get().displayName() + ")", "")
                        : new Check(Check.SERVICE_PRINCIPAL, CheckStatus.FAIL, "no service principal for the app",
                                "an admin must consent to the application in this tenant"));
            } catch (TenantConnectException e) {
                checks.add(failed(Check.SERVICE_PRINCIPAL, e, "grant Application.Read.All so the SDK can read it"));
            }
        } else {
            checks.add(skipped(Check.SERVICE_PRINCIPAL));
        }
        checks.add(rolesCheck(dir, sp, token, options));
        checks.add(permissionsCheck(token, granted(dir, sp, token), options));
        checks.add(expiryCheck(credential, options.expiryWarning()));
        checks.add(licenceCheck(dir));
        return new VerificationReport(key, clock.instant(), checks);
    }

    /** The role template every service principal holds; app-only tokens list it in {@code wids}. */
    private static final java.util.UUID DEFAULT_SERVICE_PRINCIPAL_ROLE =
            java.util.UUID.fromString("0997a1d0-0d1d-4acb-b408-d5ca73121e90");

    /**
     * Directory roles from the token's own {@code wids} claim when it has one (no directory read, so no
     * RoleManagement.Read.Directory needed); when the claim does not satisfy the profile — the token may predate an
     * assignment — the directory is asked, if the app may read it.
     */
    private Check rolesCheck(TenantDirectory dir, Optional<ServicePrincipalInfo> sp, Optional<AccessToken> token,
            VerifyOptions options) {
        Optional<Set<DirectoryRole>> claimed = token.filter(t -> !t.directoryRoles().isEmpty())
                .map(t -> t.directoryRoles().stream().filter(id -> !id.equals(DEFAULT_SERVICE_PRINCIPAL_ROLE))
                        .map(DirectoryRole::new).collect(Collectors.toCollection(java.util.LinkedHashSet::new)));
        if (claimed.isPresent()) {
            Evaluation<DirectoryRole> fromToken = options.roles().evaluate(claimed.get());
            if (fromToken.satisfied() || dir == null || sp.isEmpty()) {
                return rolesCheck(claimed.get(), fromToken, options);
            }
            try {
                Set<DirectoryRole> held = dir.directoryRoles(sp.get().id());
                return rolesCheck(held, options.roles().evaluate(held), options);
            } catch (TenantConnectException ex) {
                return rolesCheck(claimed.get(), fromToken, options);
            }
        }
        if (dir == null || sp.isEmpty()) {
            return skipped(Check.DIRECTORY_ROLES);
        }
        try {
            Set<DirectoryRole> held = dir.directoryRoles(sp.get().id());
            return rolesCheck(held, options.roles().evaluate(held), options);
        } catch (TenantConnectException ex) {
            return failed(Check.DIRECTORY_ROLES, ex, "grant RoleManagement.Read.Directory so the SDK can read roles");
        }
    }

    private static Check rolesCheck(Set<DirectoryRole> held, Evaluation<DirectoryRole> e, VerifyOptions options) {
        if (!e.satisfied()) {
            return new Check(Check.DIRECTORY_ROLES, CheckStatus.FAIL, "profile " + options.roles().name()
                    + " not satisfied; holds " + names(held), "assign one of: " + e.missingDescription()
                    + " (Entra admin center > Roles and administrators)");
        }
        if (!e.excess().isEmpty()) {
            return new Check(Check.DIRECTORY_ROLES, CheckStatus.WARN, "satisfied by " + names(e.satisfiedBy())
                    + "; also holds " + names(e.excess()), "remove roles this stage does not need: "
                            + names(e.excess()));
        }
        return new Check(Check.DIRECTORY_ROLES, CheckStatus.PASS, "satisfied by " + names(e.satisfiedBy()), "");
    }

    /** The grants as the directory records them (a fresh grant is not yet in a cached token), else the token's. */
    private static Set<GraphPermission> granted(TenantDirectory dir, Optional<ServicePrincipalInfo> sp,
            Optional<AccessToken> token) {
        if (dir != null && sp.isPresent()) {
            try {
                return dir.grantedGraphPermissions(sp.get().id());
            } catch (TenantConnectException e) {
                LOG.debug("could not read app role assignments, using the token's roles: {}", e.getMessage());
            }
        }
        return token.map(AccessToken::roles).orElse(Set.of());
    }

    private Check permissionsCheck(Optional<AccessToken> token, Set<GraphPermission> granted,
            VerifyOptions options) {
        if (token.isEmpty()) {
            return skipped(Check.GRAPH_PERMISSIONS);
        }
        @SuppressWarnings("unchecked")
        Requirement<GraphPermission>[] parts = options.features().stream().map(PermissionProfile::requirement)
                .toArray(Requirement[]::new);
        Evaluation<GraphPermission> e = Requirement.allOf(parts).evaluate(granted);
        String features = options.features().stream().map(PermissionProfile::name).collect(Collectors.joining(", "));
        if (!e.satisfied()) {
            return new Check(Check.GRAPH_PERMISSIONS, CheckStatus.FAIL, "missing for " + features + "; granted "
                    + sorted(granted), "grant admin consent for: " + e.missingDescription());
        }
        Set<GraphPermission> excess = excess(e);
        Set<GraphPermission> mailbox = excess.stream().filter(MAILBOX::contains).collect(Collectors.toSet());
        if (!excess.isEmpty()) {
            return new Check(Check.GRAPH_PERMISSIONS, CheckStatus.WARN, "granted but not needed: " + sorted(excess)
                    + (mailbox.isEmpty() ? "" : " (mailbox-wide, never used for telephony)"),
                    "remove the unneeded permissions from the app registration and revoke their consent");
        }
        return new Check(Check.GRAPH_PERMISSIONS, CheckStatus.PASS, "all needed for " + features + " granted", "");
    }

    /**
     * What a grant evaluation holds beyond need. {@code Application.ReadWrite.OwnedBy} is always needed: with it
     * (and ownership of its application) the connection rotates its own credentials.
     */
    private static Set<GraphPermission> excess(Evaluation<GraphPermission> e) {
        Set<GraphPermission> out = new java.util.LinkedHashSet<>(e.excess());
        out.remove(GraphPermission.APPLICATION_READWRITE_OWNEDBY);
        return out;
    }

    private Check expiryCheck(TenantCredential credential, Duration warning) {
        Optional<Instant> expires = credential.expiresAt();
        if (expires.isEmpty()) {
            return new Check(Check.CREDENTIAL_EXPIRY, CheckStatus.WARN, "expiry of the " + credential.method()
                    + " credential is unknown", "record the secret's expiry date when storing it");
        }
        long days = Duration.between(clock.instant(), expires.get()).toDays();
        if (!expires.get().isAfter(clock.instant())) {
            return new Check(Check.CREDENTIAL_EXPIRY, CheckStatus.FAIL, "expired on " + expires.get(),
                    "add a new secret or certificate and rotate");
        }
        if (Duration.between(clock.instant(), expires.get()).compareTo(warning) < 0) {
            return new Check(Check.CREDENTIAL_EXPIRY, CheckStatus.WARN, days + " days until expiry (" + expires.get()
                    + ")", "rotate the secret or certificate before it expires");
        }
        return new Check(Check.CREDENTIAL_EXPIRY, CheckStatus.PASS, days + " days until expiry", "");
    }

    private Check licenceCheck(TenantDirectory dir) {
        if (dir == null) {
            return skipped(Check.TEAMS_PHONE_LICENCES);
        }
        try {
            List<SkuInfo> skus = dir.subscribedSkus().stream()
                    .filter(s -> s.servicePlans().contains(ServicePlan.TEAMS_PHONE)).toList();
            if (skus.isEmpty()) {
                return new Check(Check.TEAMS_PHONE_LICENCES, CheckStatus.FAIL, "no subscription includes Teams Phone "
                        + "(MCOEV)", "buy Teams Phone licences (or an E5) for the users to enable");
            }
            int enabled = skus.stream().mapToInt(SkuInfo::enabledUnits).sum();
            int consumed = skus.stream().mapToInt(SkuInfo::consumedUnits).sum();
            String evidence = (enabled - consumed) + " of " + enabled + " Teams Phone licences free in "
                    + skus.stream().map(SkuInfo::partNumber).collect(Collectors.joining(", "));
            return enabled > consumed ? new Check(Check.TEAMS_PHONE_LICENCES, CheckStatus.PASS, evidence, "")
                    : new Check(Check.TEAMS_PHONE_LICENCES, CheckStatus.WARN, evidence,
                            "buy more Teams Phone licences before enabling more users");
        } catch (TenantConnectException e) {
            return failed(Check.TEAMS_PHONE_LICENCES, e, "grant Organization.Read.All so the SDK can read licences");
        }
    }

    /**
     * Upgrades a connection (password, then delegated token, then app registration): a tenant connected by password or
     * delegated token moves one step up. The new credential is validated first (token, organization, tenant); only then
     * is it swapped in with compare-and-set, keeping the old one as previous. On any failure the stored connection is
     * untouched.
     *
     * @param key the connection
     * @param credential the new credential: a delegated token (from a password) or an app registration credential
     *     (from a delegated token)
     * @return the upgraded connection
     */
    public Connection upgrade(CredentialKey key, TenantCredential credential) {
        CredentialRecord current = stored(key);
        current.credential().method().requireMoveTo(credential.method());
        if (current.credential().method() == credential.method()) {
            throw new ConfigurationException(key + " already uses " + credential.method()
                    + "; rotate the secret or certificate instead");
        }
        AccessToken token;
        TenantInfo org;
        TenantCredential toStore = credential;
        if (credential instanceof dev.tenantconnect.core.credential.DelegatedTokenCredential delegated) {
            // validation redeems the refresh token; what is stored is the refresh token Entra returned with it
            var redeemed = graph.redeemDelegated(key.tenant(), delegated,
                    Set.of(GraphPermission.ORGANIZATION_READ_ALL.name()));
            token = redeemed.token();
            toStore = redeemed.credential();
            org = new TenantInfo(token.tenant(), "", List.of());
        } else {
            token = graph.appToken(key.tenant(), credential);
            org = graph.directory(key.tenant(), credential).organization();
        }
        if (!token.tenant().equals(key.tenant())) {
            throw new TenantMismatchException(key.tenant(), token.tenant());
        }
        if (!org.id().equals(key.tenant())) {
            throw new TenantMismatchException(key.tenant(), org.id());
        }
        CredentialRecord updated = store.replace(key, current.version(), toStore);
        LOG.info("upgraded {} from {} to {}", key, current.credential().method(), credential.method());
        return new Connection(updated, org, token.roles());
    }

    /**
     * Rotates a client secret without downtime (one secret per service): adds a new secret to the app registration,
     * waits until it works (the consistency policy), stores it as current with the old one kept as previous. If
     * anything fails after the secret was added, it is removed again and the stored connection is untouched.
     *
     * <p>Rotation never forgets a live credential: while the credential replaced by the last rotation is still
     * recorded (not retired), a second rotation is refused — retire it first. The app adds its own secret, which
     * Entra allows with {@code Application.ReadWrite.OwnedBy} when its service principal owns the application (what
     * the wizard sets up) or with {@code Application.ReadWrite.All}.
     *
     * @param key the connection (its current credential must be a client secret)
     * @param validity how long the new secret is valid
     * @return the rotation
     * @throws dev.tenantconnect.core.error.UnretiredCredentialException while a previous credential is unretired
     * @throws dev.tenantconnect.core.error.MissingPrivilegesException when Entra refuses the app its own secrets,
     *     naming the permission (or the ownership) it lacks
     */
    public RotationResult rotateSecret(CredentialKey key, Duration validity) {
        CredentialRecord current = stored(key);
        if (!(current.credential() instanceof dev.tenantconnect.core.credential.ClientSecretCredential old)) {
            throw new ConfigurationException("rotateSecret needs a client-secret connection; " + key + " uses "
                    + current.credential().method());
        }
        requireRetired(key, current);
        var apps = graph.appRegistrations(key.tenant(), old);
        dev.tenantconnect.core.tenant.NewSecret fresh;
        try {
            fresh = apps.addPassword(old.clientId(), "tenantconnect:" + key.service().value(),
                    clock.instant().plus(validity));
        } catch (ServiceException e) {
            throw e.status() == 403 ? cannotManageOwnCredentials(key, old, e) : e;
        }
        var next = new dev.tenantconnect.core.credential.ClientSecretCredential(old.clientId(), fresh.secret(),
                Optional.of(fresh.expiresAt()), Optional.of(fresh.keyId()));
        try {
            policies.consistencyFor(key.tenant()).awaitVisible(
                    dev.tenantconnect.core.resilience.CallContext.idempotent("new secret usable", key.tenant()),
                    () -> {
                        try {
                            return Optional.of(graph.appToken(key.tenant(), next));
                        } catch (dev.tenantconnect.core.error.AuthenticationFailedException e) {
                            return Optional.empty();
                        }
                    });
            CredentialRecord updated = store.replace(key, current.version(), next);
            LOG.info("rotated the secret of {}; previous kept until retired", key);
            return new RotationResult(updated, fresh.keyId(), fresh.expiresAt());
        } catch (RuntimeException e) {
            try {
                apps.removePassword(old.clientId(), fresh.keyId());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static void requireRetired(CredentialKey key, CredentialRecord current) {
        if (current.previous().isPresent()) {
            throw new dev.tenantconnect.core.error.UnretiredCredentialException(key.toString(),
                    current.previous().get().replacedAt());
        }
    }

    /** A 403 on the app's own credentials: which permission (or the ownership) Entra wants, from the token. */
    private RuntimeException cannotManageOwnCredentials(CredentialKey key, TenantCredential own, ServiceException e) {
        Set<GraphPermission> held;
        try {
            held = graph.appToken(key.tenant(), own).roles();
        } catch (TenantConnectException ignored) {
            held = Set.of();
        }
        Requirement<GraphPermission> manage = Requirement.anyOfItems(GraphPermission.APPLICATION_READWRITE_OWNEDBY,
                GraphPermission.APPLICATION_READWRITE_ALL);
        Evaluation<GraphPermission> evaluation = manage.evaluate(held);
        if (evaluation.satisfied()) {
            return new dev.tenantconnect.core.error.MissingPrivilegesException("the app of " + key + " holds "
                    + "Application.ReadWrite.OwnedBy but its service principal is not an owner of the application, "
                    + "so Entra refuses it its own credentials (add the service principal as owner, as the wizard "
                    + "does)", e.context(), Requirement.of(GraphPermission.APPLICATION_READWRITE_ALL).evaluate(held));
        }
        return new dev.tenantconnect.core.error.MissingPrivilegesException("the app of " + key + " may not manage "
                + "its own credentials: grant Application.ReadWrite.OwnedBy and make its service principal an owner",
                e.context(), evaluation);
    }

    /**
     * Rotates a certificate credential without downtime (connections made with a certificate): generates a new key pair
     * and self-signed certificate, adds it to the app registration with proof of possession of the current one,
     * waits until it authenticates, and stores it as current with the old one kept as previous.
     *
     * @param key the connection (its current credential must be a certificate)
     * @param validity how long the new certificate is valid
     * @return the updated record
     */
    public CredentialRecord rotateCertificate(CredentialKey key, Duration validity) {
        CredentialRecord current = stored(key);
        if (!(current.credential() instanceof dev.tenantconnect.core.credential.ClientCertificateCredential old)) {
            throw new ConfigurationException("rotateCertificate needs a certificate connection; " + key + " uses "
                    + current.credential().method());
        }
        requireRetired(key, current);
        var fresh = graph.generateCertificate(old.clientId(), key.service().value(), validity);
        var apps = graph.appRegistrations(key.tenant(), old);
        java.util.UUID keyId = apps.addCertificate(old.clientId(), fresh.credential().leaf(), old);
        try {
            policies.consistencyFor(key.tenant()).awaitVisible(
                    dev.tenantconnect.core.resilience.CallContext.idempotent("new certificate usable", key.tenant()),
                    () -> {
                        try {
                            return Optional.of(graph.appToken(key.tenant(), fresh.credential()));
                        } catch (dev.tenantconnect.core.error.AuthenticationFailedException e) {
                            return Optional.empty();
                        }
                    });
            CredentialRecord updated = store.replace(key, current.version(), fresh.credential());
            LOG.info("rotated the certificate of {} (new thumbprint {})", key, fresh.thumbprint());
            return updated;
        } catch (RuntimeException e) {
            try {
                apps.removeCertificate(old.clientId(), keyId, old);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Retires the previous credential once the grace period after rotation has passed: removes the old secret from
     * the app registration (using the current credential) and forgets it in the store.
     *
     * @param key the connection
     * @param grace how long after rotation the previous credential stays valid
     * @return what happened
     */
    public RetirementResult retirePrevious(CredentialKey key, Duration grace) {
        CredentialRecord current = stored(key);
        if (current.previous().isEmpty()) {
            return new RetirementResult(RetirementResult.Outcome.NOTHING_TO_RETIRE, current, Optional.empty(),
                    Optional.empty());
        }
        Instant due = current.previous().get().replacedAt().plus(grace);
        if (clock.instant().isBefore(due)) {
            return new RetirementResult(RetirementResult.Outcome.NOT_DUE, current, Optional.empty(), Optional.of(due));
        }
        Optional<java.util.UUID> removed = Optional.empty();
        if (current.previous().get().credential() instanceof dev.tenantconnect.core.credential.ClientSecretCredential
                prev && prev.keyId().isPresent()
                && current.credential().method() == dev.tenantconnect.core.credential.ConnectionMethod.APP_REGISTRATION) {
            graph.appRegistrations(key.tenant(), current.credential()).removePassword(prev.clientId(),
                    prev.keyId().get());
            removed = prev.keyId();
        } else if (current.previous().get().credential()
                instanceof dev.tenantconnect.core.credential.ClientCertificateCredential prevCert
                && current.credential() instanceof dev.tenantconnect.core.credential.ClientCertificateCredential now) {
            var apps = graph.appRegistrations(key.tenant(), now);
            java.util.UUID oldKey = apps.certificateKeyIds(now.clientId()).get(prevCert.thumbprint());
            if (oldKey != null) {
                apps.removeCertificate(now.clientId(), oldKey, now);
                removed = Optional.of(oldKey);
            }
        }
        CredentialRecord retired = store.retirePrevious(key, current.version());
        return new RetirementResult(RetirementResult.Outcome.RETIRED, retired, removed, Optional.empty());
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
     * @param adminToken the admin's delegated token ({@link GraphConnector#signInWithDeviceCode})
     * @return the ready registration; store it with {@link #connect}
     * @throws dev.tenantconnect.core.error.ForeignApplicationException when an application with the registration's
     *     alternate key exists and is not the SDK's (nothing is granted to it)
     */
    public AppRegistrationResult createAppRegistration(AppRegistrationRequest request,
            dev.tenantconnect.graph.AccessToken adminToken) {
        return new AppRegistrationWizard(graph, policies, clock).run(request, adminToken, Optional.empty(), app -> {
        });
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
    public dev.tenantconnect.core.onboarding.Invitation invite(TenantId tenant, dev.tenantconnect.core.model.ServiceId
            service, dev.tenantconnect.core.model.AppRegistrationName name) {
        Instant now = clock.instant();
        return invitations().create(dev.tenantconnect.core.onboarding.Invitation.pending(java.util.UUID.randomUUID(),
                tenant, service, name, now));
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
    public Connection completeInvitation(java.util.UUID invitationId, AccessToken adminToken,
            List<PermissionProfile> features, dev.tenantconnect.core.access.RoleProfile roles, Duration secretValidity) {
        return completeInvitation(invitationId, adminToken, features, roles, secretValidity,
                AppRegistrationRequest.CredentialKind.SECRET);
    }

    /**
     * As {@link #completeInvitation(java.util.UUID, AccessToken, List, dev.tenantconnect.core.access.RoleProfile,
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
    public Connection completeInvitation(java.util.UUID invitationId, AccessToken adminToken,
            List<PermissionProfile> features, dev.tenantconnect.core.access.RoleProfile roles, Duration validity,
            AppRegistrationRequest.CredentialKind credentialKind) {
        Duration secretValidity = validity;
        var invitation = invitations().find(invitationId).orElseThrow(() -> new ConfigurationException(
                "no invitation " + invitationId));
        if (invitation.status() == dev.tenantconnect.core.onboarding.InvitationStatus.COMPLETED) {
            throw new ConfigurationException("invitation " + invitationId + " was completed already");
        }
        // the application's IDs are recorded in the invitation before any further step: a re-run resumes by ID
        var current = new java.util.concurrent.atomic.AtomicReference<>(invitation);
        try {
            AppRegistrationResult result = new AppRegistrationWizard(graph, policies, clock).run(
                    new AppRegistrationRequest(invitation.tenant(), invitation.service(), invitation.name(), features,
                            roles, secretValidity, credentialKind), adminToken,
                    invitation.applicationObjectId(), app -> {
                        if (!current.get().applicationObjectId().equals(Optional.of(app.objectId()))) {
                            current.set(invitations().update(current.get().withApplication(app.appId(),
                                    app.objectId(), clock.instant())));
                        }
                    });
            CredentialKey key = new CredentialKey(invitation.tenant(), invitation.service());
            Optional<CredentialRecord> existing = store.find(key);
            Connection connection;
            if (existing.isPresent()) {
                CredentialRecord r = store.replace(key, existing.get().version(), result.credential());
                connection = new Connection(r, graph.directory(key.tenant(), result.credential()).organization(),
                        result.permissions());
            } else {
                connection = connect(key, result.credential());
            }
            invitations().update(current.get().completed(result.clientId(), clock.instant()));
            return connection;
        } catch (RuntimeException e) {
            invitations().update(current.get().failed(e.getClass().getSimpleName() + ": " + e.getMessage(),
                    clock.instant()));
            throw e;
        }
    }

    private dev.tenantconnect.core.onboarding.InvitationStore invitations() {
        if (invitations == null) {
            throw new ConfigurationException("invitations need an InvitationStore: set one on the builder");
        }
        return invitations;
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
            dev.tenantconnect.graph.AccessToken adminToken, dev.tenantconnect.core.access.RoleProfile keepRoles,
            List<PermissionProfile> keepFeatures) {
        var apps = graph.appRegistrations(tenant, adminToken);
        java.util.UUID sp = apps.findServicePrincipal(appId).orElseThrow(() -> new ConfigurationException(
                "application " + appId + " has no service principal in tenant " + tenant));
        Map<DirectoryRole, String> roles = apps.roleAssignments(sp);
        Set<DirectoryRole> removedRoles = new java.util.LinkedHashSet<>();
        for (DirectoryRole r : keepRoles.evaluate(roles.keySet()).excess()) {
            apps.removeRoleAssignment(roles.get(r));
            removedRoles.add(r);
        }
        Map<GraphPermission, String> grants = apps.grants(sp);
        @SuppressWarnings("unchecked")
        Requirement<GraphPermission>[] parts = keepFeatures.stream().map(PermissionProfile::requirement)
                .toArray(Requirement[]::new);
        Set<GraphPermission> removedPermissions = new java.util.LinkedHashSet<>();
        for (GraphPermission p : excess(Requirement.allOf(parts).evaluate(grants.keySet()))) {
            apps.revoke(sp, grants.get(p));
            removedPermissions.add(p);
        }
        return new AccessCleanup(removedRoles, removedPermissions);
    }

    /**
     * Direct Routing onboarding, step 1 (automatic DNS): adds the customer subdomain to the tenant and
     * returns the DNS records to publish. Re-runnable: an existing domain is not added twice.
     *
     * @param key the connection (its app needs Domain.ReadWrite.All or the Domain Name Administrator role)
     * @param domain the subdomain, e.g. {@code customer1.sbc.operator.com}
     * @return the domain's state and the records to publish
     */
    public DomainVerification addOnboardingDomain(CredentialKey key, String domain) {
        String name = dev.tenantconnect.core.model.TenantDomain.parse(domain).value();
        var writes = graph.directoryWrites(key.tenant(), stored(key).credential());
        Optional<Boolean> verified = writes.domainVerified(name);
        if (verified.isEmpty()) {
            writes.addDomain(name);
        } else if (verified.get()) {
            return new DomainVerification(name, true, List.of());
        }
        return new DomainVerification(name, false, writes.verificationRecords(name));
    }

    /**
     * Direct Routing onboarding, step 2: asks Microsoft to verify the subdomain once its records are published.
     *
     * @param key the connection
     * @param domain the subdomain
     * @return verified, or still pending with the records to publish
     */
    public DomainVerification verifyOnboardingDomain(CredentialKey key, String domain) {
        String name = dev.tenantconnect.core.model.TenantDomain.parse(domain).value();
        var writes = graph.directoryWrites(key.tenant(), stored(key).credential());
        if (writes.verifyDomain(name)) {
            return new DomainVerification(name, true, List.of());
        }
        return new DomainVerification(name, false, writes.verificationRecords(name));
    }

    /**
     * Direct Routing onboarding, step 3: the activation user on the verified subdomain, with usage location set and
     * then a Teams-capable licence (Microsoft's requirement). Re-runnable: an existing user is reused and licensed.
     *
     * @param key the connection (its app needs User.ReadWrite.All and LicenseAssignment.ReadWrite.All)
     * @param domain the verified subdomain
     * @param usageLocation two-letter country of the user
     * @param skuId the SKU to assign (one that includes Teams)
     * @return the activation user's object ID
     */
    public java.util.UUID createActivationUser(CredentialKey key, String domain, String usageLocation,
            java.util.UUID skuId) {
        String name = dev.tenantconnect.core.model.TenantDomain.parse(domain).value();
        var writes = graph.directoryWrites(key.tenant(), stored(key).credential());
        if (!writes.domainVerified(name).orElse(false)) {
            throw new ConfigurationException("domain " + name + " is not verified in tenant " + key.tenant()
                    + "; publish its DNS records and verify it first");
        }
        dev.tenantconnect.core.model.UserRef.Upn upn = activationUser(name);
        java.util.UUID user = writes.findUser(upn).orElseGet(() -> writes.createUser(upn,
                "Teams activation (" + name + ")", usageLocation));
        writes.assignLicense(user, skuId);
        return user;
    }

    /**
     * Direct Routing onboarding, last step: deletes the activation user once the subdomain is active. Re-runnable.
     *
     * @param key the connection
     * @param domain the subdomain
     * @return whether a user was deleted (false: it was already gone)
     */
    public boolean removeActivationUser(CredentialKey key, String domain) {
        String name = dev.tenantconnect.core.model.TenantDomain.parse(domain).value();
        var writes = graph.directoryWrites(key.tenant(), stored(key).credential());
        Optional<java.util.UUID> user = writes.findUser(activationUser(name));
        user.ifPresent(writes::deleteUser);
        return user.isPresent();
    }

    private static dev.tenantconnect.core.model.UserRef.Upn activationUser(String domain) {
        return dev.tenantconnect.core.model.UserRef.Upn.parse("tcactivation@" + domain);
    }

    private CredentialRecord stored(CredentialKey key) {
        return store.require(key);
    }

    /**
     * Days until expiry of every stored credential, soonest first (one secret per service).
     *
     * @param warnWithin flag credentials expiring within this
     * @return one line per stored credential
     */
    public List<ExpiryEntry> credentialExpiry(Duration warnWithin) {
        Instant now = clock.instant();
        List<ExpiryEntry> out = new ArrayList<>();
        for (CredentialRecord r : store.listAll()) {
            Optional<Instant> at = r.credential().expiresAt();
            CheckStatus status = at.map(t -> !t.isAfter(now) ? CheckStatus.FAIL
                    : Duration.between(now, t).compareTo(warnWithin) < 0 ? CheckStatus.WARN : CheckStatus.PASS)
                    .orElse(CheckStatus.WARN);
            out.add(new ExpiryEntry(r.key(), r.credential().method(), at,
                    at.map(t -> Duration.between(now, t).toDays()), status));
        }
        out.sort(java.util.Comparator.comparing(e -> e.expiresAt().orElse(Instant.MIN)));
        return out;
    }

    private static Check skipped(String name) {
        return new Check(name, CheckStatus.SKIPPED, "not checked: no working token", "fix the token check first");
    }

    private static Check failed(String name, TenantConnectException e, String hint) {
        String evidence = e instanceof ServiceException se && se.status() == 403
                ? "the app may not read this (403 " + se.context().serviceErrorCode().orElse("") + ")"
                : e.getMessage();
        return new Check(name, CheckStatus.FAIL, evidence, hint);
    }

    private static ClientId clientId(TenantCredential c) {
        if (c instanceof dev.tenantconnect.core.credential.ClientSecretCredential s) {
            return s.clientId();
        }
        if (c instanceof dev.tenantconnect.core.credential.ClientCertificateCredential k) {
            return k.clientId();
        }
        throw new ConfigurationException("verification needs an app registration credential, not " + c.method());
    }

    private static String names(Set<DirectoryRole> roles) {
        return roles.isEmpty() ? "no roles" : roles.stream().map(Object::toString).sorted()
                .collect(Collectors.joining(", "));
    }

    private static String sorted(Set<GraphPermission> perms) {
        return perms.stream().map(GraphPermission::name).sorted().collect(Collectors.joining(", ", "[", "]"));
    }

    /** Configures {@link TenantConnect}. */
    public static final class Builder {
        private CredentialStore store;
        private GraphConnector graph;
        private Clock clock = Clock.systemUTC();
        private dev.tenantconnect.core.resilience.ResiliencePolicies policies =
                dev.tenantconnect.core.resilience.ResiliencePolicies.defaults();
        private dev.tenantconnect.core.onboarding.InvitationStore invitations;

        private Builder() {
        }

        /**
         * @param value where credentials live (required)
         * @return this
         */
        public Builder store(CredentialStore value) {
            this.store = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the Entra and Graph connector (required)
         * @return this
         */
        public Builder graph(GraphConnector value) {
            this.graph = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value the clock for expiry checks
         * @return this
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value where pending app-registration invitations live (needed for {@link #invite})
         * @return this
         */
        public Builder invitations(dev.tenantconnect.core.onboarding.InvitationStore value) {
            this.invitations = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value retry and consistency policies (waiting for a new secret to work, for instance)
         * @return this
         */
        public Builder resilience(dev.tenantconnect.core.resilience.ResiliencePolicies value) {
            this.policies = Objects.requireNonNull(value);
            return this;
        }

        /** @return the facade */
        public TenantConnect build() {
            if (store == null) {
                throw new ConfigurationException("TenantConnect needs a credential store: choose one explicitly "
                        + "(InMemoryCredentialStore, EncryptedFileCredentialStore or the JDBC store)");
            }
            if (graph == null) {
                throw new ConfigurationException("TenantConnect needs a GraphConnector");
            }
            graph.cloud().checkCredentialStore(store); // a custom cloud never silently gets stored secrets
            return new TenantConnect(this);
        }
    }
}
