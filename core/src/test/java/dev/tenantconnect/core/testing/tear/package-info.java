/** Test support: a default file system provider that tears one chosen write, for crash tests in a child JVM. */
package dev.tenantconnect.core.testing.tear;
