/**
 * Service plans by ID and a user's licence facts evaluated from assigned plans (Teams Phone, resource account, calling plans).
 */
package dev.tenantconnect.core.licensing;
