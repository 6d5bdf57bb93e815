/** The one-command demo: the simulated cloud, a customer tenant, and the library doing the operator's work. */
package dev.tenantconnect.examples.demo;
