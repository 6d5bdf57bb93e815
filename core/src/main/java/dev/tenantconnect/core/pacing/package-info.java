/**
 * One pacing budget per (application, tenant) shared by every instance of a deployment: Microsoft's throttling
 * budget belongs to that pair, not to a JVM, so the instances draw their permits from one token bucket (in memory for
 * one process, in the database for several) whose rate any instance's 429 or learned refill rate updates.
 */
package dev.tenantconnect.core.pacing;
