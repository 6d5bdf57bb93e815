package dev.tenantconnect.core.onboarding;

import dev.tenantconnect.core.testing.FakeClock;

/** The in-memory store passes the published contract. */
class InMemoryInvitationStoreTest extends InvitationStoreContract {
    @Override
    protected InvitationStore newStore(FakeClock clock) {
        return new InMemoryInvitationStore();
    }
}
