package dev.tenantconnect.examples.crash;

import dev.tenantconnect.bulk.BulkJob;
import dev.tenantconnect.bulk.BulkPlan;
import dev.tenantconnect.bulk.BulkReport;
import dev.tenantconnect.graph.CloudEnvironment;
import dev.tenantconnect.graph.GraphConnector;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The process the JDBC crash test kills: runs the bulk file on the JDBC stores against a simulator given by URL,
 * printing {@code JOB id}, then {@code FINISHED n} after each row, until it ends or is killed. With a commit number
 * {@code k > 0}, the {@code k}-th database commit does not happen: the child prints {@code INTX k} with the
 * transaction's statements executed but not committed and waits to be killed, so the kill lands inside a
 * transaction for certain.
 *
 * <p>Arguments: login URL, Graph URL, provisioning URL, certificate PEM, JDBC URL, CSV file, k (0: no stop).
 */
public final class JdbcBulkChild {
    private JdbcBulkChild() {
    }

    /**
     * @param args see the class comment
     * @throws InterruptedException never: the child waits to be killed
     */
    public static void main(String[] args) throws InterruptedException {
        PrintWriter out = new PrintWriter(System.out, true);
        GraphConnector graph = GraphConnector.builder()
                .cloud(CloudEnvironment.custom(URI.create(args[0]), URI.create(args[1])).allowingStoredCredentials())
                .trustCertificates(Path.of(args[3])).resilience(CrashWorld.policies()).build();
        AtomicInteger commits = new AtomicInteger();
        DataSource ds = stoppingAtCommit(CrashWorld.pool(args[4]), commits, Integer.parseInt(args[6]), out);
        CrashWorld.Wired w = CrashWorld.wire(graph, URI.create(args[2]), ds, Clock.systemUTC());
        BulkPlan plan = w.bulk().plan(Path.of(args[5]), CrashWorld.KEY, CrashWorld.options());
        BulkJob job = w.bulk().start(plan, p -> out.println("FINISHED " + p.finished()));
        out.println("JOB " + job.jobId());
        BulkReport r = job.await();
        out.println("END " + r.summary() + "; " + commits.get() + " commits");
    }

    /**
     * Counts commits over every connection into {@code commits}; the {@code stopAt}-th never returns (0: none stops).
     */
    static DataSource stoppingAtCommit(DataSource ds, AtomicInteger commits, int stopAt, PrintWriter out) {
        CountDownLatch never = new CountDownLatch(1);
        InvocationHandler onDataSource = (proxy, m, a) -> {
            Object r = invoke(ds, m, a);
            if (!(r instanceof Connection c)) {
                return r;
            }
            return Proxy.newProxyInstance(JdbcBulkChild.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (p, cm, ca) -> {
                        if (cm.getName().equals("commit") && commits.incrementAndGet() == stopAt) {
                            out.println("INTX " + stopAt);
                            never.await(); // killed here, the transaction open
                        }
                        return invoke(c, cm, ca);
                    });
        };
        return (DataSource) Proxy.newProxyInstance(JdbcBulkChild.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, onDataSource);
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] a) throws Throwable {
        try {
            return m.invoke(target, a);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
