/**
 * Background replication: keep the operator's view of each customer tenant in step — users with their
 * licences, number assignments — incrementally with Graph delta queries, and report drift between the tenant and
 * the operator's inventory with a suggested action per finding.
 */
package dev.tenantconnect.voice.replication;
