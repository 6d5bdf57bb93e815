package dev.tenantconnect.jdbc;

import dev.tenantconnect.core.credential.CredentialStore;
import dev.tenantconnect.core.credential.CredentialStoreContract;
import dev.tenantconnect.core.credential.KeyProviders;
import dev.tenantconnect.core.credential.StoreKey;
import dev.tenantconnect.core.inventory.NumberInventory;
import dev.tenantconnect.core.inventory.NumberInventoryContract;
import dev.tenantconnect.core.number.NumberLifecycle;
import dev.tenantconnect.core.number.QuarantinePolicy;
import dev.tenantconnect.core.testing.FakeClock;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;

/** The same contracts the in-memory stores pass, against H2 and against real PostgreSQL. */
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
}
