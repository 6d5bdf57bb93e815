package dev.tenantconnect.core.credential;

import dev.tenantconnect.leaks.LeakRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantconnect.core.error.ConcurrentUpdateException;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.ServiceId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.model.UserRef;
import dev.tenantconnect.core.testing.FakeClock;
import dev.tenantconnect.core.testing.TestCertificates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link CredentialStore} implementation must pass. Extend it and implement
 * {@link #newStore(FakeClock)}; published in the core test-jar so that the JDBC store and operators' own stores run
 * the same specification.
 */
public abstract class CredentialStoreContract {
    /** A tenant used throughout. */
    protected static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000001");
    /** Another tenant, to check isolation. */
    protected static final TenantId OTHER_TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-000000000002");
    /** A client ID used throughout. */
    protected static final ClientId CLIENT = ClientId.parse("11ae0dff-4d1f-6ddf-8000-000000000001");

    /** The clock the store under test was built with. */
    protected FakeClock clock;
    /** The store under test. */
    protected CredentialStore store;

    /**
     * @param clock the clock the store must use for {@code updatedAt}
     * @return a new, empty store
     */
    protected abstract CredentialStore newStore(FakeClock clock);

    /** @return concurrent writers in the no-lost-update test */
    protected int concurrentWriters() {
        return 8;
    }

    /** @return successful writes each writer makes in the no-lost-update test */
    protected int writesPerWriter() {
        return 25;
    }

    @BeforeEach
    protected void createStore() {
        clock = FakeClock.atEpoch2026();
        store = newStore(clock);
    }

    /**
     * @param service a service name
     * @return the key for {@link #TENANT}
     */
    protected static CredentialKey key(String service) {
        return new CredentialKey(TENANT, ServiceId.of(service));
    }

    /**
     * @param value the secret text
     * @return a client-secret credential expiring in 2027
     */
    protected static ClientSecretCredential secret(String value) {
        LeakRegistry.secret("client secret in a store contract test", value);
        return new ClientSecretCredential(CLIENT, Secret.of(value), Optional.of(Instant.parse("2027-06-30T00:00:00Z")),
                Optional.of(UUID.fromString("00000000-0000-0000-0000-00000000abcd")));
    }

    @Test
    void an_empty_store_finds_nothing() {
        assertThat(store.find(key("oc"))).isEmpty();
        assertThat(store.listByTenant(TENANT)).isEmpty();
    }

    @Test
    void create_stores_version_1_stamped_by_the_clock() {
        CredentialRecord r = store.create(key("oc"), secret("s3cr3t-value"));

        assertThat(r.version()).isEqualTo(1);
        assertThat(r.updatedAt()).isEqualTo(clock.instant());
        assertThat(r.previous()).isEmpty();
        assertThat(store.find(key("oc"))).contains(r);
    }

    @Test
    void every_credential_type_round_trips() {
        TestCertificates.Issued rsa = TestCertificates.selfSigned("RSA", "rsa", Instant.parse("2028-01-01T00:00:00Z"));
        TestCertificates.Issued ec = TestCertificates.selfSigned("EC", "ec", Instant.parse("2028-01-01T00:00:00Z"));
        List<TenantCredential> all = List.of(
                secret("plain-secret"),
                new ClientSecretCredential(CLIENT, Secret.of("no-expiry"), Optional.empty(), Optional.empty()),
                new ClientCertificateCredential(CLIENT, rsa.keys().getPrivate(), List.of(rsa.certificate())),
                new ClientCertificateCredential(CLIENT, ec.keys().getPrivate(), List.of(ec.certificate())),
                new DelegatedTokenCredential(CLIENT, Secret.of("refresh-token-ünïcødé"), clock.instant()),
                new LegacyPasswordCredential(UserRef.Upn.parse("admin@contoso.onmicrosoft.com"), Secret.of("pa55")));
        for (int i = 0; i < all.size(); i++) {
            store.create(key("svc" + i), all.get(i));
        }
        for (int i = 0; i < all.size(); i++) {
            assertThat(store.find(key("svc" + i)).orElseThrow().credential()).isEqualTo(all.get(i));
        }
    }

    @Test
    void create_refuses_an_existing_record() {
        store.create(key("oc"), secret("first"));

        assertThatThrownBy(() -> store.create(key("oc"), secret("second")))
                .isInstanceOfSatisfying(ConcurrentUpdateException.class, e -> {
                    assertThat(e.expectedVersion()).isZero();
                    assertThat(e.actualVersion()).isEqualTo(1);
                });
        assertThat(store.find(key("oc")).orElseThrow().credential()).isEqualTo(secret("first"));
    }

    @Test
    void replace_keeps_the_previous_credential_until_retired() {
        store.create(key("oc"), secret("old"));
        clock.advance(Duration.ofMinutes(5));

        CredentialRecord replaced = store.replace(key("oc"), 1, secret("new"));

        assertThat(replaced.version()).isEqualTo(2);
        assertThat(replaced.credential()).isEqualTo(secret("new"));
        assertThat(replaced.previous()).hasValueSatisfying(p -> {
            assertThat(p.credential()).isEqualTo(secret("old"));
            assertThat(p.replacedAt()).isEqualTo(clock.instant());
        });

        CredentialRecord retired = store.retirePrevious(key("oc"), 2);
        assertThat(retired.version()).isEqualTo(3);
        assertThat(retired.previous()).isEmpty();
        assertThat(store.find(key("oc"))).contains(retired);
    }

    @Test
    void a_stale_version_changes_nothing() {
        store.create(key("oc"), secret("v1"));
        store.replace(key("oc"), 1, secret("v2"));
        CredentialRecord before = store.find(key("oc")).orElseThrow();

        assertThatThrownBy(() -> store.replace(key("oc"), 1, secret("v3")))
                .isInstanceOfSatisfying(ConcurrentUpdateException.class,
                        e -> assertThat(e.actualVersion()).isEqualTo(2));
        assertThatThrownBy(() -> store.retirePrevious(key("oc"), 1)).isInstanceOf(ConcurrentUpdateException.class);
        assertThatThrownBy(() -> store.delete(key("oc"), 1)).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(store.find(key("oc"))).contains(before);
    }

    @Test
    void updates_of_a_missing_record_fail_with_version_0() {
        assertThatThrownBy(() -> store.replace(key("none"), 1, secret("x")))
                .isInstanceOfSatisfying(ConcurrentUpdateException.class,
                        e -> assertThat(e.actualVersion()).isZero());
        assertThatThrownBy(() -> store.delete(key("none"), 1)).isInstanceOf(ConcurrentUpdateException.class);
    }

    @Test
    void delete_removes_the_record() {
        store.create(key("oc"), secret("x"));

        store.delete(key("oc"), 1);

        assertThat(store.find(key("oc"))).isEmpty();
        assertThat(store.create(key("oc"), secret("again")).version()).isEqualTo(1);
    }

    @Test
    void list_by_tenant_isolates_tenants_and_orders_by_service() {
        store.create(key("b-service"), secret("1"));
        store.create(key("a-service"), secret("2"));
        store.create(new CredentialKey(OTHER_TENANT, ServiceId.of("a-service")), secret("3"));

        assertThat(store.listByTenant(TENANT)).extracting(r -> r.key().service().value())
                .containsExactly("a-service", "b-service");
        assertThat(store.listByTenant(OTHER_TENANT)).singleElement()
                .satisfies(r -> assertThat(r.credential()).isEqualTo(secret("3")));
        assertThat(store.listAll()).extracting(CredentialRecord::key).containsExactly(key("a-service"),
                key("b-service"), new CredentialKey(OTHER_TENANT, ServiceId.of("a-service")));
    }

    @Test
    void concurrent_compare_and_set_loses_no_update() throws Exception {
        store.create(key("hot"), secret("start"));
        int writers = concurrentWriters();
        int each = writesPerWriter();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        Set<Long> versionsWon = ConcurrentHashMap.newKeySet();
        AtomicInteger conflicts = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; ) {
                        CredentialRecord seen = store.find(key("hot")).orElseThrow();
                        try {
                            CredentialRecord won = store.replace(key("hot"), seen.version(),
                                    secret("w" + writer + "-" + i));
                            assertThat(versionsWon.add(won.version())).as("version handed out twice").isTrue();
                            i++;
                        } catch (ConcurrentUpdateException lost) {
                            conflicts.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.find(key("hot")).orElseThrow().version()).isEqualTo(1L + (long) writers * each);
        assertThat(versionsWon).hasSize(writers * each);
    }

    @Test
    void concurrent_creates_have_exactly_one_winner() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger wins = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.create(key("race"), secret("t" + n));
                        wins.incrementAndGet();
                    } catch (ConcurrentUpdateException expected) {
                        // lost the race
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(wins).hasValue(1);
        assertThat(store.find(key("race")).orElseThrow().version()).isEqualTo(1);
    }
}
