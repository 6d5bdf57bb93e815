/**
 * The root client, {@link dev.tenantconnect.voice.TenantConnectClient}: one builder takes the shared wiring (cloud,
 * credential store, inventory, operator provisioning API, clock, sleeper, resilience policies, executor, stores) and
 * hands out the focused services — {@link dev.tenantconnect.voice.Connections},
 * {@link dev.tenantconnect.voice.Verification} (one report with every finding,
 * {@link dev.tenantconnect.voice.Check} names as constants),
 * {@link dev.tenantconnect.voice.AppRegistrations}, {@link dev.tenantconnect.voice.CredentialRotation},
 * {@link dev.tenantconnect.voice.DirectRoutingOnboarding}, {@link dev.tenantconnect.voice.Reports}, user enablement
 * and replication. {@link dev.tenantconnect.voice.TenantConnect} is the connection facade underneath.
 */
package dev.tenantconnect.voice;
