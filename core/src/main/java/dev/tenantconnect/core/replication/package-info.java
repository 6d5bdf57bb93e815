/** Replication state: where the next incremental read of each tenant starts. */
package dev.tenantconnect.core.replication;
