/**
 * JDBC implementations of the store ports on PostgreSQL and H2 with Flyway migrations; every store passes the core contract tests. Filled by issue #7.
 */
package dev.tenantconnect.jdbc;
