package dev.tenantconnect.examples.spring;

import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.voice.TenantConnectClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Replicates every connected tenant on a schedule ({@code operator.replication.interval}, default 15 minutes). */
@Component
@ConditionalOnProperty(name = "operator.replication.enabled", havingValue = "true", matchIfMissing = true)
public class ScheduledReplication {
    private final TenantConnectClient client;

    /** @param client the root client */
    public ScheduledReplication(TenantConnectClient client) {
        this.client = client;
    }

    /** One pass over every connected tenant (meters and observations come from the SDK). */
    @Scheduled(fixedDelayString = "${operator.replication.interval:PT15M}",
            initialDelayString = "${operator.replication.interval:PT15M}")
    public void replicate() {
        client.replication().replicateAll(client.credentials().listAll().stream().map(CredentialRecord::key)
                .filter(k -> !k.service().value().equals("provisioning")).toList());
    }
}
