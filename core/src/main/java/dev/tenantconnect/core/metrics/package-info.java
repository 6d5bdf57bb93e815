/**
 * A small metrics and observation SPI so the SDK can be measured without core depending on any metrics library:
 * {@link dev.tenantconnect.core.metrics.MetricsRecorder} (no-op by default; the Spring Boot autoconfigure module
 * implements it with Micrometer), the meter names in {@link dev.tenantconnect.core.metrics.MetricNames}, tags in
 * {@link dev.tenantconnect.core.metrics.MetricTags}, observations of public operations with
 * {@link dev.tenantconnect.core.metrics.Observations}, and metering decorators for the inventory and the job
 * journal in {@link dev.tenantconnect.core.metrics.Metering}.
 */
package dev.tenantconnect.core.metrics;
