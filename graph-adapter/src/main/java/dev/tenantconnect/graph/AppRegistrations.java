package dev.tenantconnect.graph;

import com.microsoft.graph.applications.item.addpassword.AddPasswordPostRequestBody;
import com.microsoft.graph.applications.item.removepassword.RemovePasswordPostRequestBody;
import com.microsoft.graph.models.Application;
import com.microsoft.graph.models.PasswordCredential;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.graph.internal.GraphErrors;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes to app registrations in one tenant: secrets for rotation (and, with the wizard, creation). Needs
 * {@code Application.ReadWrite.OwnedBy} (own app) or {@code Application.ReadWrite.All}.
 */
public final class AppRegistrations {
    private final TenantId tenant;
    private final GraphServiceClient graph;
    private final Clock clock;

    AppRegistrations(TenantId tenant, GraphServiceClient graph, Clock clock) {
        this.tenant = Objects.requireNonNull(tenant);
        this.graph = Objects.requireNonNull(graph);
        this.clock = Objects.requireNonNull(clock);
    }

    private <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw GraphErrors.translate(operation, tenant, e, clock);
        }
    }

    /**
     * @param appId the application (client) ID
     * @return the application's object ID
     */
    public UUID objectId(ClientId appId) {
        return call("read application", () -> {
            Application app = graph.applicationsWithAppId(appId.value()).get();
            return UUID.fromString(app.getId());
        });
    }

    /**
     * Adds a client secret (seed 004 step 14: one secret per service).
     *
     * @param appId the application
     * @param displayName the secret's description, e.g. the service name
     * @param expiresAt its end date
     * @return the new secret, the only time its text is available
     */
    public NewSecret addPassword(ClientId appId, String displayName, Instant expiresAt) {
        UUID objectId = objectId(appId);
        return call("add password", () -> {
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
     * @param appId the application
     * @param keyId the password credential to remove
     */
    public void removePassword(ClientId appId, UUID keyId) {
        UUID objectId = objectId(appId);
        call("remove password", () -> {
            RemovePasswordPostRequestBody body = new RemovePasswordPostRequestBody();
            body.setKeyId(keyId);
            graph.applications().byApplicationId(objectId.toString()).removePassword().post(body);
            return null;
        });
    }
}
