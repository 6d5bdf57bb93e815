/**
 * A simulated Microsoft cloud (Entra token endpoint, Graph subset, operator provisioning API) over HTTPS on 127.0.0.1, with fault injection, for our tests and downstream integration tests. Filled by issue #3.
 */
package dev.tenantconnect.testkit;
