/**
 * The operator's number inventory (dynamic number management and capacity planning): imports, atomic
 * allocation with selection strategies and reservation expiry, lifecycle moves recorded with who, when and why,
 * and the capacity view. {@link dev.tenantconnect.core.inventory.NumberInventory} is the port; the in-memory
 * implementation lives here and the JDBC one in {@code jdbc-store}.
 */
package dev.tenantconnect.core.inventory;
