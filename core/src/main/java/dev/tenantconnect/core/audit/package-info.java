/**
 * The audit trail: who (the operator principal) changed what in which customer tenant, when, with which result and
 * under which Microsoft correlation IDs — never a secret. {@link dev.tenantconnect.core.audit.AuditSink} is the SPI;
 * {@link dev.tenantconnect.core.audit.InMemoryAuditSink} and {@link dev.tenantconnect.core.audit.Slf4jAuditSink} are
 * two sinks (the {@code jdbc-store} module adds an append-only table), {@link dev.tenantconnect.core.audit.Auditor}
 * is what the SDK's write paths record through, and {@link dev.tenantconnect.core.audit.AuditingCredentialStore}
 * records every credential-store change.
 */
package dev.tenantconnect.core.audit;
