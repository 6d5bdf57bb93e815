package dev.tenantconnect.bulk;

import dev.tenantconnect.graph.CloudEnvironment;
import dev.tenantconnect.graph.GraphConnector;
import java.net.URI;
import java.nio.file.Path;

/**
 * The process the crash test kills: runs a bulk file against a simulator given by URL, printing the job ID and one
 * line per finished row, until it finishes or is killed.
 *
 * <p>Arguments: login URL, Graph URL, provisioning URL, certificate PEM, jobs directory, CSV file.
 */
public final class BulkChild {
    private BulkChild() {
    }

    /**
     * @param args see the class comment
     */
    public static void main(String[] args) {
        GraphConnector graph = GraphConnector.builder()
                .cloud(CloudEnvironment.custom(URI.create(args[0]), URI.create(args[1])))
                .trustCertificates(Path.of(args[3])).resilience(BulkFixture.policies()).build();
        BulkFixture.Wired w = BulkFixture.wire(graph, URI.create(args[2]), Path.of(args[4]));
        BulkPlan plan = w.bulk().plan(Path.of(args[5]), BulkFixture.KEY, BulkFixture.options());
        BulkJob job = w.bulk().start(plan, p -> {
            System.out.println("FINISHED " + p.finished());
            System.out.flush();
        });
        System.out.println("JOB " + job.jobId());
        System.out.flush();
        BulkReport r = job.await();
        System.out.println("END " + r.summary());
        System.out.flush();
    }
}
