/**
 * The exception hierarchy: one unchecked root, {@link dev.tenantconnect.core.error.TenantConnectException}, with client-side errors (validation, configuration, store) apart from service errors (status, service error code, request ID, tenant) and precise subtypes for throttling, missing privileges, licences, number conflicts, replication delay and answers that could not be read ({@link dev.tenantconnect.core.error.MalformedResponseException}: field and rule, never the value).
 */
package dev.tenantconnect.core.error;
