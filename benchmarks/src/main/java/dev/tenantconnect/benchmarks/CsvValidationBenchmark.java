package dev.tenantconnect.benchmarks;

import dev.tenantconnect.bulk.BulkFileFormat;
import dev.tenantconnect.bulk.FileReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse and validate a bulk file without a tenant, as a share of Jackson's raw parse of the same file (the floor: no
 * checks, no digest), on one thread, and with every core ({@link BulkFileFormat#withParallelism}). The file (100,000
 * rows) is written once and read from the page cache, so the figure is the reader's, not the disk's.
 *
 * <p>{@link #main} is the harness the documented figures come from: {@code [rows (100,000)] [--runs N (3)]}; each run
 * measures the three side by side (interleaved, so a change in the machine's load hits all three) and prints rows per
 * second (wall clock; the single-thread ones also per CPU second of the thread), the shares, and at the end the median
 * and min–max over the runs and the machine's load. The JMH methods measure the same with JMH.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CsvValidationBenchmark {
    static final int ROWS = 100_000;
    private final BulkFileFormat format = BulkFileFormat.standard();
    private Path file;

    /** Writes the file. */
    @Setup
    public void write() throws IOException {
        file = Files.createTempFile("bulk-bench", ".csv");
        BulkFiles.write(file, ROWS);
    }

    /** Deletes the file. */
    @TearDown
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    /**
     * The floor: the same file through Jackson CSV alone, no checks, no digest.
     *
     * @return the number of cells read
     * @throws IOException if reading fails
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long jacksonOnlyBaseline() throws IOException {
        long cells = 0;
        try (var in = Files.newInputStream(file);
                var p = new com.fasterxml.jackson.dataformat.csv.CsvFactory().createParser(in)) {
            com.fasterxml.jackson.core.JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                    cells += p.getText().length();
                }
            }
        }
        return cells;
    }

    /**
     * @param args {@code [rows] [--runs N]}
     * @throws IOException if the file cannot be written or read
     */
    public static void main(String[] args) throws IOException {
        java.util.List<String> all = java.util.List.of(args);
        java.util.List<String> pos = Runs.positional(all);
        int rows = pos.isEmpty() ? ROWS : Integer.parseInt(pos.get(0));
        int runs = Runs.runs(all, 3);
        int cores = Runtime.getRuntime().availableProcessors();
        String loadBefore = Runs.load();
        CsvValidationBenchmark b = new CsvValidationBenchmark();
        b.file = Files.createTempFile("bulk-bench", ".csv");
        try {
            BulkFiles.write(b.file, rows);
            BulkFileFormat parallel = BulkFileFormat.standard().withParallelism(cores);
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            // warm-up: every path compiled before anything counts
            long until = System.nanoTime() + 6_000_000_000L;
            while (System.nanoTime() < until) {
                b.jacksonOnlyBaseline();
                b.format.validate(b.file);
                parallel.validate(b.file);
            }
            double[][] perRun = new double[7][runs];
            for (int run = 0; run < runs; run++) {
                long[] wall = new long[3];
                long[] thread = new long[2];
                for (int round = 0; round < 8; round++) {
                    long c0 = cpu.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    b.jacksonOnlyBaseline();
                    long t1 = System.nanoTime();
                    long c1 = cpu.getCurrentThreadCpuTime();
                    FileReport one = b.format.validate(b.file);
                    long t2 = System.nanoTime();
                    long c2 = cpu.getCurrentThreadCpuTime();
                    FileReport many = parallel.validate(b.file);
                    long t3 = System.nanoTime();
                    if (!one.ok() || !one.equals(many)) {
                        throw new IllegalStateException("the reports differ or the file is not valid");
                    }
                    wall[0] += t1 - t0;
                    wall[1] += t2 - t1;
                    wall[2] += t3 - t2;
                    thread[0] += c1 - c0;
                    thread[1] += c2 - c1;
                }
                double n = 8.0 * rows * 1e9;
                perRun[0][run] = n / wall[0];
                perRun[1][run] = n / wall[1];
                perRun[2][run] = n / wall[2];
                perRun[3][run] = (double) wall[0] / wall[1];
                perRun[4][run] = (double) wall[1] / wall[2];
                perRun[5][run] = (double) thread[0] / thread[1];
                perRun[6][run] = n / thread[1];
                System.out.printf(java.util.Locale.ROOT, "run %d: Jackson raw parse %.0f rows/s | validate, 1 thread "
                        + "%.0f rows/s = %.2f of the parse (per CPU second: %.0f rows/s = %.2f) | validate, %d threads "
                        + "%.0f rows/s = %.2fx one thread | %s%n", run + 1, perRun[0][run], perRun[1][run],
                        perRun[3][run], perRun[6][run], perRun[5][run], cores, perRun[2][run], perRun[4][run],
                        Runs.load());
            }
            System.out.printf("%d runs, %d rows (%d MB), %d cores:%n", runs, rows, Files.size(b.file) >> 20, cores);
            System.out.println("  Jackson raw parse:            " + Runs.summary(perRun[0], "%.0f") + " rows/s");
            System.out.println("  validate, 1 thread:           " + Runs.summary(perRun[1], "%.0f") + " rows/s");
            System.out.println("  share of the parse:           " + Runs.summary(perRun[3], "%.2f"));
            System.out.println("  share of the parse, CPU time: " + Runs.summary(perRun[5], "%.2f"));
            System.out.println("  validate, " + cores + " threads:          " + Runs.summary(perRun[2], "%.0f")
                    + " rows/s");
            System.out.println("  parallel / one thread:        " + Runs.summary(perRun[4], "%.2f"));
            System.out.println("  machine: " + loadBefore + " before, " + Runs.load() + " after");
        } finally {
            Files.deleteIfExists(b.file);
        }
    }

    /** @return the report (consumed by JMH) */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public FileReport validate() {
        FileReport r = format.validate(file);
        if (!r.ok()) {
            throw new IllegalStateException(r.toText());
        }
        return r;
    }
}
