/**
 * The {@link dev.tenantconnect.core.provisioning.OperatorProvisioning} implementation for the Azure Communications
 * Gateway Provisioning API ({@link dev.tenantconnect.voice.provisioning.AcgProvisioningClient}).
 */
package dev.tenantconnect.voice.provisioning;
