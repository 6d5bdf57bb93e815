package dev.tenantconnect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.inventory.AllocationRequest;
import dev.tenantconnect.core.inventory.InventoryNumber;
import dev.tenantconnect.core.inventory.NumberAttributes;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.inventory.NumberType;
import dev.tenantconnect.core.inventory.NumberUsage;
import dev.tenantconnect.core.model.PhoneNumber;
import dev.tenantconnect.core.model.PhoneNumberRange;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.NumberState;
import dev.tenantconnect.core.number.QuarantinePolicy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two platform instances (two store objects, one database) with 8 allocator threads each drain a pool — 10,000
 * numbers on PostgreSQL, 2,000 on H2 (the embedded single-node default, where allocations queue on one lock row) —
 * and no number is handed out twice, and every allocation is accounted for in the database.
 */
class SharedInventoryConcurrencyTest {
    static final int THREADS = 16;
    static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000d1");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"postgres, 10000", "h2, 2000"})
    void sixteen_allocators_on_two_instances_never_share_a_number(String database, int numbers) throws Exception {
        Supplier<DataSource> db = database.equals("postgres") ? Databases::postgres : Databases::h2;
        DataSource ds = db.get();
        List<NumberInventory> instances = List.of(inventory(ds), inventory(ds));
        instances.get(0).importNumbers(PhoneNumberRange.parse("+6560000000..+656000" + String.format("%04d",
                numbers - 1)),
                NumberAttributes.of("SG", "6560", NumberType.OPERATOR_CONNECT, NumberUsage.USER), "test");

        Set<PhoneNumber> got = ConcurrentHashMap.newKeySet();
        List<PhoneNumber> duplicates = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                NumberInventory inv = instances.get(t % 2);
                String holder = "instance-" + (t % 2) + "-thread-" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    int mine = 0;
                    while (true) {
                        Optional<InventoryNumber> r = inv.allocate(AllocationRequest.lowest(TENANT, "SG", holder));
                        if (r.isEmpty()) {
                            return mine;
                        }
                        if (!got.add(r.get().number())) {
                            duplicates.add(r.get().number());
                        }
                        mine++;
                    }
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : futures) {
                total += f.get(10, TimeUnit.MINUTES);
            }
            assertThat(duplicates).as("numbers handed out twice").isEmpty();
            assertThat(total).isEqualTo(numbers);
        } finally {
            pool.shutdownNow();
        }
        assertThat(got).hasSize(numbers);
        var capacity = instances.get(1).capacity(java.time.Duration.ofDays(1));
        assertThat(capacity.byState()).containsEntry(NumberState.RESERVED, (long) numbers);
        assertThat(capacity.byTenant()).containsEntry(TENANT, (long) numbers);
        assertThat(instances.get(1).history(PhoneNumber.parse("+6560001234"))).extracting(t -> t.to())
                .containsExactly(NumberState.AVAILABLE, NumberState.RESERVED);
    }

    private static NumberInventory inventory(DataSource ds) {
        return new JdbcNumberInventory(ds, new NumberLifecycle(QuarantinePolicy.DEFAULT, Clock.systemUTC()),
                Clock.systemUTC(), new SplittableRandom(3));
    }
}
