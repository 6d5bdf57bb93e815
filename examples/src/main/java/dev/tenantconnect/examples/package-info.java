/**
 * Programs an operator's engineer copies from: the {@code tenantconnect} command-line tool
 * ({@link dev.tenantconnect.examples.cli.TenantConnectCli}) and the demo that walks the whole story against the
 * simulated Microsoft cloud ({@link dev.tenantconnect.examples.demo.Demo}).
 */
package dev.tenantconnect.examples;
