/**
 * A sample operator platform on the Tenant Connect Spring Boot starter: a REST API (connect a tenant, verify, enable
 * a user, upload a bulk file and see its progress) and scheduled replication. The caller's operator principal comes
 * from the {@code X-Operator} header and is recorded in the audit trail.
 */
package dev.tenantconnect.examples.spring;
