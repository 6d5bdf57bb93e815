package dev.tenantconnect.testkit;

import dev.tenantconnect.core.credential.ClientCertificateCredential;
import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.access.DirectoryRole;
import dev.tenantconnect.core.credential.DelegatedTokenCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.credential.TenantCredential;
import dev.tenantconnect.core.error.TenantMismatchException;
import dev.tenantconnect.core.error.AuthenticationFailedException;
import dev.tenantconnect.core.error.ErrorContext;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.tenant.AccessToken;
import dev.tenantconnect.core.tenant.AppRegistrations;
import dev.tenantconnect.core.tenant.DelegatedRedemption;
import dev.tenantconnect.core.tenant.GeneratedCertificate;
import dev.tenantconnect.core.tenant.AppTokenClaims;
import dev.tenantconnect.core.tenant.DirectoryWrites;
import dev.tenantconnect.core.tenant.MicrosoftTenants;
import dev.tenantconnect.core.tenant.TeamsNumbers;
import dev.tenantconnect.core.tenant.TeamsPolicies;
import dev.tenantconnect.core.tenant.TenantDirectory;
import dev.tenantconnect.testkit.internal.Certificates;
import dev.tenantconnect.testkit.internal.MemoryCloud;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Microsoft side of the SDK in memory — the ports of {@code dev.tenantconnect.core.tenant} without HTTPS, for
 * fast unit tests of code written against them. It keeps the behaviour the published contract test
 * ({@link dev.tenantconnect.testkit.contract.MicrosoftPortsContract}) checks against both this fake and the
 * graph-adapter on the {@link MicrosoftCloudSimulator}, so the two cannot drift: lookups by object ID or UPN, users
 * by display name, delta reads, licence counts, numbers assigned and unassigned through operations (finished at
 * once), the Graph refusals of a number already held (400) or unknown (404), policy grants, domains and their DNS
 * verification, app registrations by alternate key.
 *
 * <p>A token ({@link #tokenClaims}) names the tenant, the app, the permissions granted with {@link InMemoryTenant#app}
 * and the roles given with {@link InMemoryTenant#roles}. What it leaves to the simulator: secrets and permission
 * checks (any client or certificate credential of an app seeded with {@link InMemoryTenant#app}, or registered through
 * {@link #appRegistrations} and given a service principal, is accepted, and every call is allowed), throttling, faults, replication delay and wire formats. Thread-safe.
 *
 * <pre>{@code
 * InMemoryMicrosoftTenants microsoft = new InMemoryMicrosoftTenants(clock);
 * UUID alice = microsoft.tenant(tenant).app(clientId).sku(Sku.TEAMS_PHONE_STANDARD, 10)
 *         .addUser("alice@contoso.com", "Alice", "SG", Sku.TEAMS_PHONE_STANDARD);
 * TeamsNumbers numbers = microsoft.teamsNumbers(tenant, credential);
 * }</pre>
 */
public final class InMemoryMicrosoftTenants implements MicrosoftTenants {
    /**
     * How long a token lives. Entra gives app-only access tokens a lifetime of 60 to 90 minutes
     * (https://learn.microsoft.com/en-us/entra/identity-platform/access-tokens#token-lifetime); the fake takes the
     * lower bound.
     */
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(60);
    /** The public client an admin signs in to in the fake. */
    private static final ClientId ADMIN_CLIENT = ClientId.parse("14d82eec-204b-4c2f-b7e8-296a70dab67e");

    private final MemoryCloud cloud;
    private final Clock clock;

    /** @param clock the clock for creation and expiry times */
    public InMemoryMicrosoftTenants(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cloud = new MemoryCloud(clock);
    }

    /** A fake on the system clock. */
    public InMemoryMicrosoftTenants() {
        this(Clock.systemUTC());
    }

    /**
     * Creates the tenant on first use or returns it.
     *
     * @param id the tenant ID
     * @return a handle to seed and inspect it
     */
    public InMemoryTenant tenant(TenantId id) {
        return new InMemoryTenant(cloud, cloud.tenant(id));
    }

    private static ClientId clientId(TenantId tenant, TenantCredential credential) {
        if (Objects.requireNonNull(credential, "credential") instanceof ClientSecretCredential s) {
            return s.clientId();
        }
        if (credential instanceof ClientCertificateCredential c) {
            return c.clientId();
        }
        throw new AuthenticationFailedException("the in-memory cloud takes client secret and certificate "
                + "credentials only", ErrorContext.forTenant(tenant), null);
    }

    private MemoryCloud.Tenant admitted(TenantId tenant, TenantCredential credential) {
        Objects.requireNonNull(tenant, "tenant");
        ClientId app = clientId(tenant, credential);
        MemoryCloud.Tenant t = cloud.existing(tenant).orElseThrow(() -> new AuthenticationFailedException(
                "no tenant " + tenant + " in the in-memory cloud", ErrorContext.forTenant(tenant), null));
        if (!cloud.hasOperatorApp(t, app)) {
            throw new AuthenticationFailedException("the application " + app + " is not registered in tenant "
                    + tenant + " of the in-memory cloud (seed it with tenant(...).app(...))",
                    ErrorContext.forTenant(tenant), null);
        }
        return t;
    }

    /**
     * The claims of a token for a seeded app: issued by the tenant asked for, for the credential's application, with
     * the permissions granted to it ({@link InMemoryTenant#app}) as roles and its directory roles
     * ({@link InMemoryTenant#roles}) as {@code wids}.
     */
    @Override
    public AppTokenClaims tokenClaims(TenantId tenant, TenantCredential credential) {
        MemoryCloud.Tenant t = admitted(tenant, credential);
        ClientId app = clientId(tenant, credential);
        var contents = cloud.tokenContents(t, app);
        return new AppTokenClaims(tenant, app.value(), contents.getKey(), contents.getValue(),
                clock.instant().plus(TOKEN_LIFETIME));
    }

    /** As {@link #tokenClaims}: the fake caches no tokens. */
    @Override
    public AppTokenClaims freshTokenClaims(TenantId tenant, TenantCredential credential) {
        return tokenClaims(tenant, credential);
    }

    @Override
    public TenantDirectory directory(TenantId tenant, TenantCredential credential) {
        return cloud.directory(admitted(tenant, credential));
    }

    @Override
    public TeamsNumbers teamsNumbers(TenantId tenant, TenantCredential credential) {
        return cloud.numbers(admitted(tenant, credential));
    }

    @Override
    public TeamsPolicies teamsPolicies(TenantId tenant, TenantCredential credential) {
        return cloud.policies(admitted(tenant, credential));
    }

    @Override
    public DirectoryWrites directoryWrites(TenantId tenant, TenantCredential credential) {
        return cloud.writes(admitted(tenant, credential));
    }

    @Override
    public AppRegistrations appRegistrations(TenantId tenant, TenantCredential credential) {
        return cloud.apps(admitted(tenant, credential));
    }

    /**
     * A signed-in admin's delegated token, as the device-code or browser sign-in returns it: issued by the tenant
     * (created on first use), for the admin's own object ID, with the directory roles given.
     *
     * @param tenant the admin's tenant
     * @param roles the directory roles the admin holds (the {@code wids} claim)
     * @return the token
     */
    public AccessToken adminToken(TenantId tenant, DirectoryRole... roles) {
        cloud.tenant(tenant);
        return new AccessToken(Secret.of(UUID.randomUUID().toString()), clock.instant().plus(TOKEN_LIFETIME),
                tenant, ADMIN_CLIENT.value(), Set.of(), Optional.of(UUID.randomUUID()),
                Arrays.stream(roles).map(DirectoryRole::templateId).collect(Collectors.toSet()));
    }

    /**
     * App-registration writes as the admin: the tenant that issued the token, while it is valid. The fake does not
     * check the admin's directory roles (the simulator does).
     */
    @Override
    public AppRegistrations appRegistrations(TenantId tenant, AccessToken adminToken) {
        if (!adminToken.tenant().equals(tenant)) {
            throw new TenantMismatchException(tenant, adminToken.tenant());
        }
        if (!adminToken.expiresOn().isAfter(clock.instant())) {
            throw new AuthenticationFailedException("the admin's token expired at " + adminToken.expiresOn(),
                    ErrorContext.forTenant(tenant), null);
        }
        return cloud.apps(cloud.existing(tenant).orElseThrow(() -> new AuthenticationFailedException("no tenant "
                + tenant + " in the in-memory cloud", ErrorContext.forTenant(tenant), null)));
    }

    /**
     * Redeems a delegated credential of a tenant of the fake: a token for its client, valid an hour, and the same
     * credential to keep (the fake does not rotate refresh tokens; Entra may).
     */
    @Override
    public DelegatedRedemption redeemDelegated(TenantId tenant, DelegatedTokenCredential credential,
            Set<String> scopes) {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(scopes, "scopes");
        if (cloud.existing(tenant).isEmpty()) {
            throw new AuthenticationFailedException("no tenant " + tenant + " in the in-memory cloud",
                    ErrorContext.forTenant(tenant), null);
        }
        return new DelegatedRedemption(new AccessToken(Secret.of(UUID.randomUUID().toString()),
                clock.instant().plus(TOKEN_LIFETIME), tenant, credential.clientId().value(), Set.of()), credential);
    }

    /** A real RSA 2048 key pair and self-signed certificate, valid from the fake's clock. */
    @Override
    public GeneratedCertificate generateCertificate(ClientId clientId, String subject, Duration validity) {
        return Certificates.selfSigned(clientId, subject, clock.instant(), validity);
    }
}
