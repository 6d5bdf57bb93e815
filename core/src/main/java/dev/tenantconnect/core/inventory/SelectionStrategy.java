package dev.tenantconnect.core.inventory;

/** How {@link NumberInventory#allocate} picks among the available numbers that match. */
public enum SelectionStrategy {
    /** The numerically lowest. */
    LOWEST,
    /** A random one (spreads numbers over the pool). */
    RANDOM,
    /** The lowest above the last number allocated for the same tenant (sequential blocks per customer). */
    SEQUENTIAL_AFTER_LAST,
    /** The lowest next to a number the tenant already holds, else the lowest (keeps a tenant's numbers together). */
    KEEP_RANGES_TOGETHER
}
