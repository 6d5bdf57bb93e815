package dev.tenantconnect.voice;

import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.access.Evaluation;
import dev.tenantconnect.core.access.GraphPermission;
import dev.tenantconnect.core.access.PermissionProfile;
import dev.tenantconnect.core.access.Requirement;
import dev.tenantconnect.core.credential.CredentialKey;
import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.error.ServiceException;
import dev.tenantconnect.core.error.TenantConnectException;
import dev.tenantconnect.core.licensing.ServicePlan;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.tenant.AppTokenClaims;
import dev.tenantconnect.core.tenant.ServicePrincipalInfo;
import dev.tenantconnect.core.tenant.SkuInfo;
import dev.tenantconnect.core.tenant.TenantDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifying a stored connection against a deployment stage — token, tenant, service principal, roles, permissions,
 * expiry, licences — every finding at once, none hiding another. From {@link TenantConnectClient#verification()}.
 * It reads the tenant through the Microsoft ports only. Thread-safe.
 */
public final class Verification {
    private static final Logger LOG = LoggerFactory.getLogger(Verification.class);
    private static final Set<GraphPermission> MAILBOX = Set.of(GraphPermission.CALENDARS_READ,
            GraphPermission.MAIL_SEND, GraphPermission.CONTACTS_READ);

    private final ServiceWiring wiring;
    private final dev.tenantconnect.core.metrics.MetricsRecorder metrics;

    Verification(ServiceWiring wiring) {
        this(wiring, dev.tenantconnect.core.metrics.MetricsRecorder.noop());
    }

    Verification(ServiceWiring wiring, dev.tenantconnect.core.metrics.MetricsRecorder metrics) {
        this.wiring = Objects.requireNonNull(wiring);
        this.metrics = Objects.requireNonNull(metrics);
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
        Objects.requireNonNull(key, "key");
        return dev.tenantconnect.core.metrics.Observations.observe(metrics, dev.tenantconnect.core.metrics.MetricNames.OP_VERIFY,
                dev.tenantconnect.core.metrics.MetricTags.of(dev.tenantconnect.core.metrics.MetricTags.TENANT, key.tenant().value()),
                () -> verifyObserved(key, options));
    }

    private VerificationReport verifyObserved(CredentialKey key, VerifyOptions options) {
        CredentialRecord record = wiring.stored(key);
        TenantCredential credential = record.credential();
        List<Check> checks = new ArrayList<>();
        Optional<AppTokenClaims> token = Optional.empty();
        try {
            token = Optional.of(wiring.microsoft().tokenClaims(key.tenant(), credential));
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
        TenantDirectory dir = token.isPresent() ? wiring.microsoft().directory(key.tenant(), credential) : null;
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
        return new VerificationReport(key, wiring.clock().instant(), checks);
    }

    /** The role template every service principal holds; app-only tokens list it in {@code wids}. */
    private static final java.util.UUID DEFAULT_SERVICE_PRINCIPAL_ROLE =
            java.util.UUID.fromString("0997a1d0-0d1d-4acb-b408-d5ca73121e90");

    /**
     * Directory roles from the token's own {@code wids} claim when it has one (no directory read, so no
     * RoleManagement.Read.Directory needed); when the claim does not satisfy the profile — the token may predate an
     * assignment — the directory is asked, if the app may read it.
     */
    private Check rolesCheck(TenantDirectory dir, Optional<ServicePrincipalInfo> sp, Optional<AppTokenClaims> token,
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
            Optional<AppTokenClaims> token) {
        if (dir != null && sp.isPresent()) {
            try {
                return dir.grantedGraphPermissions(sp.get().id());
            } catch (TenantConnectException e) {
                LOG.debug("could not read app role assignments, using the token's roles: {}", e.getMessage());
            }
        }
        return token.map(AppTokenClaims::roles).orElse(Set.of());
    }

    private Check permissionsCheck(Optional<AppTokenClaims> token, Set<GraphPermission> granted,
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
    static Set<GraphPermission> excess(Evaluation<GraphPermission> e) {
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
        long days = Duration.between(wiring.clock().instant(), expires.get()).toDays();
        if (!expires.get().isAfter(wiring.clock().instant())) {
            return new Check(Check.CREDENTIAL_EXPIRY, CheckStatus.FAIL, "expired on " + expires.get(),
                    "add a new secret or certificate and rotate");
        }
        if (Duration.between(wiring.clock().instant(), expires.get()).compareTo(warning) < 0) {
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

}
