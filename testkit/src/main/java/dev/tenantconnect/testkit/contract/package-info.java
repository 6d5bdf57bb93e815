/**
 * Published contract tests: {@link dev.tenantconnect.testkit.contract.MicrosoftPortsContract} checks an
 * implementation of the Microsoft-side ports ({@code dev.tenantconnect.core.tenant}) — the graph-adapter against the
 * simulator, the testkit's in-memory fake, or a stand-in of your own — with the same expectations. Needs JUnit 5 on
 * the test class path.
 */
package dev.tenantconnect.testkit.contract;
