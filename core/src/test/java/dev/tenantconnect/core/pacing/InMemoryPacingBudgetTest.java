package dev.tenantconnect.core.pacing;

import dev.tenantconnect.core.testing.FakeClock;

/** The in-memory budget passes the contract. */
class InMemoryPacingBudgetTest extends PacingBudgetContract {
    @Override
    protected PacingBudget newBudget(FakeClock clock) {
        return new InMemoryPacingBudget(clock);
    }
}
