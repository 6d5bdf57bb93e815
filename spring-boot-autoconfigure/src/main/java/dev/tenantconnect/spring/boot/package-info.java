/**
 * Spring Boot auto-configuration of the Tenant Connect SDK: {@code tenantconnect.*} properties
 * ({@link dev.tenantconnect.spring.boot.TenantConnectProperties}), the root client, its services, the stores and the
 * audit sink as beans (each replaceable by a bean of the application's own), Micrometer meters and observations
 * ({@link dev.tenantconnect.spring.boot.MicrometerMetricsRecorder}), an Actuator health indicator and an info
 * contributor.
 */
package dev.tenantconnect.spring.boot;
