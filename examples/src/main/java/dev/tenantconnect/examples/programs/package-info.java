/**
 * Example programs: one job each, commented, runnable on their own ({@code java -cp tenantconnect.jar
 * dev.tenantconnect.examples.programs.ConnectAndVerify}) against an embedded simulated cloud, and run in
 * {@code mvn verify}. {@link dev.tenantconnect.examples.programs.ExampleCloud} is the only scaffolding: in production
 * the connector points at {@code CloudEnvironment.GLOBAL} and the secrets come from your vault.
 */
package dev.tenantconnect.examples.programs;
