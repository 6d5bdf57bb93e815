package dev.tenantconnect.core.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.error.StoreException;
import dev.tenantconnect.core.error.ValidationException;
import dev.tenantconnect.core.model.AppRegistrationName;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link InvitationStore} must pass: invitations are found by ID and listed per tenant, an
 * app-registration name belongs to one service per tenant (without regard to case) — enforced by the store, also
 * between concurrent creators, of whom exactly one wins — and updates keep what the wizard recorded. Published in the
 * core test-jar; extend it and implement {@link #newStore(FakeClock)}.
 */
public abstract class InvitationStoreContract {
    /** A tenant used throughout. */
    protected static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");
    /** Another tenant, to check isolation. */
    protected static final TenantId OTHER_TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000002");

    /** The clock stamping invitations. */
    protected FakeClock clock;
    /** The store under test. */
    protected InvitationStore store;

    /**
     * @param clock the clock of the test
     * @return a new, empty store
     */
    protected abstract InvitationStore newStore(FakeClock clock);

    /**
     * @param store the store under test
     * @return a store reading the same data as a freshly started instance would (the same object for memory stores)
     */
    protected InvitationStore reopen(InvitationStore store) {
        return store;
    }

    @BeforeEach
    void freshStore() {
        clock = new FakeClock(Instant.parse("2026-11-22T08:00:00.123456Z"));
        store = newStore(clock);
    }

    private Invitation pending(TenantId tenant, String service, String name) {
        clock.advance(Duration.ofSeconds(1));
        return Invitation.pending(UUID.randomUUID(), tenant, ServiceId.of(service), AppRegistrationName.of(name),
                clock.instant());
    }

    @Test
    void a_created_invitation_is_found_by_id_and_listed_for_its_tenant_only_oldest_first() {
        Invitation first = store.create(pending(TENANT, "oc-main", "OpConnect01"));
        Invitation second = store.create(pending(TENANT, "dr-site1", "DrSite01"));
        Invitation elsewhere = store.create(pending(OTHER_TENANT, "oc-main", "OpConnect01"));

        InvitationStore again = reopen(store);
        assertThat(again.find(first.id())).contains(first);
        assertThat(again.listByTenant(TENANT)).containsExactly(first, second);
        assertThat(again.listByTenant(OTHER_TENANT)).containsExactly(elsewhere);
        assertThat(again.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void a_name_belongs_to_one_service_per_tenant_without_regard_to_case() {
        store.create(pending(TENANT, "oc-main", "OpConnect02"));

        assertThatThrownBy(() -> store.create(pending(TENANT, "dr-site1", "opconnect02")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field())
                        .isEqualTo("appRegistrationName")).hasMessageContaining("already used by service oc-main");
        Invitation sameService = store.create(pending(TENANT, "oc-main", "OPCONNECT02"));
        assertThat(store.find(sameService.id())).contains(sameService);
        assertThat(store.listByTenant(TENANT)).hasSize(2);
    }

    @Test
    void concurrent_creators_of_one_name_for_different_services_one_wins() throws Exception {
        int creators = 8;
        ExecutorService pool = Executors.newFixedThreadPool(creators);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < creators; i++) {
                Invitation mine = pending(TENANT, "svc-" + i, "Contested");
                InvitationStore instance = i % 2 == 0 ? store : reopen(store);
                Callable<Boolean> create = () -> {
                    start.await();
                    try {
                        instance.create(mine);
                        return true;
                    } catch (ValidationException e) {
                        return false;
                    }
                };
                results.add(pool.submit(create));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> r : results) {
                won += r.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
            assertThat(store.listByTenant(TENANT)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_update_keeps_the_recorded_application_and_the_outcome() {
        Invitation created = store.create(pending(TENANT, "oc-main", "OpConnect03"));
        ClientId app = ClientId.parse("11ae0dff-4d1f-6ddf-8000-000000000001");
        UUID objectId = UUID.fromString("0f0f0f0f-0000-4000-8000-000000000003");
        clock.advance(Duration.ofMinutes(1));
        Invitation recorded = store.update(created.withApplication(app, objectId, clock.instant()));
        clock.advance(Duration.ofMinutes(1));
        Invitation failed = store.update(recorded.failed("ServiceException: 503", clock.instant()));

        Invitation found = reopen(store).find(created.id()).orElseThrow();
        assertThat(found).isEqualTo(failed);
        assertThat(found.status()).isEqualTo(InvitationStatus.FAILED);
        assertThat(found.applicationObjectId()).contains(objectId);
        clock.advance(Duration.ofMinutes(1));
        Invitation done = store.update(found.completed(app, clock.instant()));
        assertThat(store.find(created.id())).contains(done);
        assertThat(done.failure()).isEmpty();
        assertThat(done.applicationObjectId()).contains(objectId);
    }

    @Test
    void an_unknown_invitation_cannot_be_updated_and_an_id_cannot_be_created_twice() {
        Invitation created = store.create(pending(TENANT, "oc-main", "OpConnect04"));

        assertThatThrownBy(() -> store.create(created)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.update(pending(TENANT, "oc-main", "OpConnect04")))
                .isInstanceOf(StoreException.class);
        assertThat(store.listByTenant(TENANT)).containsExactly(created);
    }
}
