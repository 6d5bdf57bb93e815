/**
 * PostgreSQL (production) and H2 (embedded) implementations of the store ports, so several operator instances share
 * credentials and the number inventory through one database. Take a {@link javax.sql.DataSource} from the
 * application (HikariCP is the usual choice); run {@link dev.tenantconnect.jdbc.JdbcStores#migrate} once at start.
 */
package dev.tenantconnect.jdbc;
