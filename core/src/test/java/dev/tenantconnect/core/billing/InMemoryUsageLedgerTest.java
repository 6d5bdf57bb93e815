package dev.tenantconnect.core.billing;

/** The in-memory ledger passes the ledger contract. */
class InMemoryUsageLedgerTest extends UsageLedgerContract {
    @Override
    protected UsageLedger newLedger() {
        return new InMemoryUsageLedger();
    }
}
