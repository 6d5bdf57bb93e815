package dev.tenantconnect.examples.crash;

import dev.tenantconnect.bulk.BulkJob;
import dev.tenantconnect.bulk.BulkReport;
import dev.tenantconnect.core.job.JobUnits;
import dev.tenantconnect.graph.CloudEnvironment;
import dev.tenantconnect.graph.GraphConnector;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * One instance of the operator's platform in the joined-job kill test: on the JDBC stores (PostgreSQL) against a
 * simulator given by URL, it either starts the bulk file as a job any instance can join ({@code start}: prints
 * {@code JOB id}) or waits for such a job and joins it ({@code join}: prints {@code WAITING}, then {@code JOINED id}).
 * Then it prints {@code FINISHED n} after each row it concludes and {@code END summary} when the whole job is done.
 *
 * <p>Arguments: login URL, Graph URL, provisioning URL, certificate PEM, JDBC URL, CSV file, {@code start} or
 * {@code join}, lease in milliseconds, rows per work unit.
 */
public final class JoinedJobChild {
    private JoinedJobChild() {
    }

    /**
     * @param args see the class comment
     * @throws InterruptedException if interrupted while waiting for the job
     */
    public static void main(String[] args) throws InterruptedException {
        PrintWriter out = new PrintWriter(System.out, true);
        GraphConnector graph = GraphConnector.builder()
                .cloud(CloudEnvironment.custom(URI.create(args[0]), URI.create(args[1])).allowingStoredCredentials())
                .trustCertificates(Path.of(args[3])).resilience(CrashWorld.policies()).build();
        CrashWorld.Wired w = CrashWorld.wire(graph, URI.create(args[2]), CrashWorld.pool(args[4]), Clock.systemUTC(),
                Duration.ofMillis(Long.parseLong(args[7])));
        BulkJob job;
        if (args[6].equals("start")) {
            job = w.bulk().startJoinable(w.bulk().plan(Path.of(args[5]), CrashWorld.KEY, CrashWorld.options()),
                    Integer.parseInt(args[8]), p -> out.println("FINISHED " + p.finished()));
            out.println("JOB " + job.jobId());
        } else {
            out.println("WAITING");
            String jobId = null;
            while (jobId == null) {
                List<String> ids = w.journal().jobIds();
                if (!ids.isEmpty() && !((JobUnits) w.journal()).units(ids.get(0)).isEmpty()) {
                    jobId = ids.get(0);
                } else {
                    Thread.sleep(50); // a child process polling its parent's job: not a test's timing
                }
            }
            job = w.bulk().join(jobId, p -> out.println("FINISHED " + p.finished()));
            out.println("JOINED " + jobId);
        }
        BulkReport r = job.await();
        out.println("END " + r.summary());
    }
}
