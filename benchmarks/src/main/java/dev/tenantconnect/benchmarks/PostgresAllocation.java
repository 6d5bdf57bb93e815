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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Allocation throughput on embedded PostgreSQL, as a share of the database's floor measured beside it. Each run,
 * on the same server with the same connections (N threads over two HikariCP pools: two platform instances on one
 * database), drains a fresh pool of numbers four ways, each in a database of its own, in ten alternating slices (a
 * tenth of each pool in turn, so that a change in the machine's load hits all four alike):
 * <ol>
 *   <li>the floor: the simplest transaction that claims one row, {@code UPDATE tc_number SET state = 'RESERVED'
 *   WHERE digits = (SELECT digits ... ORDER BY digits LIMIT 1 FOR UPDATE SKIP LOCKED)} in auto-commit, nothing
 *   recorded;</li>
 *   <li>{@link NumberInventory#allocate(AllocationRequest)}: one number per call, history and allocation recorded;</li>
 *   <li>{@link NumberInventory#allocate(AllocationRequest, int)}: batches of B numbers per call;</li>
 *   <li>the bulk path, {@link NumberInventory#allocate(AllocationRequest, List)}: batches of B numbers per call, each
 *   reserved for a holder of its own (a bulk run's row), checked on every number returned.</li>
 * </ol>
 * Prints per run allocations/s, the share of the floor and duplicates (always checked), then the median and
 * min–max of each over the runs, and the machine's load before and after.
 *
 * <p>Arguments: {@code [threads (16)] [numbers per run (20,000)] [batch (100)] [--runs N (3)]}.
 */
public final class PostgresAllocation {
    private static final TenantId TENANT = TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000f1");

    private PostgresAllocation() {
    }

    /**
     * @param args threads, numbers, batch size, {@code --runs N}
     * @throws Exception if PostgreSQL cannot start
     */
    public static void main(String[] args) throws Exception {
        List<String> all = List.of(args);
        List<String> pos = Runs.positional(all);
        int threads = pos.size() > 0 ? Integer.parseInt(pos.get(0)) : 16;
        int numbers = pos.size() > 1 ? Integer.parseInt(pos.get(1)) : 20_000;
        int batch = pos.size() > 2 ? Integer.parseInt(pos.get(2)) : 100;
        int runs = Runs.runs(all, 3);
        String loadBefore = Runs.load();
        double[] floor = new double[runs];
        double[] single = new double[runs];
        double[] batched = new double[runs];
        double[] bulk = new double[runs];
        long duplicates = 0;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            for (int run = 1; run <= runs; run++) {
                Stores f = stores(pg, "floor_" + run, threads, numbers);
                Stores one = stores(pg, "single_" + run, threads, numbers);
                Stores many = stores(pg, "batch_" + run, threads, numbers);
                Stores rows = stores(pg, "bulk_" + run, threads, numbers);
                long[] nanos = new long[4];
                Set<String> claimed = ConcurrentHashMap.newKeySet();
                Set<PhoneNumber> singles = ConcurrentHashMap.newKeySet();
                Set<PhoneNumber> batches = ConcurrentHashMap.newKeySet();
                AtomicLong dupSingle = new AtomicLong();
                AtomicLong dupBatch = new AtomicLong();
                Set<PhoneNumber> held = ConcurrentHashMap.newKeySet();
                AtomicLong dupHeld = new AtomicLong();
                int slices = 10;
                for (int slice = 0; slice < slices; slice++) {
                    int quota = numbers / slices;
                    nanos[0] += floorSlice(threads, quota, f, claimed);
                    nanos[1] += allocateSlice(threads, quota, one, 1, singles, dupSingle);
                    nanos[2] += allocateSlice(threads, quota, many, batch, batches, dupBatch);
                    nanos[3] += bulkSlice(threads, quota, rows, batch, held, dupHeld);
                }
                for (Stores x : List.of(f, one, many, rows)) {
                    x.close();
                }
                if (claimed.size() != numbers) {
                    throw new IllegalStateException("the floor claimed " + claimed.size() + " of " + numbers);
                }
                floor[run - 1] = numbers * 1e9 / nanos[0];
                Result s = new Result(numbers * 1e9 / nanos[1], dupSingle.get(), singles.size());
                Result m = new Result(numbers * 1e9 / nanos[2], dupBatch.get(), batches.size());
                Result b = new Result(numbers * 1e9 / nanos[3], dupHeld.get(), held.size());
                single[run - 1] = s.perSecond;
                batched[run - 1] = m.perSecond;
                bulk[run - 1] = b.perSecond;
                duplicates += s.duplicates + m.duplicates + b.duplicates;
                System.out.printf(Locale.ROOT, "run %d: floor %.0f claims/s | allocate %.0f/s = %.2f of the floor "
                        + "(%d duplicates, %d distinct of %d) | batches of %d: %.0f numbers/s = %.2f of the floor "
                        + "(%d duplicates, %d distinct) | bulk path, a holder per number: %.0f numbers/s = %.2f of "
                        + "the floor (%d duplicates, %d distinct)%n", run, floor[run - 1], s.perSecond,
                        s.perSecond / floor[run - 1], s.duplicates, s.distinct, numbers, batch, m.perSecond,
                        m.perSecond / floor[run - 1], m.duplicates, m.distinct, b.perSecond,
                        b.perSecond / floor[run - 1], b.duplicates, b.distinct);
            }
        }
        double[] share = new double[runs];
        double[] batchShare = new double[runs];
        double[] bulkShare = new double[runs];
        for (int i = 0; i < runs; i++) {
            share[i] = single[i] / floor[i];
            batchShare[i] = batched[i] / floor[i];
            bulkShare[i] = bulk[i] / floor[i];
        }
        System.out.printf(Locale.ROOT, "%d runs, %d threads over 2 instances, %d numbers per run:%n", runs, threads,
                numbers);
        System.out.println("  floor (claim one row):   " + Runs.summary(floor, "%.0f") + " claims/s");
        System.out.println("  allocate (one number):   " + Runs.summary(single, "%.0f") + " allocations/s");
        System.out.println("  share of the floor:      " + Runs.summary(share, "%.2f"));
        System.out.println("  allocate (batches of " + batch + "): " + Runs.summary(batched, "%.0f") + " numbers/s");
        System.out.println("  batch share of the floor: " + Runs.summary(batchShare, "%.2f"));
        System.out.println("  bulk path (batches of " + batch + ", a holder per number): " + Runs.summary(bulk,
                "%.0f") + " numbers/s");
        System.out.println("  bulk path share of the floor: " + Runs.summary(bulkShare, "%.2f"));
        System.out.println("  duplicates: " + duplicates);
        System.out.println("  machine: " + loadBefore + " before, " + Runs.load() + " after");
    }

    /** One database with the numbers imported, as two platform instances see it. */
    private record Stores(HikariDataSource a, HikariDataSource b, NumberInventory ia, NumberInventory ib) {
        void close() {
            a.close();
            b.close();
        }
    }

    private static Stores stores(EmbeddedPostgres pg, String db, int threads, int numbers) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        HikariDataSource a = pool(pg, db, threads / 2 + 1);
        HikariDataSource b = pool(pg, db, threads / 2 + 1);
        JdbcStores.migrate(a);
        NumberInventory ia = inventory(a);
        NumberInventory ib = inventory(b);
        ia.importNumbers(PhoneNumberRange.parse("+6561000000..+65610" + String.format("%05d", numbers - 1)),
                NumberAttributes.of("SG", "6561", NumberType.OPERATOR_CONNECT, NumberUsage.USER), "bench");
        try (Connection c = a.getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE tc_number");
        }
        return new Stores(a, b, ia, ib);
    }

    private static HikariDataSource pool(EmbeddedPostgres pg, String db, int size) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(pg.getDatabase("postgres", db));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        return new HikariDataSource(config);
    }

    private static NumberInventory inventory(HikariDataSource ds) {
        return new JdbcNumberInventory(ds, new NumberLifecycle(QuarantinePolicy.DEFAULT, Clock.systemUTC()),
                Clock.systemUTC(), new SplittableRandom(1));
    }

    private record Result(double perSecond, long duplicates, int distinct) {
    }

    /** The floor: claims {@code quota} rows with the simplest SKIP LOCKED update; the nanoseconds taken. */
    private static long floorSlice(int threads, int quota, Stores s, Set<String> got) throws Exception {
        // the numbers here have no extension: the key is the digits. The pick is the allocation's own, with the
        // same bound parameters, so that both get the same plan
        String sql = "UPDATE tc_number SET state = 'RESERVED' WHERE ext = '' AND digits = (SELECT digits FROM "
                + "tc_number WHERE state = 'AVAILABLE' AND country = ? AND usage_kind = ? ORDER BY digits, ext "
                + "LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING digits";
        AtomicLong left = new AtomicLong(quota);
        return drain(threads, t -> {
            HikariDataSource ds = t % 2 == 0 ? s.a : s.b;
            int mine = 0;
            while (left.getAndDecrement() > 0) {
                try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, "SG");
                    ps.setString(2, "USER");
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return mine;
                        }
                        got.add(rs.getString(1));
                        mine++;
                    }
                }
            }
            return mine;
        });
    }

    /** Allocates {@code quota} numbers, {@code batch} per call; the nanoseconds taken. */
    private static long allocateSlice(int threads, int quota, Stores s, int batch, Set<PhoneNumber> got,
            AtomicLong duplicates) throws Exception {
        AtomicLong left = new AtomicLong(quota);
        return drain(threads, t -> {
            NumberInventory inv = t % 2 == 0 ? s.ia : s.ib;
            AllocationRequest request = AllocationRequest.lowest(TENANT, "SG", "bench-" + t);
            int mine = 0;
            long n;
            while ((n = left.getAndAdd(-batch)) > 0) {
                List<InventoryNumber> r = batch == 1 ? inv.allocate(request).stream().toList()
                        : inv.allocate(request, (int) Math.min(batch, n));
                if (r.isEmpty()) {
                    return mine;
                }
                for (InventoryNumber x : r) {
                    if (!got.add(x.number())) {
                        duplicates.incrementAndGet();
                    }
                }
                mine += r.size();
            }
            return mine;
        });
    }

    /**
     * The bulk path: allocates {@code quota} numbers, {@code batch} per call, each reserved for a holder of its own
     * (as a bulk run's rows); checks that the i-th number came back held by the i-th holder. The nanoseconds taken.
     */
    private static long bulkSlice(int threads, int quota, Stores s, int batch, Set<PhoneNumber> got,
            AtomicLong duplicates) throws Exception {
        AtomicLong left = new AtomicLong(quota);
        return drain(threads, t -> {
            NumberInventory inv = t % 2 == 0 ? s.ia : s.ib;
            AllocationRequest request = AllocationRequest.lowest(TENANT, "SG", "bulk:bench-" + t);
            int mine = 0;
            long n;
            while ((n = left.getAndAdd(-batch)) > 0) {
                List<String> holders = new ArrayList<>();
                for (int i = 0; i < Math.min(batch, n); i++) {
                    holders.add("bulk:bench-" + t + ":" + (mine + i));
                }
                List<InventoryNumber> r = inv.allocate(request, holders);
                if (r.isEmpty()) {
                    return mine;
                }
                for (int i = 0; i < r.size(); i++) {
                    InventoryNumber x = r.get(i);
                    if (!x.reservation().orElseThrow().holder().equals(holders.get(i))) {
                        throw new IllegalStateException("number " + i + " of a batch not held by holder " + i);
                    }
                    if (!got.add(x.number())) {
                        duplicates.incrementAndGet();
                    }
                }
                mine += r.size();
            }
            return mine;
        });
    }

    /** Work of one thread: returns how many it claimed. */
    @FunctionalInterface
    private interface Drainer {
        int run(int thread) throws Exception;
    }

    /** Runs the threads from one start signal until each is done; returns the nanoseconds taken. */
    private static long drain(int threads, Drainer work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.run(thread);
                }));
            }
            long t0 = System.nanoTime();
            start.countDown();
            for (Future<Integer> f : futures) {
                f.get();
            }
            return System.nanoTime() - t0;
        } finally {
            pool.shutdown();
        }
    }
}
