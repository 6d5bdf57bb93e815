package dev.tenantconnect.examples.cli;

import dev.tenantconnect.bulk.FileJobJournal;
import dev.tenantconnect.bulk.JobJournal;
import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.error.ConfigurationException;
import dev.tenantconnect.core.extension.ExtensionStore;
import dev.tenantconnect.core.extension.InMemoryExtensionStore;
import dev.tenantconnect.core.inventory.InMemoryNumberInventory;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.jdbc.JdbcCredentialStore;
import dev.tenantconnect.jdbc.JdbcExtensionStore;
import dev.tenantconnect.jdbc.JdbcJobJournal;
import dev.tenantconnect.jdbc.JdbcNumberInventory;
import dev.tenantconnect.jdbc.JdbcStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.sql.DataSource;

/**
 * The operator platform's stores as the CLI opens them: credentials, inventory, bulk jobs and extensions, all in one
 * database for {@code --store jdbc:URL}; otherwise credentials as chosen and the rest in memory (one invocation).
 *
 * @param credentials where tenant credentials live
 * @param inventory the number inventory
 * @param jobs bulk job journals
 * @param extensions the operator's extensions
 * @param usage the usage ledger behind billing
 * @param replication where replication's delta links are kept
 * @param persistent whether the inventory, jobs and extensions outlive this invocation
 */
record Platform(CredentialStore credentials, NumberInventory inventory, JobJournal jobs, ExtensionStore extensions,
        dev.tenantconnect.core.billing.UsageLedger usage,
        dev.tenantconnect.core.replication.ReplicationStateStore replication, boolean persistent) {

    /**
     * @param store the {@code --store} value
     * @param dbPasswordEnv the variable holding the database password, if any
     * @param credentials the credential store for non-JDBC stores
     * @param jobsDir where file journals go for non-JDBC stores
     * @param keys the store key, for sealing credentials in the database
     * @return the platform
     */
    static Platform open(String store, Optional<String> dbPasswordEnv, CredentialStore credentials, Path jobsDir,
            java.util.function.Supplier<dev.tenantconnect.core.credential.KeyProvider> keys) {
        if (store.startsWith("jdbc:")) {
            DataSource ds = dataSource(store, dbPasswordEnv.map(v -> Optional.ofNullable(System.getenv(v))
                    .orElseThrow(() -> new ConfigurationException("environment variable " + v + " is not set"))));
            JdbcStores.migrate(ds);
            Clock clock = Clock.systemUTC();
            return new Platform(new JdbcCredentialStore(ds, keys.get(), clock), new JdbcNumberInventory(ds, new NumberLifecycle(QuarantinePolicy.DEFAULT, clock), clock,
                            new SplittableRandom()), new JdbcJobJournal(ds, clock, Duration.ofMinutes(5)),
                    new JdbcExtensionStore(ds), new dev.tenantconnect.jdbc.JdbcUsageLedger(ds),
                    new dev.tenantconnect.jdbc.JdbcReplicationStateStore(ds, clock), true);
        }
        return new Platform(credentials, new InMemoryNumberInventory(new NumberLifecycle(QuarantinePolicy.DEFAULT,
                Clock.systemUTC()), Clock.systemUTC(), new SplittableRandom()), new FileJobJournal(jobsDir),
                new InMemoryExtensionStore(), new dev.tenantconnect.core.billing.InMemoryUsageLedger(),
                new dev.tenantconnect.core.replication.InMemoryReplicationStateStore(), false);
    }

    static DataSource dataSource(String url, Optional<String> password) {
        if (url.startsWith("jdbc:h2:")) {
            org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
            ds.setURL(url);
            password.ifPresent(ds::setPassword);
            return ds;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
            ds.setURL(url);
            password.ifPresent(ds::setPassword);
            return ds;
        }
        throw new ConfigurationException("--store jdbc: supports jdbc:postgresql: and jdbc:h2: URLs");
    }
}
