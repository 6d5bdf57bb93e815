/**
 * The operator-side number provisioning port (Operator Connect, seed 001 §3): which tenants consented to the
 * operator and for which countries, accounts per customer tenant, uploading and releasing numbers, and their sync
 * status. The SDK ships an implementation for the Azure Communications Gateway Provisioning API; operators who
 * integrate with Microsoft's operator API directly implement {@link dev.tenantconnect.core.provisioning.OperatorProvisioning}
 * themselves and pass it in.
 */
package dev.tenantconnect.core.provisioning;
