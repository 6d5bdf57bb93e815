package dev.tenantconnect.spring.boot;

import dev.tenantconnect.core.credential.CredentialRecord;
import dev.tenantconnect.voice.TenantConnectClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/** Adds {@code tenantconnect}: the SDK version, the cloud and how many tenants are connected. */
public final class TenantConnectInfoContributor implements InfoContributor {
    private final TenantConnectClient client;

    /** @param client the root client */
    public TenantConnectInfoContributor(TenantConnectClient client) {
        this.client = client;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> info = new LinkedHashMap<>();
        String version = TenantConnectClient.class.getPackage().getImplementationVersion();
        info.put("version", version == null ? "development" : version);
        info.put("cloud", client.connector().cloud().name());
        info.put("tenantsConnected", client.credentials().listAll().stream().map(CredentialRecord::key)
                .map(k -> k.tenant()).distinct().count());
        builder.withDetail("tenantconnect", info);
    }
}
