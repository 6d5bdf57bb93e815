/** Implementation details of the JDBC stores; not API. */
package dev.tenantconnect.jdbc.internal;
