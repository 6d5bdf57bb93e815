/**
 * Transport retry and consistency polling policies on Resilience4j with injected clock and sleeper, per-tenant rate limiters and bulkheads, and the holder that wires them globally or per tenant.
 */
package dev.tenantconnect.core.resilience;
