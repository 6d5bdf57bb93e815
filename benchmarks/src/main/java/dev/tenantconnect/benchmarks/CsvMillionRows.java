package dev.tenantconnect.benchmarks;

import dev.tenantconnect.bulk.BulkFileFormat;
import dev.tenantconnect.bulk.FileReport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Validates a file of a million rows (or the count given) in whatever heap the JVM was started with — the target
 * is {@code -Xmx64m} — and prints rows, time, rows per second and the sum of the heap pools' peaks (an upper bound:
 * the pools peak at different moments). With {@code --parallel} it validates with every core
 * ({@link BulkFileFormat#withParallelism}). Exits 1 if the file does not validate cleanly.
 */
public final class CsvMillionRows {
    private CsvMillionRows() {
    }

    /**
     * @param args optional row count (default 1,000,000), optional {@code --parallel}
     * @throws Exception if the file cannot be written or read
     */
    public static void main(String[] args) throws Exception {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        boolean parallel = all.remove("--parallel");
        int rows = all.size() > 0 ? Integer.parseInt(all.get(0)) : 1_000_000;
        int threads = parallel ? Runtime.getRuntime().availableProcessors() : 1;
        Path file = Files.createTempFile("bulk-million", ".csv");
        try {
            BulkFiles.write(file, rows);
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            long t0 = System.nanoTime();
            FileReport r = BulkFileFormat.standard().withParallelism(threads).validate(file);
            long nanos = System.nanoTime() - t0;
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("threads=%d rows=%d valid=%d problems=%d file=%d MB time=%d ms rows/s=%.0f "
                    + "maxHeap=%d MB sumOfHeapPoolPeaks=%d MB%n", threads, r.rows(), r.validRows(), r.problemCount(),
                    Files.size(file) >> 20, nanos / 1_000_000, r.rows() * 1e9 / nanos,
                    Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
            if (!r.ok() || r.rows() != rows) {
                System.out.print(r.toText());
                System.exit(1);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
