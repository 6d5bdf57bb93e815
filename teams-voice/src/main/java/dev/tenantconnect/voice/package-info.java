/**
 * The public facade operators embed, {@link dev.tenantconnect.voice.TenantConnect}: connect a customer tenant,
 * verify its setup (one report with every finding), report credential expiry. App-registration creation, upgrades,
 * rotation, Direct Routing onboarding and the number lifecycle arrive with issues #4 and #5.
 */
package dev.tenantconnect.voice;
