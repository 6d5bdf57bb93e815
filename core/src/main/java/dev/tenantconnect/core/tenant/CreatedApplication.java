package dev.tenantconnect.core.tenant;

import dev.tenantconnect.core.model.ClientId;
import java.util.Objects;
import java.util.UUID;

/**
 * An app registration found or created by name.
 *
 * @param objectId the application object ID
 * @param appId the application (client) ID
 * @param displayName its name
 * @param created whether this call created it (false: it existed already, a re-run)
 */
public record CreatedApplication(UUID objectId, ClientId appId, String displayName, boolean created) {
    /** Rejects nulls. */
    public CreatedApplication {
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(displayName, "displayName");
    }
}
