/**
 * A simulated Microsoft cloud (Entra token endpoint, Graph subset, operator provisioning API) over HTTPS on 127.0.0.1,
 * with fault injection, for our tests and downstream integration tests:
 * {@link dev.tenantconnect.testkit.MicrosoftCloudSimulator} (or the JUnit extension
 * {@link dev.tenantconnect.testkit.SimulatorExtension}); point the SDK at it with one call,
 * {@code GraphConnector.builder().endpoints(simulator.endpoints())}. For unit tests without HTTPS,
 * {@link dev.tenantconnect.testkit.InMemoryMicrosoftTenants} implements the same Microsoft-side ports in memory.
 */
package dev.tenantconnect.testkit;
