/**
 * The public facade and its services: tenant connection and verification, number inventory and lifecycle, user enablement, the operator provisioning API client. Filled by issues #4 and #5.
 */
package dev.tenantconnect.voice;
