/**
 * Identifiers and values that validate themselves where they enter: tenant, client, service and user references, phone numbers and ranges, app registration names.
 */
package dev.tenantconnect.core.model;
