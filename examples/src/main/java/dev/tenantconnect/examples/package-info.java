/**
 * The tenantconnect CLI (picocli), runnable example programs and the one-command demo. Filled by issue #9.
 */
package dev.tenantconnect.examples;
