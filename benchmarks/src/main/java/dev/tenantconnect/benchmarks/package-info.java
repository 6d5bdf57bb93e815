/**
 * JMH micro-benchmarks and the end-to-end throughput harness against the simulator: measured, never asserted.
 */
package dev.tenantconnect.benchmarks;
