/**
 * The operator-side number provisioning port (Operator Connect numbers, uploaded by the operator to the customer
 * tenant, where the admin sees them in the Teams admin center under Voice &gt; Phone numbers): which tenants consented
 * to the operator and for which countries, accounts per customer tenant, uploading and releasing numbers, and their
 * sync status. The SDK ships an implementation for the Azure Communications Gateway Provisioning API; operators who
 * integrate with Microsoft's operator API directly implement
 * {@link dev.tenantconnect.core.provisioning.OperatorProvisioning} themselves and pass it in.
 */
package dev.tenantconnect.core.provisioning;
