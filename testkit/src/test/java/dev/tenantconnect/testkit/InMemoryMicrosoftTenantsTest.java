package dev.tenantconnect.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.credential.ClientSecretCredential;
import dev.tenantconnect.core.credential.Secret;
import dev.tenantconnect.core.error.AuthenticationFailedException;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the in-memory fake adds beyond the ports' contract: who it admits, and its inspection by UPN. */
class InMemoryMicrosoftTenantsTest {
    private static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000043");
    private static final ClientId APP = ClientId.parse("11ae0dff-4d1f-6ddf-8000-000000000043");
    private static final ClientId STRANGER = ClientId.parse("11ae0dff-4d1f-6ddf-8000-000000000044");

    private static ClientSecretCredential credential(ClientId app) {
        return ClientSecretCredential.of(app, Secret.of("in-memory-test"), Instant.parse("2099-01-01T00:00:00Z"));
    }

    @Test
    void only_an_app_seeded_in_the_tenant_is_admitted() {
        InMemoryMicrosoftTenants microsoft = new InMemoryMicrosoftTenants();
        microsoft.tenant(TENANT).app(APP);

        assertThat(microsoft.directory(TENANT, credential(APP)).organization().id()).isEqualTo(TENANT);
        assertThatThrownBy(() -> microsoft.directory(TENANT, credential(STRANGER)))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining(STRANGER.toString());
        assertThatThrownBy(() -> microsoft.teamsNumbers(TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000ff"),
                credential(APP))).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void inspection_finds_users_by_upn_and_who_holds_a_number() {
        InMemoryMicrosoftTenants microsoft = new InMemoryMicrosoftTenants();
        InMemoryTenant t = microsoft.tenant(TENANT).app(APP).sku(Sku.TEAMS_PHONE_STANDARD, 1);
        UUID alice = t.addUser("alice@contoso.example", "Alice", "SG", Sku.TEAMS_PHONE_STANDARD);
        PhoneNumber n = PhoneNumber.parse("+6567890111");
        t.addNumber(n, NumberType.OPERATOR_CONNECT);

        microsoft.teamsNumbers(TENANT, credential(APP)).beginAssign(n, alice, NumberType.OPERATOR_CONNECT,
                Optional.empty());

        assertThat(t.userByUpn("ALICE@contoso.example")).contains(alice);
        assertThat(t.userByUpn("bob@contoso.example")).isEmpty();
        assertThat(t.holder(n)).contains(alice);
    }
}
