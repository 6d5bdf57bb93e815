package dev.tenantconnect.voice;

import dev.tenantconnect.core.access.PermissionProfile;
import dev.tenantconnect.core.access.RoleProfile;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.AppRegistrationName;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the app-registration wizard creates in a customer tenant. Built by name:
 *
 * <pre>{@code
 * AppRegistrationRequest r = AppRegistrationRequest.builder(tenant, service, name)
 *         .features(List.of(PermissionProfile.OPERATOR_CONNECT)).roles(RoleProfile.OPERATOR_CONNECT)
 *         .secretValidity(Duration.ofDays(180)).credentialKind(CredentialKind.CERTIFICATE).build();
 * }</pre>
 *
 * <p>Defaults: the Operator Connect features and roles, a 180-day client secret. Immutable; {@link #toBuilder()}
 * copies one.
 */
public final class AppRegistrationRequest {
    /** The kind of credential the wizard makes for the operator's service (one per service). */
    public enum CredentialKind {
        /** A client secret ({@code addPassword}). */
        SECRET,
        /** A generated key pair whose self-signed certificate is uploaded ({@code keyCredentials}). */
        CERTIFICATE
    }

    private final TenantId tenant;
    private final ServiceId service;
    private final AppRegistrationName name;
    private final List<PermissionProfile> features;
    private final RoleProfile roles;
    private final Duration secretValidity;
    private final CredentialKind credentialKind;

    /** Validates; see the builder's setters for each field. */
    private AppRegistrationRequest(TenantId tenant, ServiceId service, AppRegistrationName name,
            List<PermissionProfile> features, RoleProfile roles, Duration secretValidity,
            CredentialKind credentialKind) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.service = Objects.requireNonNull(service, "service");
        this.name = Objects.requireNonNull(name, "name");
        this.features = List.copyOf(features);
        this.roles = Objects.requireNonNull(roles, "roles");
        this.secretValidity = Objects.requireNonNull(secretValidity, "secretValidity");
        this.credentialKind = Objects.requireNonNull(credentialKind, "credentialKind");
        if (secretValidity.isNegative() || secretValidity.isZero() || secretValidity.toDays() > 730) {
            throw new ValidationException("secretValidity",
                    "must be more than zero and at most 730 days (Entra's limit for secrets)");
        }
    }

    /**
     * @param tenant the customer tenant
     * @param service the operator's service the registration is for
     * @param name the registration's name
     * @return a builder with the defaults
     */
    public static Builder builder(TenantId tenant, ServiceId service, AppRegistrationName name) {
        return new Builder(tenant, service, name);
    }

    /** @return a builder holding this request's values */
    public Builder toBuilder() {
        return new Builder(tenant, service, name).features(features).roles(roles).secretValidity(secretValidity)
                .credentialKind(credentialKind);
    }

    /**
     * @param kind the credential kind
     * @return this request with another credential kind
     */
    public AppRegistrationRequest withCredential(CredentialKind kind) {
        return toBuilder().credentialKind(kind).build();
    }

    /** @return the customer tenant */
    public TenantId tenant() {
        return tenant;
    }

    /** @return the operator's service the registration is for */
    public ServiceId service() {
        return service;
    }

    /** @return the registration's name */
    public AppRegistrationName name() {
        return name;
    }

    /** @return the features whose Graph application permissions are granted */
    public List<PermissionProfile> features() {
        return features;
    }

    /** @return the deployment stage whose directory roles are assigned */
    public RoleProfile roles() {
        return roles;
    }

    /** @return how long the credential is valid */
    public Duration secretValidity() {
        return secretValidity;
    }

    /** @return whether the wizard makes a client secret or a certificate */
    public CredentialKind credentialKind() {
        return credentialKind;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppRegistrationRequest r && tenant.equals(r.tenant) && service.equals(r.service)
                && name.equals(r.name) && features.equals(r.features) && roles.equals(r.roles)
                && secretValidity.equals(r.secretValidity) && credentialKind == r.credentialKind;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, service, name, features, roles, secretValidity, credentialKind);
    }

    @Override
    public String toString() {
        return "AppRegistrationRequest[tenant=" + tenant + ", service=" + service + ", name=" + name + ", features="
                + features.stream().map(PermissionProfile::name).toList() + ", roles=" + roles.name()
                + ", secretValidity=" + secretValidity + ", credentialKind=" + credentialKind + "]";
    }

    /** Builds an {@link AppRegistrationRequest}; validation happens in {@link #build()}. */
    public static final class Builder {
        private final TenantId tenant;
        private final ServiceId service;
        private final AppRegistrationName name;
        private List<PermissionProfile> features = List.of(PermissionProfile.OPERATOR_CONNECT);
        private RoleProfile roles = RoleProfile.OPERATOR_CONNECT;
        private Duration secretValidity = Duration.ofDays(180);
        private CredentialKind credentialKind = CredentialKind.SECRET;

        private Builder(TenantId tenant, ServiceId service, AppRegistrationName name) {
            this.tenant = Objects.requireNonNull(tenant, "tenant");
            this.service = Objects.requireNonNull(service, "service");
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * @param value the features whose Graph application permissions are granted
         * @return this
         */
        public Builder features(List<PermissionProfile> value) {
            this.features = List.copyOf(value);
            return this;
        }

        /**
         * @param value the deployment stage whose directory roles are assigned
         * @return this
         */
        public Builder roles(RoleProfile value) {
            this.roles = Objects.requireNonNull(value, "roles");
            return this;
        }

        /**
         * @param value how long the credential is valid (more than zero, at most 730 days)
         * @return this
         */
        public Builder secretValidity(Duration value) {
            this.secretValidity = Objects.requireNonNull(value, "secretValidity");
            return this;
        }

        /**
         * @param value a client secret or a certificate
         * @return this
         */
        public Builder credentialKind(CredentialKind value) {
            this.credentialKind = Objects.requireNonNull(value, "credentialKind");
            return this;
        }

        /**
         * @return the request
         * @throws ValidationException naming {@code secretValidity} when it is out of range
         */
        public AppRegistrationRequest build() {
            return new AppRegistrationRequest(tenant, service, name, features, roles, secretValidity, credentialKind);
        }
    }
}
