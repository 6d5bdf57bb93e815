package dev.tenantconnect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.extension.Extension;
import dev.tenantconnect.core.extension.ExtensionStore;
import dev.tenantconnect.core.extension.InMemoryExtensionStore;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ExtensionStore#byUsers}, what a backup export asks a page at a time: the database's query answers as the
 * in-memory store does — each asked-for user with its extensions by key, nobody else's, no other tenant's.
 */
class ExtensionsByUserTest {
    static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e7");
    static final TenantId OTHER = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e8");

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void a_page_of_users_gets_exactly_their_extensions(String store) {
        ExtensionStore s = store.equals("h2") ? new JdbcExtensionStore(Databases.h2()) : new InMemoryExtensionStore();
        UUID ada = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID eve = UUID.randomUUID();
        Extension adaDesk = ext(TENANT, "201", ada, "+6590000201");
        Extension adaAa = ext(TENANT, "200", ada, null);
        Extension bobs = ext(TENANT, "300", bob, "+6590000300");
        s.put(adaDesk);
        s.put(adaAa);
        s.put(bobs);
        s.put(ext(TENANT, "400", eve, "+6590000400"));
        s.put(ext(OTHER, "500", ada, "+6590000500"));

        Map<UUID, List<Extension>> page = s.byUsers(TENANT, List.of(ada, bob, UUID.randomUUID()));

        assertThat(page).containsOnlyKeys(ada, bob);
        assertThat(page.get(ada)).containsExactly(adaAa, adaDesk);
        assertThat(page.get(bob)).containsExactly(bobs);
        assertThat(s.byUsers(TENANT, List.of())).isEmpty();
    }

    private static Extension ext(TenantId tenant, String key, UUID user, String number) {
        return new Extension(tenant, key, user, Optional.ofNullable(number).map(PhoneNumber::parse),
                List.of("device_import_msteams_OC", "call_recording"), Instant.parse("2026-12-06T04:00:00Z"));
    }
}
