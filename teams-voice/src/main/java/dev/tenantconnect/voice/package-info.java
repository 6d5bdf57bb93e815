/**
 * The root client, {@link dev.tenantconnect.voice.TenantConnectClient}: one builder takes the shared wiring (cloud,
 * credential store, inventory, operator provisioning API, clock, sleeper, resilience policies, executor, stores) and
 * hands out the focused services — {@link dev.tenantconnect.voice.Connections},
 * {@link dev.tenantconnect.voice.Verification} (one report with every finding,
 * {@link dev.tenantconnect.voice.Check} names as constants),
 * {@link dev.tenantconnect.voice.AppRegistrationService}, {@link dev.tenantconnect.voice.CredentialRotation},
 * {@link dev.tenantconnect.voice.DirectRoutingOnboarding}, {@link dev.tenantconnect.voice.Reports}, user enablement
 * and replication. Each service owns its logic and reads and writes Microsoft through the ports of
 * {@code dev.tenantconnect.core.tenant}; the Graph connector is used directly only where the ports do not reach (an
 * admin's delegated token, a delegated connection's refresh token, a new certificate).
 */
package dev.tenantconnect.voice;
