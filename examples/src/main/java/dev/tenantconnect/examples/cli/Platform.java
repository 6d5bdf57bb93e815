package dev.tenantconnect.examples.cli;

import dev.tenantconnect.core.job.FileJobJournal;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.core.billing.InMemoryUsageLedger;
import dev.tenantconnect.core.billing.UsageLedger;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.KeyProvider;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.extension.ExtensionStore;
import dev.tenantconnect.core.extension.InMemoryExtensionStore;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.onboarding.InMemoryInvitationStore;
import dev.tenantconnect.core.onboarding.InvitationStore;
import dev.tenantconnect.core.replication.InMemoryReplicationStateStore;
import dev.tenantconnect.core.replication.ReplicationStateStore;
import dev.tenantconnect.jdbc.JdbcCredentialStore;
import dev.tenantconnect.jdbc.JdbcExtensionStore;
import dev.tenantconnect.jdbc.JdbcJobJournal;
import dev.tenantconnect.jdbc.JdbcNumberInventory;
import dev.tenantconnect.jdbc.JdbcReplicationStateStore;
import dev.tenantconnect.jdbc.JdbcStores;
import dev.tenantconnect.jdbc.JdbcUsageLedger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The operator platform's stores as the CLI opens them: for the embedded default and {@code --store jdbc:URL} every
 * store in one database; for {@code --store memory} and {@code file:PATH} credentials as chosen, bulk journals in
 * files and the rest in memory (one invocation).
 *
 * @param credentials where tenant credentials live
 * @param inventory the number inventory
 * @param jobs bulk job journals
 * @param extensions the operator's extensions
 * @param usage the usage ledger behind billing
 * @param replication where replication's delta links are kept
 * @param invitations pending app-registration invitations
 * @param persistent whether the inventory, jobs and extensions outlive this invocation
 * @param audit the audit trail of writes to customer tenants and credential changes
 */
record Platform(CredentialStore credentials, NumberInventory inventory, JobJournal jobs, ExtensionStore extensions,
        UsageLedger usage, ReplicationStateStore replication, InvitationStore invitations, boolean persistent,
        dev.tenantconnect.core.audit.AuditLog audit) {

    /** The embedded database's name in the data directory (H2 adds {@code .mv.db}). */
    static final String EMBEDDED_DB = "tenantconnect";

    /**
     * Every store in one database.
     *
     * @param ds the database
     * @param keys the store key, for sealing credentials
     * @return the platform
     */
    static Platform database(DataSource ds, KeyProvider keys) {
        JdbcStores.migrate(ds);
        Clock clock = Clock.systemUTC();
        return new Platform(new JdbcCredentialStore(ds, keys, clock), new JdbcNumberInventory(ds,
                new NumberLifecycle(QuarantinePolicy.DEFAULT, clock), clock, new SplittableRandom()),
                new JdbcJobJournal(ds, clock, Duration.ofMinutes(5)), new JdbcExtensionStore(ds),
                new JdbcUsageLedger(ds), new JdbcReplicationStateStore(ds, clock),
                new dev.tenantconnect.jdbc.JdbcInvitationStore(ds), true, new dev.tenantconnect.jdbc.JdbcAuditLog(ds));
    }

    /**
     * Credentials as chosen; everything else for this invocation only (bulk journals in files).
     *
     * @param credentials the credential store
     * @param jobsDir where bulk journals go
     * @return the platform
     */
    static Platform transientStores(CredentialStore credentials, Path jobsDir) {
        Clock clock = Clock.systemUTC();
        return new Platform(credentials, new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT,
                clock), clock, new SplittableRandom()), new FileJobJournal(jobsDir), new InMemoryExtensionStore(),
                new InMemoryUsageLedger(), new InMemoryReplicationStateStore(), new InMemoryInvitationStore(), false,
                new dev.tenantconnect.core.audit.InMemoryAuditSink());
    }

    /**
     * @param dataDir the data directory (exists)
     * @return the embedded H2 database in it
     */
    static DataSource embedded(Path dataDir) {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        // open once per process (closed when the JVM exits) rather than once per statement; durable commits
        ds.setURL(durable("jdbc:h2:file:" + dataDir.resolve(EMBEDDED_DB).toAbsolutePath() + ";DB_CLOSE_DELAY=-1"));
        return ds;
    }

    /**
     * @param url a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL
     * @param password the database password, if any
     * @return the data source
     */
    static DataSource dataSource(String url, Supplier<Optional<String>> password) {
        if (url.startsWith("jdbc:h2:")) {
            org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
            ds.setURL(durable(url));
            password.get().ifPresent(ds::setPassword);
            return ds;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
            ds.setURL(url);
            password.get().ifPresent(ds::setPassword);
            return ds;
        }
        throw new ConfigurationException("--store jdbc: supports jdbc:postgresql: and jdbc:h2: URLs");
    }

    /**
     * An H2 URL whose commits survive a killed process. H2 keeps no redo log: by default it writes committed changes
     * to its file up to 500 ms later (its {@code WRITE_DELAY}), so a SIGKILL in that window loses transactions the
     * caller saw committed — an inventory reservation, a journal row — while the tenant already holds the number.
     * {@code WRITE_DELAY=0} writes at every commit; a URL that sets its own delay, or an in-memory database, is kept.
     *
     * @param url a {@code jdbc:h2:} URL
     * @return the URL with {@code WRITE_DELAY=0} unless it sets one or is in memory
     */
    static String durable(String url) {
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        if (upper.startsWith("JDBC:H2:MEM:") || upper.contains("WRITE_DELAY=")) {
            return url;
        }
        return url + ";WRITE_DELAY=0";
    }
}
