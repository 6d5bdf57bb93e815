package dev.tenantconnect.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.jdbc.JdbcNumberInventory;
import dev.tenantconnect.jdbc.JdbcStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Allocation throughput on embedded PostgreSQL: N allocator threads, split over two store instances (two platform
 * instances on one database, each with its own HikariCP pool), drain a pool of numbers with
 * {@link NumberInventory#allocate}. Prints allocations per second and duplicates for each run.
 *
 * <p>Arguments: threads (16), numbers per run (20,000), runs (3).
 */
public final class PostgresAllocation {
    private PostgresAllocation() {
    }

    /**
     * @param args threads, numbers, runs
     * @throws Exception if PostgreSQL cannot start
     */
    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int numbers = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            for (int run = 1; run <= runs; run++) {
                String db = "alloc_" + run;
                try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + db);
                }
                try (HikariDataSource a = pool(pg, db, threads / 2 + 1); HikariDataSource b = pool(pg, db,
                        threads / 2 + 1)) {
                    JdbcStores.migrate(a);
                    NumberInventory ia = inventory(a);
                    NumberInventory ib = inventory(b);
                    ia.importNumbers(PhoneNumberRange.parse("+6561000000..+65610" + String.format("%05d",
                            numbers - 1)), NumberAttributes.of("SG", "6561", NumberType.OPERATOR_CONNECT,
                                    NumberUsage.USER), "bench");
                    measure(run, threads, numbers, ia, ib);
                }
            }
        }
    }

    private static HikariDataSource pool(EmbeddedPostgres pg, String db, int size) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(pg.getDatabase("postgres", db));
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    private static NumberInventory inventory(HikariDataSource ds) {
        return new JdbcNumberInventory(ds, new NumberLifecycle(QuarantinePolicy.DEFAULT, Clock.systemUTC()),
                Clock.systemUTC(), new SplittableRandom(1));
    }

    private static void measure(int run, int threads, int numbers, NumberInventory ia, NumberInventory ib)
            throws Exception {
        TenantId tenant = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000f1");
        Set<PhoneNumber> got = ConcurrentHashMap.newKeySet();
        AtomicLong duplicates = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            NumberInventory inv = t % 2 == 0 ? ia : ib;
            String holder = "bench-" + t;
            futures.add(pool.submit(() -> {
                start.await();
                int mine = 0;
                Optional<InventoryNumber> r;
                while ((r = inv.allocate(AllocationRequest.lowest(tenant, "SG", holder))).isPresent()) {
                    if (!got.add(r.get().number())) {
                        duplicates.incrementAndGet();
                    }
                    mine++;
                }
                return mine;
            }));
        }
        long t0 = System.nanoTime();
        start.countDown();
        long total = 0;
        for (Future<Integer> f : futures) {
            total += f.get();
        }
        long nanos = System.nanoTime() - t0;
        pool.shutdown();
        System.out.printf("run %d: %d allocators on 2 instances, %d allocations in %d ms = %.0f allocations/s, "
                + "%d duplicates, %d distinct (pool %d)%n", run, threads, total, nanos / 1_000_000,
                total * 1e9 / nanos, duplicates.get(), got.size(), numbers);
    }
}
