/**
 * Test support: register every secret the tests create ({@link dev.tenantconnect.leaks.LeakRegistry}); the
 * auto-detected {@link dev.tenantconnect.leaks.LeakScannerExtension} fails any test class whose log lines (all
 * levels), console output or exception messages contain one.
 */
package dev.tenantconnect.leaks;
