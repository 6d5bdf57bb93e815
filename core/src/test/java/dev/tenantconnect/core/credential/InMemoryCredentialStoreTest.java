package dev.tenantconnect.core.credential;

import dev.tenantconnect.core.testing.FakeClock;

class InMemoryCredentialStoreTest extends CredentialStoreContract {
    @Override
    protected CredentialStore newStore(FakeClock clock) {
        return new InMemoryCredentialStore(clock);
    }
}
