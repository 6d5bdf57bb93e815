package dev.tenantconnect.voice;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.access.RoleProfile;
import dev.tenantconnect.core.credential.ClientCertificateCredential;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.ForeignApplicationException;
import dev.tenantconnect.core.error.MissingPrivilegesException;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.error.TenantMismatchException;
import dev.tenantconnect.core.resilience.CallContext;
import dev.tenantconnect.core.resilience.ConsistencyPolicy;
import dev.tenantconnect.core.resilience.ResiliencePolicies;
import dev.tenantconnect.core.tenant.AccessToken;
import dev.tenantconnect.core.tenant.AppCredentialInfo;
import dev.tenantconnect.core.tenant.AppRegistrations;
import dev.tenantconnect.core.tenant.ApplicationOwner;
import dev.tenantconnect.core.tenant.CreatedApplication;
import dev.tenantconnect.core.tenant.MicrosoftTenants;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app-registration wizard, idempotent by identity:
 * <ol>
 * <li>the application is found by its alternate key {@code uniqueName} (derived from service and name) or by the
 * object ID a durable onboarding record holds — never by display name — and created with an upsert on that key,
 * tagged {@value #TAG};</li>
 * <li>an existing application is used only when it is the SDK's: recorded, or tagged and owned by no one but the
 * signed-in admin and its own service principal; otherwise {@link ForeignApplicationException} names it and its
 * owners before anything is written;</li>
 * <li>its service principal becomes an owner and gets {@code Application.ReadWrite.OwnedBy}, so the connection can
 * rotate its own credentials;</li>
 * <li>one credential per service: a re-run makes a new one, waits until it works, then removes the ones it made
 * before (recognised by their description, {@code tenantconnect:<service>}); credentials others made stay.</li>
 * </ol>
 */
final class AppRegistrationWizard {
    /** The tag on every application the SDK creates. */
    static final String TAG = "TenantConnectSDK";
    private static final Logger LOG = LoggerFactory.getLogger(AppRegistrationWizard.class);

    private final MicrosoftTenants graph;
    private final ResiliencePolicies policies;
    private final Clock clock;

    AppRegistrationWizard(MicrosoftTenants graph, ResiliencePolicies policies, Clock clock) {
        this.graph = graph;
        this.policies = policies;
        this.clock = clock;
    }

    /** The alternate key of the service's registration: stable across re-runs and instances. */
    static String uniqueName(AppRegistrationRequest request) {
        return ("tenantconnect-" + request.service().value() + "-" + request.name().value()).toLowerCase(Locale.ROOT);
    }

    /** The description the SDK gives the credentials it makes for a service. */
    static String credentialName(AppRegistrationRequest request) {
        return "tenantconnect:" + request.service().value();
    }

    AppRegistrationResult run(AppRegistrationRequest request, AccessToken admin, Optional<UUID> recorded,
            Consumer<CreatedApplication> record) {
        var tenant = request.tenant();
        if (!admin.tenant().equals(tenant)) {
            throw new TenantMismatchException(tenant, admin.tenant());
        }
        ConsistencyPolicy consistency = policies.consistencyFor(tenant);
        AppRegistrations apps = graph.appRegistrations(tenant, admin);
        CreatedApplication app = application(request, admin, apps, consistency, recorded);
        record.accept(app);

        UUID sp = servicePrincipal(apps, app, consistency, tenant);
        ensureOwner(apps, app, sp, consistency, tenant);
        // Application.ReadWrite.OwnedBy first: with ownership it lets the app manage its own credentials, and it
        // also reads service principals; a feature it (or an earlier feature) satisfies adds no grant
        Set<GraphPermission> needed = new LinkedHashSet<>();
        needed.add(GraphPermission.APPLICATION_READWRITE_OWNEDBY);
        request.features().forEach(f -> {
            if (!f.requirement().evaluate(needed).satisfied()) {
                needed.addAll(f.requirement().preferred());
            }
        });
        UUID graphSp = apps.graphServicePrincipal();
        Map<GraphPermission, String> existingGrants = consistency.awaitVisible(CallContext.idempotent(
                "service principal readable", tenant), () -> readable(() -> apps.grants(sp)));
        for (GraphPermission p : needed) {
            if (!existingGrants.containsKey(p)) {
                adminMay(admin, "grant " + p.name(), () -> awaitUnless400(consistency, "grant " + p.name(), tenant,
                        () -> apps.grant(sp, graphSp, p)));
            }
        }
        Set<DirectoryRole> roles = request.roles().requirement().preferred();
        Map<DirectoryRole, String> existingRoles = apps.roleAssignments(sp);
        for (DirectoryRole r : roles) {
            if (!existingRoles.containsKey(r)) {
                adminMay(admin, "assign " + r, () -> awaitUnless400(consistency, "assign " + r, tenant,
                        () -> apps.assignRole(sp, r)));
            }
        }

        String name = credentialName(request);
        List<AppCredentialInfo> superseded = consistency.awaitVisible(CallContext.idempotent(
                "application credentials readable", tenant), () -> readable(() -> apps.credentials(app.appId())))
                .stream().filter(c -> c.displayName().equals(name)).toList();
        TenantCredential credential;
        UUID newKey;
        if (request.credentialKind() == AppRegistrationRequest.CredentialKind.CERTIFICATE) {
            var generated = graph.generateCertificate(app.appId(), request.name().value(), request.secretValidity());
            newKey = apps.replaceCertificates(app.objectId(), Optional.of(generated.credential().leaf()), name,
                    Set.of()).orElseThrow();
            credential = generated.credential();
        } else {
            var secret = apps.addPassword(app.appId(), name, clock.instant().plus(request.secretValidity()));
            newKey = secret.keyId();
            credential = new ClientSecretCredential(app.appId(), secret.secret(), Optional.of(secret.expiresAt()),
                    Optional.of(secret.keyId()));
        }
        TenantCredential fresh = credential;
        new NewCredentialWait(graph, policies).until(tenant, "app token carries the permissions", fresh,
                t -> t.roles().containsAll(needed));
        removeSuperseded(apps, app, superseded, newKey);
        LOG.info("app registration ready in tenant {} for service {} ({} permissions, {} roles, {} superseded "
                + "credentials removed)", tenant, request.service(), needed.size(), roles.size(), superseded.size());
        return new AppRegistrationResult(credential, app.objectId(), sp, needed, roles, app.created());
    }

    private CreatedApplication application(AppRegistrationRequest request, AccessToken admin, AppRegistrations apps,
            ConsistencyPolicy consistency, Optional<UUID> recorded) {
        String unique = uniqueName(request);
        Optional<CreatedApplication> found = apps.findByUniqueName(unique);
        if (found.isPresent()) {
            if (recorded.isEmpty() || !recorded.get().equals(found.get().objectId())) {
                requireOurs(apps, found.get(), unique, admin);
            }
            return found.get();
        }
        if (recorded.isPresent()) {
            // created by an earlier run whose answer was recorded: wait for it to replicate, never create another
            return consistency.awaitVisible(CallContext.idempotent("recorded application visible", request.tenant()),
                    () -> apps.findByUniqueName(unique));
        }
        CreatedApplication app = apps.upsert(unique, request.name().value(), List.of(TAG));
        if (!app.created()) {
            // someone made it between the look-up and the upsert: ours only if it passes the same test
            requireOurs(apps, app, unique, admin);
        }
        return app;
    }

    /** Ours: tagged by the SDK, and owned by no one but the signed-in admin and its own service principal. */
    private static void requireOurs(AppRegistrations apps, CreatedApplication app, String unique, AccessToken admin) {
        List<String> tags = apps.tags(app.objectId());
        List<ApplicationOwner> owners = apps.owners(app.objectId());
        Optional<UUID> sp = apps.findServicePrincipal(app.appId());
        List<ApplicationOwner> foreign = owners.stream().filter(o -> !admin.objectId().equals(Optional.of(o.id()))
                && !sp.equals(Optional.of(o.id()))).toList();
        String reason = !tags.contains(TAG) ? "it does not carry the tag " + TAG
                : !foreign.isEmpty() ? "it is owned by " + foreign.size() + " other principal(s)"
                : owners.isEmpty() ? "it has no owner" : null;
        if (reason != null) {
            throw new ForeignApplicationException("'" + app.displayName() + "' (application ID " + app.appId()
                    + ", uniqueName " + unique + ")", owners.stream().map(ApplicationOwner::toString).toList(),
                    reason);
        }
    }

    private static UUID servicePrincipal(AppRegistrations apps, CreatedApplication app, ConsistencyPolicy consistency,
            dev.tenantconnect.core.model.TenantId tenant) {
        // find, else create; a new application may not be visible yet (404) and a new service principal may exist
        // but not be readable yet (409 on create): poll until it is seen, never creating a second one
        return consistency.awaitVisible(CallContext.idempotent("service principal visible", tenant), () -> {
            Optional<UUID> found = apps.findServicePrincipal(app.appId());
            if (found.isPresent()) {
                return found;
            }
            try {
                return Optional.of(apps.createServicePrincipal(app.appId()));
            } catch (ServiceException e) {
                if (e.status() == 404 || e.status() == 409) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** The service principal as owner of its application, so {@code Application.ReadWrite.OwnedBy} reaches it. */
    private static void ensureOwner(AppRegistrations apps, CreatedApplication app, UUID sp,
            ConsistencyPolicy consistency, dev.tenantconnect.core.model.TenantId tenant) {
        consistency.awaitVisible(CallContext.idempotent("service principal as owner", tenant), () -> {
            try {
                if (apps.owners(app.objectId()).stream().anyMatch(o -> o.id().equals(sp))) {
                    return Optional.of(Boolean.TRUE);
                }
                apps.addOwner(app.objectId(), sp);
                return Optional.of(Boolean.TRUE);
            } catch (ServiceException e) {
                if (e.status() == 404 || e.status() == 400) {
                    // not replicated yet, or added by a lost earlier attempt: look again on the next poll
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /**
     * A grant or role assignment for a service principal created a moment ago can be refused (400/404: the
     * principal does not exist yet); waited out with the consistency policy.
     */
    /**
     * Runs a grant or role assignment the admin makes; when Entra refuses it (403), says which admin roles Microsoft
     * requires for it ({@link RoleProfile#APP_REGISTRATION_WIZARD}: Privileged Role Administrator or Global
     * Administrator) against those the admin's token carries ({@code wids}). A re-run with such an admin continues
     * with the same application.
     */
    private static void adminMay(AccessToken admin, String what, Runnable write) {
        try {
            write.run();
        } catch (ServiceException e) {
            if (e.status() != 403) {
                throw e;
            }
            Set<DirectoryRole> held = new LinkedHashSet<>();
            admin.directoryRoles().forEach(id -> held.add(new DirectoryRole(id)));
            throw new MissingPrivilegesException("the signed-in admin may not " + what + " in tenant "
                    + admin.tenant() + " (holds " + (held.isEmpty() ? "no directory role" : held) + ")", e.context(),
                    RoleProfile.APP_REGISTRATION_WIZARD.evaluate(held));
        }
    }

    private static void awaitUnless400(ConsistencyPolicy consistency, String what,
            dev.tenantconnect.core.model.TenantId tenant, Runnable write) {
        consistency.awaitVisible(CallContext.idempotent(what, tenant), () -> {
            try {
                write.run();
                return Optional.of(Boolean.TRUE);
            } catch (ServiceException e) {
                if (e.status() == 404 || e.status() == 400) {
                    return Optional.empty();
                }
                if (e.status() == 409) {
                    return Optional.of(Boolean.TRUE);
                }
                throw e;
            }
        });
    }

    private static void removeSuperseded(AppRegistrations apps, CreatedApplication app,
            List<AppCredentialInfo> superseded, UUID keep) {
        Set<UUID> oldCertificates = new LinkedHashSet<>();
        for (AppCredentialInfo c : superseded) {
            if (c.keyId().equals(keep)) {
                continue;
            }
            if (c.kind() == AppCredentialInfo.Kind.SECRET) {
                apps.removePassword(app.appId(), c.keyId());
            } else {
                oldCertificates.add(c.keyId());
            }
        }
        if (!oldCertificates.isEmpty()) {
            apps.replaceCertificates(app.objectId(), Optional.empty(), "", oldCertificates);
        }
    }

    private static <T> Optional<T> readable(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (ServiceException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
