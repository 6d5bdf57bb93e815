package dev.tenantconnect.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tenantconnect.core.model.ClientId;
import dev.tenantconnect.core.model.TenantId;
import dev.tenantconnect.core.pacing.BudgetKey;
import dev.tenantconnect.core.pacing.PacingBudget;
import dev.tenantconnect.jdbc.JdbcPacingBudget;
import dev.tenantconnect.jdbc.JdbcStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * What one round trip to the shared pacing budget costs on embedded PostgreSQL: N instances (each its own HikariCP
 * pool and {@link JdbcPacingBudget}) with T threads each take permits from one tenant's bucket as fast as they can
 * (the rate set so high the bucket never runs dry, so every take is a full lock-update-commit on the one contended
 * row), for S seconds per lease size. Prints per lease size: round trips per second, the mean wall time of one round
 * trip, and that time spread over the permits of one lease (what each paced call pays).
 *
 * <p>Arguments: {@code [instances (3)] [threads per instance (2)] [seconds (5)] [--runs N (1)]}.
 */
public final class ClusterBudgetCost {
    private static final BudgetKey KEY = new BudgetKey(ClientId.parse("5a1b2c3d-0000-4000-8000-0000000000b1"),
            TenantId.parse("6b17bc95-fa47-49bf-8b00-0000000000b1"));
    private static final int[] LEASES = {1, 4, 16};

    private ClusterBudgetCost() {
    }

    /**
     * @param args instances, threads per instance, seconds, {@code --runs N}
     * @throws Exception if PostgreSQL cannot start
     */
    public static void main(String[] args) throws Exception {
        List<String> all = List.of(args);
        List<String> pos = Runs.positional(all);
        int instances = pos.size() > 0 ? Integer.parseInt(pos.get(0)) : 3;
        int threads = pos.size() > 1 ? Integer.parseInt(pos.get(1)) : 2;
        int seconds = pos.size() > 2 ? Integer.parseInt(pos.get(2)) : 5;
        int runs = Runs.runs(all, 1);
        System.out.printf(Locale.ROOT, "load before: %s; %d instances x %d threads, %d s per lease size%n",
                Runs.load(), instances, threads, seconds);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            for (int run = 1; run <= runs; run++) {
                for (int lease : LEASES) {
                    String db = "budget_" + run + "_" + lease;
                    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                        s.execute("CREATE DATABASE " + db);
                    }
                    JdbcStores.migrate(pg.getDatabase("postgres", db));
                    List<HikariDataSource> pools = new ArrayList<>();
                    List<PacingBudget> budgets = new ArrayList<>();
                    for (int i = 0; i < instances; i++) {
                        HikariDataSource pool = pool(pg.getDatabase("postgres", db), threads);
                        pools.add(pool);
                        budgets.add(new JdbcPacingBudget(pool, Clock.systemUTC()));
                    }
                    long[] perThread = measure(budgets, threads, lease, seconds);
                    long trips = Arrays.stream(perThread).sum();
                    double perTrip = seconds * 1e6 * instances * threads / trips;
                    System.out.printf(Locale.ROOT, "run %d lease %2d: %,8.0f round trips/s, %7.1f us per round trip "
                            + "(%d concurrent), %6.1f us per permit%n", run, lease, trips / (double) seconds, perTrip,
                            instances * threads, perTrip / lease);
                    pools.forEach(HikariDataSource::close);
                }
            }
        }
        System.out.printf(Locale.ROOT, "load after: %s%n", Runs.load());
    }

    private static long[] measure(List<PacingBudget> budgets, int threads, int lease, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(budgets.size() * threads);
        try {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            List<Future<Long>> work = new ArrayList<>();
            for (PacingBudget b : budgets) {
                for (int t = 0; t < threads; t++) {
                    work.add(pool.submit(() -> {
                        long trips = 0;
                        while (System.nanoTime() < end) {
                            b.take(KEY, lease, OptionalDouble.empty(), 1e9);
                            trips++;
                        }
                        return trips;
                    }));
                }
            }
            long[] out = new long[work.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = work.get(i).get();
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static HikariDataSource pool(DataSource ds, int size) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(ds);
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }
}
