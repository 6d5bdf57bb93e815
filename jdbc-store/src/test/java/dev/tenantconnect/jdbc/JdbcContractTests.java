package dev.tenantconnect.jdbc;

import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.CredentialStoreContract;
import dev.tenantconnect.core.credential.KeyProviders;
import dev.tenantconnect.core.credential.StoreKey;
import dev.tenantconnect.core.billing.UsageLedger;
import dev.tenantconnect.core.billing.UsageLedgerContract;
import dev.tenantconnect.core.extension.ExtensionStore;
import dev.tenantconnect.core.extension.ExtensionStoreContract;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.inventory.NumberInventoryContract;
import dev.tenantconnect.core.job.JobJournal;
import dev.tenantconnect.core.job.JobJournalContract;
import dev.tenantconnect.core.job.JobUnitsContract;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.pacing.PacingBudget;
import dev.tenantconnect.core.pacing.PacingBudgetContract;
import dev.tenantconnect.core.replication.ReplicationLeases;
import dev.tenantconnect.core.replication.ReplicationLeasesContract;
import dev.tenantconnect.core.replication.ReplicationStateStore;
import dev.tenantconnect.core.replication.ReplicationStateStoreContract;
import dev.tenantconnect.core.testing.FakeClock;
import java.time.Duration;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;

/**
 * The same contracts the in-memory and file stores pass (published in core's test-jar), against H2 and against real
 * PostgreSQL: every store port of the JDBC store.
 */
class JdbcContractTests {
    private static final StoreKey KEY = StoreKey.generate();

    @Nested
    class H2Inventory extends NumberInventoryContract {
        @Override
        protected NumberInventory newInventory(FakeClock clock, QuarantinePolicy quarantine) {
            return new JdbcNumberInventory(Databases.h2(), new NumberLifecycle(quarantine, clock), clock,
                    new SplittableRandom(7));
        }
    }

    @Nested
    class PostgresInventory extends NumberInventoryContract {
        @Override
        protected NumberInventory newInventory(FakeClock clock, QuarantinePolicy quarantine) {
            return new JdbcNumberInventory(Databases.postgres(), new NumberLifecycle(quarantine, clock), clock,
                    new SplittableRandom(7));
        }
    }

    @Nested
    class H2PacingBudget extends PacingBudgetContract {
        private DataSource ds;

        @Override
        protected PacingBudget newBudget(FakeClock clock) {
            ds = Databases.h2();
            return new JdbcPacingBudget(ds, clock);
        }

        @Override
        protected PacingBudget reopen(PacingBudget budget, FakeClock clock) {
            return new JdbcPacingBudget(ds, clock);
        }
    }

    @Nested
    class PostgresPacingBudget extends PacingBudgetContract {
        private DataSource ds;

        @Override
        protected PacingBudget newBudget(FakeClock clock) {
            ds = Databases.postgres();
            return new JdbcPacingBudget(ds, clock);
        }

        @Override
        protected PacingBudget reopen(PacingBudget budget, FakeClock clock) {
            return new JdbcPacingBudget(ds, clock);
        }
    }

    @Nested
    class H2ReplicationLeases extends ReplicationLeasesContract {
        private DataSource ds;

        @Override
        protected ReplicationLeases newLeases(FakeClock clock) {
            ds = Databases.h2();
            return new JdbcReplicationLeases(ds, clock);
        }

        @Override
        protected ReplicationLeases reopen(ReplicationLeases leases, FakeClock clock) {
            return new JdbcReplicationLeases(ds, clock);
        }
    }

    @Nested
    class PostgresReplicationLeases extends ReplicationLeasesContract {
        private DataSource ds;

        @Override
        protected ReplicationLeases newLeases(FakeClock clock) {
            ds = Databases.postgres();
            return new JdbcReplicationLeases(ds, clock);
        }

        @Override
        protected ReplicationLeases reopen(ReplicationLeases leases, FakeClock clock) {
            return new JdbcReplicationLeases(ds, clock);
        }
    }

    @Nested
    class H2Credentials extends CredentialStoreContract {
        @Override
        protected CredentialStore newStore(FakeClock clock) {
            return new JdbcCredentialStore(Databases.h2(), KeyProviders.fixed(KEY), clock);
        }
    }

    @Nested
    class PostgresCredentials extends CredentialStoreContract {
        @Override
        protected CredentialStore newStore(FakeClock clock) {
            return new JdbcCredentialStore(Databases.postgres(), KeyProviders.fixed(KEY), clock);
        }
    }

    @Nested
    class H2Journal extends JobJournalContract {
        private DataSource ds;

        @Override
        protected JobJournal newJournal(FakeClock clock) {
            ds = Databases.h2();
            return new JdbcJobJournal(ds, clock, Duration.ofMinutes(5));
        }

        @Override
        protected JobJournal reopen(JobJournal journal, FakeClock clock) {
            return new JdbcJobJournal(ds, clock, Duration.ofMinutes(5));
        }
    }

    @Nested
    class H2Ledger extends UsageLedgerContract {
        private DataSource ds;

        @Override
        protected UsageLedger newLedger() {
            ds = Databases.h2();
            return new JdbcUsageLedger(ds);
        }

        @Override
        protected UsageLedger reopen(UsageLedger ledger) {
            return new JdbcUsageLedger(ds);
        }
    }

    @Nested
    class H2Extensions extends ExtensionStoreContract {
        private DataSource ds;

        @Override
        protected ExtensionStore newStore() {
            ds = Databases.h2();
            return new JdbcExtensionStore(ds);
        }

        @Override
        protected ExtensionStore reopen(ExtensionStore store) {
            return new JdbcExtensionStore(ds);
        }
    }

    @Nested
    class H2ReplicationState extends ReplicationStateStoreContract {
        private DataSource ds;

        @Override
        protected ReplicationStateStore newStore() {
            ds = Databases.h2();
            return new JdbcReplicationStateStore(ds, FakeClock.atEpoch2026());
        }

        @Override
        protected ReplicationStateStore reopen(ReplicationStateStore store) {
            return new JdbcReplicationStateStore(ds, FakeClock.atEpoch2026());
        }
    }

    @Nested
    class PostgresJournal extends JobJournalContract {
        private DataSource ds;

        @Override
        protected JobJournal newJournal(FakeClock clock) {
            ds = Databases.postgres();
            return new JdbcJobJournal(ds, clock, Duration.ofMinutes(5));
        }

        @Override
        protected JobJournal reopen(JobJournal journal, FakeClock clock) {
            return new JdbcJobJournal(ds, clock, Duration.ofMinutes(5));
        }
    }

    @Nested
    class PostgresLedger extends UsageLedgerContract {
        private DataSource ds;

        @Override
        protected UsageLedger newLedger() {
            ds = Databases.postgres();
            return new JdbcUsageLedger(ds);
        }

        @Override
        protected UsageLedger reopen(UsageLedger ledger) {
            return new JdbcUsageLedger(ds);
        }
    }

    @Nested
    class PostgresExtensions extends ExtensionStoreContract {
        private DataSource ds;

        @Override
        protected ExtensionStore newStore() {
            ds = Databases.postgres();
            return new JdbcExtensionStore(ds);
        }

        @Override
        protected ExtensionStore reopen(ExtensionStore store) {
            return new JdbcExtensionStore(ds);
        }
    }

    @Nested
    class PostgresReplicationState extends ReplicationStateStoreContract {
        private DataSource ds;

        @Override
        protected ReplicationStateStore newStore() {
            ds = Databases.postgres();
            return new JdbcReplicationStateStore(ds, FakeClock.atEpoch2026());
        }

        @Override
        protected ReplicationStateStore reopen(ReplicationStateStore store) {
            return new JdbcReplicationStateStore(ds, FakeClock.atEpoch2026());
        }
    }

    @Nested
    class H2AuditLog extends dev.tenantconnect.core.audit.AuditLogContract {
        private DataSource ds;

        @Override
        protected dev.tenantconnect.core.audit.AuditLog newLog() {
            ds = Databases.h2();
            return new JdbcAuditLog(ds);
        }

        @Override
        protected dev.tenantconnect.core.audit.AuditLog reopen(dev.tenantconnect.core.audit.AuditLog log) {
            return new JdbcAuditLog(ds);
        }
    }

    @Nested
    class PostgresAuditLog extends dev.tenantconnect.core.audit.AuditLogContract {
        private DataSource ds;

        @Override
        protected dev.tenantconnect.core.audit.AuditLog newLog() {
            ds = Databases.postgres();
            return new JdbcAuditLog(ds);
        }

        @Override
        protected dev.tenantconnect.core.audit.AuditLog reopen(dev.tenantconnect.core.audit.AuditLog log) {
            return new JdbcAuditLog(ds);
        }
    }

    @Nested
    class H2Units extends JobUnitsContract {
        private DataSource ds;

        @Override
        protected JobJournal newJournal(FakeClock clock, Duration lease) {
            ds = Databases.h2();
            return new JdbcJobJournal(ds, clock, lease);
        }

        @Override
        protected JobJournal reopen(JobJournal journal, FakeClock clock) {
            return new JdbcJobJournal(ds, clock, LEASE);
        }
    }

    /** The metered decorator the root client puts around a journal keeps the work-unit port and its contract. */
    @Nested
    class H2MeteredUnits extends JobUnitsContract {
        private DataSource ds;

        @Override
        protected JobJournal newJournal(FakeClock clock, Duration lease) {
            ds = Databases.h2();
            return dev.tenantconnect.core.metrics.Metering.journal(new JdbcJobJournal(ds, clock, lease),
                    new dev.tenantconnect.core.metrics.RecordingMetrics());
        }

        @Override
        protected JobJournal reopen(JobJournal journal, FakeClock clock) {
            return dev.tenantconnect.core.metrics.Metering.journal(new JdbcJobJournal(ds, clock, LEASE),
                    new dev.tenantconnect.core.metrics.RecordingMetrics());
        }
    }

    @Nested
    class PostgresUnits extends JobUnitsContract {
        private DataSource ds;

        @Override
        protected JobJournal newJournal(FakeClock clock, Duration lease) {
            ds = Databases.postgres();
            return new JdbcJobJournal(ds, clock, lease);
        }

        @Override
        protected JobJournal reopen(JobJournal journal, FakeClock clock) {
            return new JdbcJobJournal(ds, clock, LEASE);
        }
    }
}
