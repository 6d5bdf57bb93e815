/**
 * The {@link dev.tenantconnect.core.provisioning.OperatorProvisioning} implementation for the Azure Communications
 * Gateway Provisioning API ({@link dev.tenantconnect.graph.provisioning.AcgProvisioningClient}). A refusal (HTTP 403)
 * is a {@link dev.tenantconnect.core.error.MissingPrivilegesException} naming the API's app roles that allow the call.
 */
package dev.tenantconnect.graph.provisioning;
