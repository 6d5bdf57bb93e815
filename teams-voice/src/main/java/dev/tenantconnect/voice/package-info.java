/**
 * The public facade operators embed, {@link dev.tenantconnect.voice.TenantConnect}: connect a customer tenant,
 * verify its setup (one report with every finding, {@link dev.tenantconnect.voice.Check} names as constants),
 * create app registrations with an admin's sign-in, upgrade and rotate credentials, onboard Direct Routing domains,
 * report credential expiry.
 */
package dev.tenantconnect.voice;
