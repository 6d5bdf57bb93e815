package dev.tenantconnect.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.model.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ReplicationStateStore} must pass: one delta link per tenant, the last one saved wins
 * (also when another instance saved it), and forgetting a tenant touches no other. Published in the core test-jar;
 * extend it and implement {@link #newStore()} and {@link #reopen(ReplicationStateStore)}.
 */
public abstract class ReplicationStateStoreContract {
    /** A tenant used throughout. */
    protected static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e1");
    /** Another tenant, to check isolation. */
    protected static final TenantId OTHER = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000e3");
    private static final String LINK = "https://graph.microsoft.com/v1.0/users/delta?$deltatoken=";

    /** The store under test. */
    protected ReplicationStateStore store;

    /** @return a new, empty store */
    protected abstract ReplicationStateStore newStore();

    /**
     * @param store the store under test
     * @return a store reading the same state, as another instance would (the same object for memory stores)
     */
    protected ReplicationStateStore reopen(ReplicationStateStore store) {
        return store;
    }

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    @Test
    void the_last_delta_link_saved_for_a_tenant_wins_in_every_instance() {
        ReplicationStateStore other = reopen(store);
        assertThat(store.deltaLink(TENANT)).isEmpty();
        store.saveDeltaLink(TENANT, LINK + "1");
        other.saveDeltaLink(TENANT, LINK + "2&$select=id,displayName");
        store.saveDeltaLink(OTHER, LINK + "9");
        assertThat(store.deltaLink(TENANT)).contains(LINK + "2&$select=id,displayName");
        assertThat(other.deltaLink(OTHER)).contains(LINK + "9");
    }

    @Test
    void forgetting_a_tenant_makes_its_next_replication_read_everything_and_touches_no_other() {
        store.saveDeltaLink(TENANT, LINK + "1");
        store.saveDeltaLink(OTHER, LINK + "9");
        reopen(store).forget(TENANT);
        assertThat(store.deltaLink(TENANT)).isEmpty();
        assertThat(store.deltaLink(OTHER)).contains(LINK + "9");
        store.forget(TENANT); // forgetting twice is fine
        store.saveDeltaLink(TENANT, LINK + "3");
        assertThat(reopen(store).deltaLink(TENANT)).contains(LINK + "3");
    }
}
