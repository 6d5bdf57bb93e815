/**
 * Enabling users for Teams calling — licence, number and assignment, which the customer's admin would otherwise do in
 * the Teams admin center under Voice &gt; Phone numbers — so the operator can add service for users without the
 * customer being a Teams administrator: {@link dev.tenantconnect.voice.enablement.UserEnablement} runs preflight,
 * allocation, upload, assignment and billing as one pipeline that compensates on failure and converges when re-run.
 * Its rules before any write are one pure function, {@link dev.tenantconnect.voice.enablement.EnablementPreflight},
 * shared with the bulk plan; every move of a number through the inventory lifecycle, single-user or batch, goes through
 * one internal class, so both record the same history and compensations. It reaches Microsoft through the ports of
 * {@code dev.tenantconnect.core.tenant}; Teams policies to grant are typed
 * ({@link dev.tenantconnect.core.tenant.TeamsPolicy}). Obtain it from {@code TenantConnectClient.enablement()}.
 */
package dev.tenantconnect.voice.enablement;
