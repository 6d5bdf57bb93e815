/**
 * JMH micro-benchmarks and the end-to-end throughput harness against the simulator: measured, never asserted. Filled by issue #10.
 */
package dev.tenantconnect.benchmarks;
