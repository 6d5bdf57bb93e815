package dev.tenantconnect.core.extension;

/** The in-memory extension store passes the extension store contract. */
class InMemoryExtensionStoreTest extends ExtensionStoreContract {
    @Override
    protected ExtensionStore newStore() {
        return new InMemoryExtensionStore();
    }
}
