package dev.tenantconnect.core.onboarding;

import dev.tenantconnect.core.model.AppRegistrationName;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A pending (or finished) app-registration invitation.
 *
 * @param id the invitation ID handed to the customer
 * @param tenant the customer tenant
 * @param service the operator's service
 * @param name the app registration's name, unique per service in the tenant
 * @param status where it stands
 * @param applicationId the application's client ID, recorded as soon as the wizard has created (or found) it
 * @param applicationObjectId the application's object ID, recorded with {@code applicationId}: a re-run resumes
 *     with this application, found by ID, never by name
 * @param failure why the last attempt failed, if it did
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Invitation(UUID id, TenantId tenant, ServiceId service, AppRegistrationName name, InvitationStatus status,
        Optional<ClientId> applicationId, Optional<UUID> applicationObjectId, Optional<String> failure,
        Instant createdAt, Instant updatedAt) {
    /** Rejects nulls. */
    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(applicationObjectId, "applicationObjectId");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * A new pending invitation.
     *
     * @param id its ID
     * @param tenant the customer tenant
     * @param service the operator's service
     * @param name the app registration's name
     * @param at when
     * @return the invitation
     */
    public static Invitation pending(UUID id, TenantId tenant, ServiceId service, AppRegistrationName name,
            Instant at) {
        return new Invitation(id, tenant, service, name, InvitationStatus.PENDING, Optional.empty(), Optional.empty(),
                Optional.empty(), at, at);
    }

    /**
     * @param appId the application the wizard created or found
     * @param objectId its object ID
     * @param at when
     * @return this invitation, with the application recorded (status unchanged)
     */
    public Invitation withApplication(ClientId appId, UUID objectId, Instant at) {
        return new Invitation(id, tenant, service, name, status, Optional.of(appId), Optional.of(objectId), failure,
                createdAt, at);
    }

    /**
     * @param appId the created application
     * @param at when
     * @return this invitation, completed
     */
    public Invitation completed(ClientId appId, Instant at) {
        return new Invitation(id, tenant, service, name, InvitationStatus.COMPLETED, Optional.of(appId),
                applicationObjectId, Optional.empty(), createdAt, at);
    }

    /**
     * @param reason why it failed (no secrets)
     * @param at when
     * @return this invitation, failed
     */
    public Invitation failed(String reason, Instant at) {
        return new Invitation(id, tenant, service, name, InvitationStatus.FAILED, applicationId,
                applicationObjectId, Optional.of(reason), createdAt, at);
    }
}
