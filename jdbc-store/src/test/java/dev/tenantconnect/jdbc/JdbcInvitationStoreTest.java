package dev.tenantconnect.jdbc;

import dev.tenantconnect.core.onboarding.InvitationStore;
import dev.tenantconnect.core.onboarding.InvitationStoreContract;
import dev.tenantconnect.core.testing.FakeClock;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;

/**
 * The invitation contract against H2 and real PostgreSQL; "reopen" is a second store instance on the same database,
 * as a restarted or second application instance would have.
 */
class JdbcInvitationStoreTest {
    @Nested
    class H2 extends InvitationStoreContract {
        private DataSource ds;

        @Override
        protected InvitationStore newStore(FakeClock clock) {
            ds = Databases.h2();
            return new JdbcInvitationStore(ds);
        }

        @Override
        protected InvitationStore reopen(InvitationStore store) {
            return new JdbcInvitationStore(ds);
        }
    }

    @Nested
    class Postgres extends InvitationStoreContract {
        private DataSource ds;

        @Override
        protected InvitationStore newStore(FakeClock clock) {
            ds = Databases.postgres();
            return new JdbcInvitationStore(ds);
        }

        @Override
        protected InvitationStore reopen(InvitationStore store) {
            return new JdbcInvitationStore(ds);
        }
    }
}
