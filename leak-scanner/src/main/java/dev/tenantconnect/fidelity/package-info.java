/**
 * Test support: every exchange the simulated Microsoft cloud serves is checked against Microsoft's published
 * descriptions — Graph answers against the v1.0 CSDL ({@link dev.tenantconnect.fidelity.CsdlSchema}), provisioning
 * API requests and answers against its swagger (Atlassian's swagger-request-validator). The auto-detected
 * {@link dev.tenantconnect.fidelity.ExchangeValidationExtension} fails a test class in which a violation occurred.
 */
package dev.tenantconnect.fidelity;
