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
 * Parse and validate a bulk file without a tenant, on one thread: the score is rows per second (target ≥ 500,000).
 * The file (100,000 rows) is written once and read from the page cache, so the figure is the reader's, not the disk's.
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
