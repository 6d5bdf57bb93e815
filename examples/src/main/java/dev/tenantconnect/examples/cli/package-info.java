/** The {@code tenantconnect} command-line tool (picocli): one class per command group. */
package dev.tenantconnect.examples.cli;
