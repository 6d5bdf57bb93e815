package dev.tenantconnect.core.onboarding;

import dev.tenantconnect.core.model.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where invitations live. Implementations enforce that an app-registration name is used by one service only per
 * tenant. Thread-safe.
 */
public interface InvitationStore {

    /**
     * @param invitation a new invitation
     * @return it, stored
     * @throws dev.tenantconnect.core.error.ValidationException naming field {@code appRegistrationName} when
     *     another service of the tenant uses the name
     */
    Invitation create(Invitation invitation);

    /**
     * @param updated a changed invitation (same ID)
     * @return it, stored
     */
    Invitation update(Invitation updated);

    /**
     * @param id an invitation ID
     * @return the invitation
     */
    Optional<Invitation> find(UUID id);

    /**
     * @param tenant a tenant
     * @return its invitations, oldest first
     */
    List<Invitation> listByTenant(TenantId tenant);
}
