/**
 * Pending invitations of the app-registration wizard: the operator's onboarding flow creates
 * one, the customer admin completes it later, and its result is picked up by ID. App-registration names are unique
 * per service within a tenant.
 */
package dev.tenantconnect.core.onboarding;
