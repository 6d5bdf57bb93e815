/**
 * Ports for the Microsoft side: what the services need from a customer tenant — directory reads
 * ({@link dev.tenantconnect.core.tenant.TenantDirectory}), Teams numbers ({@link dev.tenantconnect.core.tenant.TeamsNumbers}),
 * policy grants ({@link dev.tenantconnect.core.tenant.TeamsPolicies}), directory writes
 * ({@link dev.tenantconnect.core.tenant.DirectoryWrites}) and app-registration writes
 * ({@link dev.tenantconnect.core.tenant.AppRegistrations}), handed out per tenant by
 * {@link dev.tenantconnect.core.tenant.MicrosoftTenants} — and their value types. The graph-adapter implements them
 * over Microsoft Graph; the testkit implements them in memory. The operator provisioning port is
 * {@link dev.tenantconnect.core.provisioning.OperatorProvisioning}.
 */
package dev.tenantconnect.core.tenant;
