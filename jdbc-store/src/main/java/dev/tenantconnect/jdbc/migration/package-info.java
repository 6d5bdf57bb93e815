/**
 * Schema migrations written in Java, for steps that differ between PostgreSQL and H2; Flyway finds them beside the SQL
 * migrations of the same folder. Not API.
 */
package dev.tenantconnect.jdbc.migration;
