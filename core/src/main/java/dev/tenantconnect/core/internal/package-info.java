/**
 * Implementation details of the core module. Not API: nothing outside this module may import it, and it may change in any release.
 */
package dev.tenantconnect.core.internal;
