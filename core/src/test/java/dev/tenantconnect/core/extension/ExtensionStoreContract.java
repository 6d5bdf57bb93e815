package dev.tenantconnect.core.extension;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ExtensionStore} must pass: an extension is found by tenant and key in every instance,
 * a put replaces the record with the same tenant and key, a tenant's extensions list ordered by key and are its own,
 * and {@link ExtensionStore#byUsers} finds the listed users' extensions. Published in the core test-jar; extend it
 * and implement {@link #newStore()} and {@link #reopen(ExtensionStore)}.
 */
public abstract class ExtensionStoreContract {
    /** A tenant used throughout. */
    protected static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e1");
    /** Another tenant, to check isolation. */
    protected static final TenantId OTHER = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e2");
    private static final UUID ALICE = UUID.fromString("5b0f1a6e-0a7b-4b51-9f6e-0c1f0e7c9a11");
    private static final UUID BOB = UUID.fromString("5b0f1a6e-0a7b-4b51-9f6e-0c1f0e7c9a12");

    /** The store under test. */
    protected ExtensionStore store;

    /** @return a new, empty store */
    protected abstract ExtensionStore newStore();

    /**
     * @param store the store under test
     * @return a store reading the same records, as another instance would (the same object for memory stores)
     */
    protected ExtensionStore reopen(ExtensionStore store) {
        return store;
    }

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    @Test
    void an_extension_is_found_by_tenant_and_key_exactly_as_written_and_replaced_by_key() {
        Extension e = new Extension(TENANT, "101", ALICE, Optional.of(PhoneNumber.parse("+6590000001;ext=7")),
                List.of("device_import_msteams_OC", "call_recording"), Instant.parse("2026-11-22T10:00:00Z"));
        store.put(e);
        ExtensionStore other = reopen(store);
        assertThat(other.find(TENANT, "101")).contains(e);
        assertThat(other.find(OTHER, "101")).isEmpty();
        assertThat(other.find(TENANT, "102")).isEmpty();

        Extension moved = new Extension(TENANT, "101", BOB, Optional.empty(), List.of(),
                Instant.parse("2026-11-22T11:00:00Z"));
        other.put(moved);
        assertThat(store.find(TENANT, "101")).contains(moved);
        assertThat(store.listByTenant(TENANT)).containsExactly(moved);
    }

    @Test
    void a_tenants_extensions_list_ordered_by_key_and_are_its_own() {
        store.put(new Extension(TENANT, "b-200", ALICE, Optional.empty(), List.of("team_chat"), Instant.EPOCH));
        store.put(new Extension(TENANT, "a-100", BOB, Optional.empty(), List.of(), Instant.EPOCH));
        store.put(new Extension(OTHER, "a-000", BOB, Optional.empty(), List.of(), Instant.EPOCH));
        assertThat(reopen(store).listByTenant(TENANT)).extracting(Extension::extKey).containsExactly("a-100",
                "b-200");
        assertThat(store.listByTenant(OTHER)).extracting(Extension::extKey).containsExactly("a-000");
        assertThat(store.listByTenant(TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e9"))).isEmpty();
    }

    @Test
    void the_extensions_of_some_users_are_found_per_user_ordered_by_key() {
        Extension a2 = new Extension(TENANT, "102", ALICE, Optional.empty(), List.of(), Instant.EPOCH);
        Extension a1 = new Extension(TENANT, "101", ALICE, Optional.empty(), List.of(), Instant.EPOCH);
        Extension b = new Extension(TENANT, "103", BOB, Optional.empty(), List.of(), Instant.EPOCH);
        store.put(a2);
        store.put(a1);
        store.put(b);
        store.put(new Extension(OTHER, "104", ALICE, Optional.empty(), List.of(), Instant.EPOCH));
        Map<UUID, List<Extension>> found = reopen(store).byUsers(TENANT, Set.of(ALICE, UUID.randomUUID()));
        assertThat(found).containsOnlyKeys(ALICE);
        assertThat(found.get(ALICE)).containsExactly(a1, a2);
    }
}
