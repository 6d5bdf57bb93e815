package dev.tenantconnect.core.onboarding;

import dev.tenantconnect.core.error.StoreException;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** An {@link InvitationStore} in memory, for tests and the demo. */
public final class InMemoryInvitationStore implements InvitationStore {
    private final Map<UUID, Invitation> byId = new LinkedHashMap<>();

    @Override
    public synchronized Invitation create(Invitation invitation) {
        if (byId.containsKey(invitation.id())) {
            throw new StoreException("invitation " + invitation.id() + " exists already", null);
        }
        for (Invitation other : byId.values()) {
            if (other.tenant().equals(invitation.tenant())
                    && other.name().value().equalsIgnoreCase(invitation.name().value())
                    && !other.service().equals(invitation.service())) {
                throw new ValidationException("appRegistrationName", "is already used by service "
                        + other.service() + " in this tenant; names are unique per service");
            }
        }
        byId.put(invitation.id(), invitation);
        return invitation;
    }

    @Override
    public synchronized Invitation update(Invitation updated) {
        if (!byId.containsKey(updated.id())) {
            throw new StoreException("invitation " + updated.id() + " does not exist", null);
        }
        byId.put(updated.id(), updated);
        return updated;
    }

    @Override
    public synchronized Optional<Invitation> find(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<Invitation> listByTenant(TenantId tenant) {
        List<Invitation> out = new ArrayList<>();
        byId.values().stream().filter(i -> i.tenant().equals(tenant)).forEach(out::add);
        out.sort(Comparator.comparing(Invitation::createdAt));
        return out;
    }
}
