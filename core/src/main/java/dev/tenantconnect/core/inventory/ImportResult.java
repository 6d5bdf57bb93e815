package dev.tenantconnect.core.inventory;

/**
 * What an import did.
 *
 * @param added numbers added as available
 * @param alreadyPresent numbers skipped because the inventory had them
 */
public record ImportResult(long added, long alreadyPresent) {
}
